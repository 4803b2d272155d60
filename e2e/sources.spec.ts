/** Settings > Sources on a fresh database: every connection says which variable to set (or to store a key), and nothing can be pulled without one; a stored key. */
import { createServer } from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** Where the chromium server's OpenAI pulls go (playwright.config.ts sets ITEMIZED_OPENAI_BASE_URL to it). */
const VENDOR_PORT = Number(process.env.E2E_VENDOR_PORT ?? Number(process.env.E2E_PORT ?? 3217) + 60);
const EMPTY_PAGE = JSON.stringify({ object: 'page', data: [], has_more: false, next_page: null });

test('sources: missing keys named, pull buttons disabled, nothing pulled yet', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sources' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  for (const [region, variable] of [
    ['OpenAI organization usage and costs', 'OPENAI_ADMIN_KEY'],
    ['Anthropic Admin API usage and cost reports', 'ANTHROPIC_ADMIN_KEY'],
    ['LiteLLM proxy database', 'LITELLM_DATABASE_URL'],
  ]) {
    const card = page.getByRole('region', { name: region });
    await expect(card).toContainText(`missing: set ${variable}`);
    await expect(card.getByRole('button', { name: 'Pull now' })).toBeDisabled();
    await expect(card.getByRole('table')).toContainText('Never pulled');
  }
  await expect(page.getByText('Not scheduled: set ITEMIZED_PULL_EVERY')).toBeVisible();
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'sources-empty.png'), fullPage: true });
});

test('sources: a key stored in Settings (shown as a hint) pulls; the last error, then the last success, shown; removed', async ({
  page,
}) => {
  const KEY = 'sk-admin-e2e-0123456789abcdef';
  await page.goto('/settings/sources');
  const card = page.getByRole('region', { name: 'OpenAI organization usage and costs' });
  const form = card.getByRole('form', { name: 'Store OpenAI organization usage and costs key' });
  await form.getByLabel('Store an admin key').fill(KEY);
  await form.getByRole('button', { name: 'Save key' }).click();
  await expect(form.getByRole('status')).toHaveText('Key stored (sk-…cdef).');
  await expect(card).toContainText('stored in Settings sk-…cdef');
  await expect(card.getByRole('button', { name: 'Pull now' })).toBeEnabled();
  await expect(form.getByLabel('Replace the stored key')).toHaveValue('');
  await page.reload();
  await expect(card).toContainText('stored in Settings sk-…cdef');
  expect(await page.content()).not.toContain('0123456789abcdef');

  // Pull now against a fake OpenAI: first it refuses the key (401: no retry), then it answers empty pages.
  let status = 401;
  const seen: string[] = [];
  const vendor = createServer((req, res) => {
    seen.push(String(req.headers.authorization));
    const body = status === 200 ? EMPTY_PAGE : JSON.stringify({ error: { message: 'Incorrect API key provided' } });
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => vendor.listen(VENDOR_PORT, '127.0.0.1', r));
  try {
    const usage = card.getByRole('table').getByRole('row', { name: /Usage API/ });
    await card.getByRole('button', { name: 'Pull now' }).click();
    await expect(card.locator('#pull-openai-status')).toContainText('HTTP 401 (Incorrect API key provided)');
    await page.reload();
    await expect(usage).toContainText('failed');
    await expect(usage).toContainText('HTTP 401 (Incorrect API key provided)');
    expect(seen[0]).toBe(`Bearer ${KEY}`);
    expect(await page.content()).not.toContain('0123456789abcdef');

    status = 200;
    await card.getByRole('button', { name: 'Pull now' }).click();
    await expect(card.locator('#pull-openai-status')).toContainText('openai: 0 rows added');
    await page.reload();
    await expect(usage).toContainText('succeeded');
    await expect(usage.getByRole('cell').nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2}$/); // loaded through yesterday (UTC)
    await expect(usage).not.toContainText('HTTP 401');
  } finally {
    await new Promise<void>((r) => vendor.close(() => r()));
  }
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'sources-key-stored.png'), fullPage: true });

  await card.getByRole('button', { name: 'Remove stored key' }).click();
  await expect(card).toContainText('missing: set OPENAI_ADMIN_KEY or store one below');
  await expect(card.getByRole('button', { name: 'Pull now' })).toBeDisabled();
});
