/**
 * A FOCUS cloud bill uploaded through the Imports page beside a half-bad log (after upload-and-overview.spec.ts, which needs the empty
 * database first; specs run in file-name order, one worker): the Reconciliation page shows the AI share of each
 * cloud's bill, exact. Figures from the sample, summed independently in db/queries/cloud-ai-share.test.ts: Azure's
 * September 2024 bill is $1.98 of which Azure Machine Learning is a $0.15 credit (−7.7%); AWS $18.01 with no AI line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const FOCUS = path.join(import.meta.dirname, '..', '..', 'shared', 'samples', 'focus', 'focus-1.0-sample-1000.finops.csv');

/** A log whose first line is valid and whose second has a negative prompt_tokens: the whole file must be refused. */
function badLog(): string {
  const line = (id: string, prompt: number) =>
    JSON.stringify({
      timestamp: '2026-02-20T10:00:00Z',
      request_id: id,
      response: {
        id,
        object: 'chat.completion',
        created: 1771581600,
        model: 'gpt-4.1-mini',
        choices: [],
        usage: { prompt_tokens: prompt, completion_tokens: 5, total_tokens: prompt + 5 },
      },
    });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'itemized-e2e-')), 'half-bad.jsonl');
  writeFileSync(file, `${line('mixed-ok', 10)}\n${line('mixed-bad', -3)}\n`);
  return file;
}

test('a FOCUS bill beside a bad log in one upload: the bill loads, the log is refused whole; the AI share of each cloud bill', async ({
  page,
}) => {
  await page.goto('/imports');
  await page.getByLabel('Choose files').setInputFiles([FOCUS, badLog()]);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  const item = uploads.getByRole('listitem').filter({ hasText: path.basename(FOCUS) });
  await expect(item.getByText('Loaded')).toBeVisible();
  await expect(item).toContainText('1,000 inserted');
  const bad = uploads.getByRole('listitem').filter({ hasText: 'half-bad.jsonl' });
  await expect(bad).toContainText('line 2');
  await expect(bad).toContainText('prompt_tokens');
  const badRun = page.getByRole('table', { name: 'Ingest runs' }).getByRole('row').filter({ hasText: 'half-bad.jsonl' });
  await expect(badRun).toContainText('failed');
  await expect(badRun.getByRole('cell').nth(4)).toHaveText('0'); // inserted: not even its valid first line
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'imports-mixed-upload.png'), fullPage: true });

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
