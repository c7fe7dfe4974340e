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
    await expect(island.getByRole('row', { name: /projection Wₛ/ })).toContainText('28×28×128');
    await expect(island.locator('tr[aria-current="true"]')).toContainText('21,797,672');
  });
});

/** Reads "plain loss X, residual loss Y" from a status line. */
function lossesOf(text: string): { plain: number; residual: number } {
  const m = /plain loss (\d+\.\d+), residual loss (\d+\.\d+)/.exec(text);
  return { plain: Number(m?.[1]), residual: Number(m?.[2]) };
}

test.describe('learning the identity', () => {
  test('Start, Pause, Resume and Reset by keyboard; the residual stack wins', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = collectConsoleErrors(page);
    await page.goto('/chapters/residual-block/');
    const island = page.locator('.identity-experiment');
    await island.scrollIntoViewIfNeeded();
    await expect(island).toHaveAttribute('data-ready', 'true');
    const step = island.getByTestId('identity-step');
    await expect(step).toHaveText('0');

    await press(island.getByRole('button', { name: 'Start training' }), 'Enter');
    await expect(island.getByTestId('backend')).toContainText(/Backend: (WebGPU|WebGL|WASM|CPU)/);
    await expect.poll(async () => Number(await step.textContent()), { timeout: 60_000 }).toBeGreaterThan(10);

    await press(island.getByRole('button', { name: 'Pause' }), 'Enter');
    await expect(island).toHaveAttribute('data-phase', 'paused');
    const paused = await step.textContent();
    await page.waitForTimeout(500);
    await expect(step).toHaveText(paused ?? '');

    await press(island.getByRole('button', { name: 'Resume' }), 'Enter');
    await expect(island).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
    const done = lossesOf((await island.getByRole('status').textContent()) ?? '');
    expect(done.residual).toBeLessThan(done.plain / 3);

    await press(island.getByRole('button', { name: 'Reset' }), 'Enter');
    await expect(step).toHaveText('0');
    await expect(island.getByRole('button', { name: 'Start training' })).toBeEnabled();
    expect(errors).toEqual([]);
  });
});
