import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectConsoleErrors } from './support/site.ts';

/** Presses a key with `target` focused, the way a keyboard user reaches and uses a control. */
async function press(target: Locator, key: string): Promise<void> {
  await target.focus();
  await target.press(key);
}

async function openLivingEquation(page: Page): Promise<Locator> {
  await page.goto('/chapters/residual-block/');
  const island = page.locator('.living-equation');
  await island.scrollIntoViewIfNeeded();
  await expect(island).toHaveAttribute('data-ready', 'true');
  return island;
}

test.describe('living equation', () => {
  test('terms and diagram parts highlight each other on focus', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const island = await openLivingEquation(page);
    const term = (id: string): Locator => island.locator(`[data-term="${id}"]`).first();
    const part = (id: string): Locator => island.locator(`[data-part="${id}"]`);

    await term('z').focus();
    for (const id of ['w1', 'act1', 'w2']) await expect(part(id)).toHaveClass(/is-lit/);
    await expect(part('shortcut')).not.toHaveClass(/is-lit/);

    await page.keyboard.press('Tab'); // the "+" term
    await expect(part('add')).toHaveClass(/is-lit/);
    await page.keyboard.press('Tab'); // a^[l]
    await expect(part('shortcut')).toHaveClass(/is-lit/);
    await expect(part('in')).toHaveClass(/is-lit/);

    await part('act2').focus();
    await expect(term('g')).toHaveClass(/is-lit/);
    await expect(term('z')).not.toHaveClass(/is-lit/);
    expect(errors).toEqual([]);
  });

  test('zero weights give the identity, and each caveat breaks it', async ({ page }) => {
    const island = await openLivingEquation(page);
    const status = island.getByRole('status');
    await expect(status).toContainText('≠');

    await press(island.getByRole('button', { name: 'Zero the second layer' }), 'Enter');
    await expect(status).toHaveText(/exactly/);

    await press(island.getByLabel('Let a[l] have negative entries'), 'Space');
    await expect(status).toContainText('negative entries');

    await press(island.getByRole('radio', { name: /Pre-activation/ }), 'Space');
    await expect(status).toHaveText(/exactly/);

    await press(island.getByRole('button', { name: 'Reset' }), 'Enter');
    await press(island.getByLabel('BatchNorm in the branch'), 'Space');
    await press(island.getByRole('button', { name: 'Zero the second layer' }), 'Enter');
    await expect(status).toHaveText(/exactly/);
    const beta = island.getByRole('slider', { name: /β/ });
    await press(beta, 'ArrowRight');
    await expect(beta).toHaveValue('0.1');
    await expect(status).toContainText('β');
  });
});

test.describe('shortcut options', () => {
  test('switching A and B by keyboard changes the shortcut and its cost', async ({ page }) => {
    await page.goto('/chapters/residual-block/');
    const island = page.locator('.shortcut-options');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true');
    const status = island.getByRole('status');
    await expect(status).toContainText('Option A: the shortcut adds 0 parameters');
    const a = island.getByRole('radio', { name: /Option A/ });
    await a.focus();
    await page.keyboard.press('ArrowDown');
    await expect(island.getByRole('radio', { name: /Option B/ })).toBeChecked();
    await expect(status).toContainText('Option B: the shortcut adds 8,448 parameters');
    await expect(island.getByRole('row', { name: /projection W_s/ })).toContainText('28×28×128');
    await expect(island.locator('tr[aria-current="true"]')).toContainText('21,797,672');
  });
});
