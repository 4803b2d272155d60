/**
 * Imports page (runs after upload-and-overview.spec.ts on the same database): a CSV export no source reads, uploaded
 * with a mapping file, loads through it; the mapping is saved and chosen again for a re-upload (nothing added); the
 * export's model with no list price is listed under Unpriced models with its figures and the command that prices it.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';

const DIR = path.join(import.meta.dirname, '..', 'lib', 'ingest', '__fixtures__', 'mapped-csv');
const CSV = path.join(DIR, 'gateway-export.csv');
const MAP = path.join(DIR, 'gateway-export.yaml');

test('upload a CSV through a column mapping, reuse the saved mapping, see the unpriced model', async ({ page }) => {
  await page.goto('/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  await page.getByText('A CSV export no source reads? Use a column mapping').click();
  await page.getByLabel('Mapping file (YAML)').setInputFiles(MAP);
  await expect(page.getByText('files added now use the mapping file gateway-export.yaml')).toBeVisible();
  await page.getByLabel('Choose files').setInputFiles(CSV);

  const uploads = page.getByRole('list', { name: 'Uploads' });
  const first = uploads.getByRole('listitem').filter({ hasText: 'gateway-export.csv' }).first();
  await expect(first.getByText('Loaded')).toBeVisible();
  await expect(first).toContainText('Source mapped_csv');
  await expect(first).toContainText('4 inserted');

  const unpriced = page.getByRole('table', { name: 'Unpriced models' });
  const row = unpriced.getByRole('row').filter({ hasText: 'acme-ft-model' });
  await expect(row).toHaveCount(1);
  const cells = row.getByRole('cell');
  await expect(cells.nth(0)).toHaveText('openai');
  await expect(cells.nth(2)).toHaveText('1'); // requests
  await expect(cells.nth(3)).toHaveText('10'); // input tokens
  await expect(cells.nth(4)).toHaveText('5'); // output tokens
  await expect(cells.nth(5)).toHaveText('2026-03-03 00:00 UTC');
  await expect(cells.nth(7)).toHaveText('mapped_csv');
  await expect(cells.nth(8)).toContainText('npx itemized prices set --model acme-ft-model --vendor openai --from 2026-03-03');
  // The mapped models the catalog knows (gpt-4o, Claude via OpenRouter) are priced: not listed.
  await expect(unpriced.getByRole('row').filter({ hasText: 'gpt-4o' })).toHaveCount(0);

  // The mapping was saved: choose it instead of the file and upload the same export again.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Saved mapping').selectOption('acme-gateway');
  await page.getByLabel('Choose files').setInputFiles(CSV);
  const second = uploads.getByRole('listitem').filter({ hasText: 'gateway-export.csv' }).first();
  await expect(second.getByText('Already loaded')).toBeVisible();
  await expect(second).toContainText('0 inserted');
  await expect(second).toContainText('4 duplicate');
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'imports-mapping-unpriced.png'), fullPage: true });

  // The saved mapping is listed with its YAML; deleting it (after confirming) removes it from the chooser, not the data.
  const saved = page.getByRole('table', { name: 'Saved column mappings' });
  const mappingRow = saved.getByRole('row').filter({ hasText: 'acme-gateway' });
  await mappingRow.getByText('YAML').click();
  await expect(mappingRow.locator('pre')).toContainText('name: acme-gateway');
  await mappingRow.getByRole('button', { name: 'Delete mapping acme-gateway' }).click();
  await mappingRow.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('table', { name: 'Saved column mappings' })).toHaveCount(0);
  await expect(page.getByLabel('Saved mapping').locator('option', { hasText: 'acme-gateway' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Unpriced models' }).getByRole('row').filter({ hasText: 'acme-ft-model' })).toHaveCount(1);
});
