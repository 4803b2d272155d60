/**
 * From an empty embedded database: the overview explains how to load data; two vendor responses
 * uploaded through the Imports page appear in the run history with one row each; the overview then
 * shows their exact totals (2 requests, 1,862 output tokens of which 267 reasoning: 1,699 + 163 and
 * 139 + 128 from the two sample files).
 */
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';

const SAMPLES = path.join(import.meta.dirname, '..', '..', 'shared', 'samples');
const ANTHROPIC = path.join(SAMPLES, 'anthropic', 'messages-thinking-usage.vercel-ai.json');
const OPENAI = path.join(SAMPLES, 'openai', 'responses-api-reasoning.vercel-ai.json');
const SHOTS = path.join('test-results', 'screenshots');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('upload two files, then see their exact totals on the overview', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  await expect(page.getByText('npx itemized ingest')).toBeVisible();
  await expect(page.getByText('npm run demo')).toBeVisible();
  await shot(page, 'overview-empty');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Imports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Imports' })).toHaveAttribute('aria-current', 'page');

  await page.getByLabel('Choose files').setInputFiles([ANTHROPIC, OPENAI]);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  for (const file of [ANTHROPIC, OPENAI]) {
    const item = uploads.getByRole('listitem').filter({ hasText: path.basename(file) });
    await expect(item.getByText('Loaded')).toBeVisible();
    await expect(item).toContainText('1 inserted');
    await expect(item).toContainText('0 rejected');
    await expect(item.getByRole('progressbar')).toBeVisible();
  }

  const history = page.getByRole('table', { name: 'Ingest runs' });
  for (const file of [ANTHROPIC, OPENAI]) {
    const row = history.getByRole('row').filter({ hasText: path.basename(file) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('succeeded');
    await expect(row.getByRole('cell').nth(4)).toHaveText('1');
  }
  await shot(page, 'imports-after-upload');

  await nav.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // The OpenAI response is dated 2025-12-13 and the Anthropic one (no timestamp) takes the file's
  // modification time, so widen the period to include both.
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('From').fill('2025-01-01');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=2025-01-01/);

  const requests = page.getByRole('region', { name: 'Requests' });
  await expect(requests.getByText('2', { exact: true })).toBeVisible();
  const output = page.getByRole('region', { name: 'Output tokens' });
  await expect(output.getByText('1,862', { exact: true })).toBeVisible();
  await expect(output).toContainText('incl. 267 reasoning (measured)');
  const reasoning = page.getByRole('region', { name: 'Hidden reasoning share' });
  await expect(reasoning).toContainText('267 reasoning of 1,862 output tokens');
  const topModels = page.getByRole('table', { name: 'Top models' });
  await expect(topModels).toContainText('claude-opus');
  // Each model with its family (genai-prices' name; the sample's dated gpt-5-mini-2025-08-07 is stored as gpt-5-mini).
  await expect(topModels.getByRole('row').filter({ hasText: 'claude-opus-5' }).getByRole('cell').nth(2)).toHaveText('Claude Opus 5');
  await expect(topModels.getByRole('row').filter({ hasText: 'gpt-5-mini' }).getByRole('cell').nth(2)).toHaveText('GPT-5 mini');
  await shot(page, 'overview-with-data');
});

test('uploading the same file again inserts nothing', async ({ page }) => {
  await page.goto('/imports');
  const input = page.getByLabel('Choose files');
  const items = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem');
  await input.setInputFiles(ANTHROPIC);
  await expect(items.first()).toContainText('rejected');
  await input.setInputFiles(ANTHROPIC);
  await expect(items).toHaveCount(2);
  // Newest first: the second upload of the same bytes finds every record already loaded.
  await expect(items.first()).toContainText('0 inserted');
  await expect(items.first()).toContainText('1 duplicate');
});
