/**
 * Reconciliation on the demo organisation: OpenAI's cost export covers the logged traffic plus the
 * usage export's batch project, so every OpenAI month matches its bill to the cent; DeepSeek has no
 * bill loaded; coding-agent session logs (flat-rate seats) are named, not added to the usage side.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';

test('reconciliation: matched months, a missing bill, vendor filter in the URL', async ({ page }) => {
  await page.goto('/reconciliation');
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Billed against usage by vendor and month' });
  const rows = (vendor: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name: vendor, exact: true }) });
  await expect(rows('openai').first()).toBeVisible();
  for (const status of await rows('openai')
    .getByRole('cell')
    .filter({ hasText: /^(Matched|Gap|No bill loaded|No usage logged)$/ })
    .allTextContents())
    expect(status).toBe('Matched');
  await expect(rows('deepseek').first()).toContainText('No bill loaded');
  await expect(rows('openai').first()).toContainText('coding-agent session logs');
  await expect(page.getByRole('img', { name: /Billed against usage at list price: anthropic billed \$/ })).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'reconciliation.png'), fullPage: true });

  await page.goto('/reconciliation?vendor=deepseek');
  await expect(rows('deepseek').first()).toBeVisible();
  await expect(rows('openai')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Vendor-months' })).toContainText(/0 of [1-9]\d* matched/);
});
