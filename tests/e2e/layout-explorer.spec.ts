/**
 * The ResNet layout explorer on /architectures/resnet/, driven by keyboard as a reader would.
 * Figures asserted here are the ones tests/unit/models checks against the fact sheet.
 */
import { expect, test } from '@playwright/test';

test.describe('ResNet layout explorer', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/architectures/resnet/');
    const explorer = page.getByRole('region', { name: 'ResNet layout explorer' });
    await explorer.scrollIntoViewIfNeeded();
    // client:visible: wait until the island is hydrated before pressing keys.
    await expect(page.locator('astro-island', { has: explorer })).not.toHaveAttribute('ssr', /.*/);
  });

  test('arrow keys move through stages and blocks and the details follow', async ({ page }) => {
    const explorer = page.getByRole('region', { name: 'ResNet layout explorer' });
    const list = explorer.getByRole('listbox', { name: 'Stages and blocks' });
    await list.focus();
    await expect(list).toBeFocused();
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^conv1/);

    // conv1, conv2_x, max pool, conv2_1, conv2_2, conv2_3, conv3_x, conv3_1
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^conv3_1/);
    const details = explorer.locator('.zoo-explorer-details');
    await expect(details).toContainText('56×56×64');
    await expect(details).toContainText('28×28×128');
    await expect(details).toContainText('230,144');
    await expect(details).toContainText('projection shortcut');
    await expect(details).toContainText('83 px');
    await expect(explorer.locator('[data-id="stage2_block1_conv1"]')).toHaveClass(/zoo-active/);
    await expect(explorer.locator('[data-id="stage3_block1_conv1"]')).not.toHaveClass(/zoo-active/);

    await page.keyboard.press('End');
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^1000-d fc/);
    await expect(details).toContainText('513,000');
    await expect(details).toContainText('the whole image');
    await page.keyboard.press('Home');
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^conv1/);
  });

  test('the network is chosen with the keyboard too', async ({ page }) => {
    const explorer = page.getByRole('region', { name: 'ResNet layout explorer' });
    const list = explorer.getByRole('listbox', { name: 'Stages and blocks' });
    await list.focus();
    await page.keyboard.press('Shift+Tab');
    await expect(explorer.getByRole('radio', { name: 'ResNet-34' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(explorer.getByRole('radio', { name: 'ResNet-50' })).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(list).toBeFocused();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    const details = explorer.locator('.zoo-explorer-details');
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^conv3_1/);
    await expect(details).toContainText('28×28×512');
    await expect(details).toContainText('379,392');

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await expect(explorer.getByRole('radio', { name: 'plain-34' })).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(explorer.getByRole('option', { selected: true })).toHaveText(/^conv2_1/);
    await expect(details).toContainText('no shortcut');
  });

  test('hovering a row highlights it in the diagram', async ({ page }) => {
    const explorer = page.getByRole('region', { name: 'ResNet layout explorer' });
    await explorer.getByRole('option', { name: /^conv4_1/ }).hover();
    await expect(explorer.locator('[data-id="stage3_block1_conv1"]')).toHaveClass(/zoo-active/);
    await expect(explorer.locator('path[data-block="stage3_block1"]')).toHaveClass(/zoo-active/);
  });
});

test('architecture diagrams, skipped by the browser until near the view, keep their size when drawn', async ({
  page,
}) => {
  await page.setViewportSize({ width: 412, height: 823 });
  for (const path of ['/chapters/resnet-34/', '/architectures/resnet/']) {
    await page.goto(path);
    const canvases = page.locator('.zoo-diagram__canvas');
    const count = await canvases.count();
    expect(count, path).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const canvas = canvases.nth(i);
      const skipped = await canvas.evaluate((el) => el.getBoundingClientRect().height);
      await canvas.scrollIntoViewIfNeeded();
      // Drawn: the SVG inside has a box of its own, as tall as the canvas it was given.
      await expect
        .poll(() => canvas.evaluate((el) => el.querySelector('svg')?.getBoundingClientRect().height ?? 0))
        .toBeGreaterThan(0);
      const drawn = await canvas.evaluate((el) => ({
        canvas: el.getBoundingClientRect().height,
        svg: el.querySelector('svg')?.getBoundingClientRect().height ?? 0,
      }));
      expect(
        Math.abs(drawn.canvas - skipped),
        `${path} diagram ${i}: canvas height before and after drawing`,
      ).toBeLessThan(1);
      expect(Math.abs(drawn.svg - drawn.canvas), `${path} diagram ${i}: the SVG fills its canvas`).toBeLessThan(1);
    }
  }
});
