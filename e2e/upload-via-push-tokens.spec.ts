/**
 * Settings › Tokens on a fresh database (issue 3, Must show): a token created in the page pushes data (the same
 * payload twice is stored once); revoked in the page, with the keyboard, the next push is refused with 401. Then a
 * real OpenTelemetry SDK exporter sends GenAI spans to the running app with a second token (second test).
 * Named to run after upload-and-overview (files run in name order on one embedded database), whose first
 * check needs a database with no data; this spec needs only that no token exists yet.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { exportGenAiSpans } from '../test/otel-genai-export';

const line = (id: string) =>
  JSON.stringify({
    timestamp: '2026-03-01T10:00:00Z',
    request_id: id,
    response: {
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: 1772359200,
      model: 'gpt-4.1-mini',
      choices: [],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
    },
  });
const payload = `${line('e2e-1')}\n${line('e2e-2')}\n${line('e2e-3')}\n`;

test('tokens: create in the page, push twice (stored once), revoke in the page, next push 401', async ({ page, context, request }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('status')).toContainText('No tokens yet');

  const form = page.getByRole('form', { name: 'Create token' });
  await form.getByLabel('Name').fill('e2e-gateway');
  await expect(form.getByRole('checkbox', { name: /ingest:files/ })).toBeChecked();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByRole('textbox', { name: 'New token' });
  await expect(secret).toBeFocused();
  const token = await secret.inputValue();
  expect(token).toMatch(/^itm_[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'tokens-created.png'), fullPage: true });

  const row = page.getByRole('table', { name: 'Ingest tokens' }).getByRole('row', { name: /e2e-gateway/ });
  await expect(row).toContainText(`${token.slice(0, 10)}…`);
  await expect(row).toContainText('ingest:files');
  await expect(row).toContainText('ingest:traces');
  await expect(row).toContainText('active');
  await expect(row).not.toContainText(token.slice(10, 20));
  const lastUsed = row.getByRole('cell').nth(4); // name, prefix, scopes, created, last used, …
  await expect(lastUsed).toHaveText('never');

  const push = () =>
    request.post('/api/ingest', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      data: payload,
    });
  const first = await push();
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ status: 'succeeded', rowsInserted: 3, rowsDuplicate: 0 });
  const again = await push();
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsDuplicate: 3 });

  await page.reload();
  await expect(lastUsed).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  // Revoke with the keyboard: Enter asks, Escape cancels (focus back on Revoke), Enter asks again, Enter confirms.
  const revoke = row.getByRole('button', { name: 'Revoke e2e-gateway' });
  await revoke.focus();
  await page.keyboard.press('Enter');
  const yes = row.getByRole('button', { name: 'Yes, revoke' });
  await expect(yes).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(revoke).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(yes).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button')).toHaveCount(0);

  const refused = await push();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: 'token revoked' });
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'tokens-revoked.png'), fullPage: true });
});

/**
 * Issue 3, Must show: a real OpenTelemetry JS SDK (BasicTracerProvider + OTLPTraceExporter over HTTP/JSON) exports
 * GenAI spans to the running app (`next start`) with a token made in the page; the overview then shows their totals.
 * The spans are dated 2026-02-14, a day no other spec's data touches, so the overview of that day is theirs alone.
 */
test('a real OpenTelemetry SDK exporter sends GenAI spans to the running app; the overview shows their totals', async ({
  page,
  baseURL,
}) => {
  await page.goto('/settings/tokens');
  const form = page.getByRole('form', { name: 'Create token' });
  await form.getByLabel('Name').fill('e2e-otel-collector');
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByRole('textbox', { name: 'New token' }).inputValue();
  expect(token).toMatch(/^itm_/);

  const results = await exportGenAiSpans(
    `${baseURL}/v1/traces`,
    token,
    [
      { model: 'gpt-4.1-mini', input: 1200, output: 300, at: new Date('2026-02-14T09:00:00Z') },
      { model: 'o4-mini', input: 800, output: 500, reasoning: 320, at: new Date('2026-02-14T09:05:00Z') },
    ],
    'e2e-otel',
  );
  expect(results).toEqual([0, 0]);

  await page.goto('/?from=2026-02-14&to=2026-02-14');
  await expect(page.getByRole('region', { name: 'Requests' }).getByText('2', { exact: true })).toBeVisible();
  const models = page.getByRole('table', { name: /models/i });
  await expect(models.getByRole('row', { name: /o4-mini/ })).toContainText('320');
  await expect(models.getByRole('row', { name: /gpt-4\.1-mini/ })).toContainText('1,200');
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'otel-sdk-overview.png'), fullPage: true });
});
