/**
 * A FOCUS cloud bill uploaded through the Imports page (after upload-and-overview.spec.ts, which needs the empty
 * database first; specs run in file-name order, one worker): the Reconciliation page shows the AI share of each
 * cloud's bill, exact. Figures from the sample, summed independently in db/queries/cloud-ai-share.test.ts: Azure's
 * September 2024 bill is $1.98 of which Azure Machine Learning is a $0.15 credit (−7.7%); AWS $18.01 with no AI line.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';

const FOCUS = path.join(import.meta.dirname, '..', '..', 'shared', 'samples', 'focus', 'focus-1.0-sample-1000.finops.csv');

test('a FOCUS bill: the AI share of each cloud bill on the Reconciliation page, filterable by period', async ({ page }) => {
  await page.goto('/imports');
  await page.getByLabel('Choose files').setInputFiles([FOCUS]);
  const item = page
    .getByRole('list', { name: 'Uploads' })
    .getByRole('listitem')
    .filter({ hasText: path.basename(FOCUS) });
  await expect(item.getByText('Loaded')).toBeVisible();
  await expect(item).toContainText('1,000 inserted');

  await page.goto('/reconciliation?from=2024-09-01&to=2024-09-30');
  const card = page.getByRole('region', { name: 'AI share of cloud bills' });
  const table = card.getByRole('table', { name: 'AI share of cloud bills by cloud and month' });
  const azure = table.getByRole('row').filter({ hasText: 'azure' });
  await expect(azure).toContainText('$1.98');
  await expect(azure).toContainText('−$0.15');
  await expect(azure).toContainText('-7.7%');
  await expect(azure).toContainText('9 of');
  await expect(azure).toContainText('Azure Machine Learning');
  const aws = table.getByRole('row').filter({ hasText: 'aws' });
  await expect(aws).toContainText('$18.01');
  await expect(aws).toContainText('0.0%');
  await expect(table.getByRole('row')).toHaveCount(4); // header + aws, azure, oracle
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'reconciliation-cloud-ai-share.png'), fullPage: true });

  // Another period: no cloud bill, no card.
  await page.goto('/reconciliation?from=2025-01-01&to=2025-01-31');
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'AI share of cloud bills' })).toHaveCount(0);
});
