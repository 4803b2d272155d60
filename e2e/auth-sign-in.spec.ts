/**
 * Sign-in on (project `auth`): users were created with `itemized users create` before the server
 * started. An admin signs in (after one wrong password) and sees the audit log; a finance user sees
 * only the spend reports and gets 403 on an analyst page; signing out ends the session. Every page
 * renders under the Content-Security-Policy with its charts drawn and no violation reported.
 */
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { signInWithForm } from './auth-helpers';
import { AUTH_USERS } from './auth-users';

const SHOTS = path.join('test-results', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test('admin: a wrong password is refused, the right one lands on the overview; the audit log shows both; sign-out ends it', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('Sign-in is off')).toHaveCount(0);
  await shot(page, 'auth-sign-in');

  await signInWithForm(page, 'admin', 'not-the-password');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Invalid email or password');
  await signInWithForm(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByText(AUTH_USERS.admin.email)).toBeVisible();
  await expect(nav(page).getByRole('link')).toHaveText([
    'Overview',
    'Reasoning',
    'Accuracy',
    'Loops',
    'Reconciliation',
    'Dependencies',
    'Scenarios',
    'Explorer',
    'Statement',
    'Budgets',
    'Imports',
    'Sources',
    'Workflows & budgets',
    'Tokens',
    'Users',
    'Audit log',
  ]);
  // A statement download from the dashboard is in the audit log with who made it.
  const csv = await page.request.get('/api/exports/csv?month=2026-10&record=0');
  expect(csv.status()).toBe(200);

  await nav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const log = page.getByRole('table', { name: 'Audit log' });
  const row = (who: string, what: string) => log.getByRole('row').filter({ hasText: who }).filter({ hasText: what });
  await expect(row(AUTH_USERS.admin.email, 'Signed in').first()).toBeVisible();
  await expect(row(AUTH_USERS.admin.email, 'Sign-in failed').first()).toBeVisible();
  await expect(row('cli:', 'User created')).toHaveCount(3);
  await expect(row(AUTH_USERS.admin.email, 'itemized-statement-2026-10.csv')).toHaveCount(1);
  await shot(page, 'auth-audit-log');

  await signOut(page);
  await page.goto('/reasoning');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freasoning$/);
});

test('finance: back to the page asked for after sign-in, spend reports only, 403 on an analyst page, then sign out', async ({ page }) => {
  await page.goto('/reconciliation');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freconciliation$/);
  await signInWithForm(page, 'finance');
  await expect(page.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeVisible();
  await expect(page).toHaveURL(/\/reconciliation$/);
  await expect(nav(page).getByRole('link')).toHaveText(['Overview', 'Reconciliation', 'Explorer', 'Statement', 'Budgets']);
  await expect(page.getByText('finance', { exact: true })).toBeVisible();

  const res = await page.goto('/reasoning');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'Not for your role' })).toBeVisible();
  await expect(page.getByText('ticket-triage')).toHaveCount(0);
  await shot(page, 'auth-finance-forbidden');

  const upload = await page.request.post('/api/imports', {
    multipart: { file: { name: 'x.jsonl', mimeType: 'application/json', buffer: Buffer.from('{}\n') } },
  });
  expect(upload.status()).toBe(403);
  expect(await upload.json()).toEqual({ error: 'Forbidden: this needs the admin role.' });

  // The overview's audit cards show their figures but link only where finance may go (no 403 behind a link).
  await page.goto('/');
  await expect(page.locator('#kpi-unverified')).toBeVisible();
  await expect(page.locator('a[href^="/reasoning"], a[href^="/accuracy"], a[href^="/settings"]')).toHaveCount(0);
  await signOut(page);
  const after = await page.request.get('/api/auth/get-session');
  expect(await after.json()).toBeNull();
});

test('every page an analyst may open renders under the CSP, charts drawn, no violation reported', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|violates the following/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto('/sign-in');
  await signInWithForm(page, 'analyst');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

  const pages: [string, string, string][] = [
    ['/', 'Overview', '.recharts-surface'],
    ['/reasoning', 'Reasoning', '.recharts-surface'],
    ['/accuracy', 'Accuracy', 'table'],
    ['/loops', 'Loops', 'table'],
    ['/reconciliation', 'Reconciliation', '.recharts-surface'],
    ['/imports', 'Imports', 'table'],
    ['/explorer', 'Spend explorer', 'table'],
    ['/statement', 'Monthly statement', 'table'],
    ['/budgets', 'Budgets and forecast', '.recharts-surface'],
    // The dependency map is drawn by @xyflow/react in the browser (nodes positioned with inline styles).
    ['/dependencies', 'Dependencies', '.react-flow__node'],
    ['/scenarios', 'Scenarios', 'table'],
  ];
  for (const [href, heading, drawn] of pages) {
    const res = await page.goto(href);
    expect(res?.status(), href).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // recharts draws only in the browser (it measures its container), so a drawn chart also proves the
    // page's scripts ran under the policy.
    await expect(page.locator(drawn).first()).toBeVisible();
  }
  // Too little data on this server for accuracy charts; its table filter is client-side, so it must be hydrated.
  await page.goto('/accuracy');
  const verdicts = page.getByRole('table', { name: 'Accuracy verdicts' });
  const filter = page.getByPlaceholder('Filter rows…').first();
  // Typed before hydration, the text would be ignored by React: retry until the filter takes effect.
  await expect(async () => {
    await filter.fill('');
    await filter.fill('incident-agent');
    await expect(verdicts.getByRole('row').filter({ hasText: 'copy-review' })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(verdicts.getByRole('row').filter({ hasText: 'incident-agent' }).first()).toBeVisible();
  await page.goto('/reasoning');
  await shot(page, 'auth-analyst-reasoning-csp');
  // The analyst's overview links to the audits; the dependency page names Settings without a link (admins only).
  await page.goto('/');
  await expect(page.locator('a.kpi-link[href^="/reasoning"]')).toHaveCount(1);
  await expect(page.locator('a.kpi-link[href^="/accuracy"]')).toHaveCount(2);
  await page.goto('/dependencies');
  await expect(page.locator('.react-flow__edge').first()).toBeVisible();
  await expect(page.getByText('Settings (admins)').first()).toBeVisible();
  await expect(page.locator('a[href^="/settings"]')).toHaveCount(0);
  await shot(page, 'auth-analyst-dependencies-csp');
  await page.goto(`/scenarios?rule=${encodeURIComponent('vendor=openai:x5')}`);
  await expect(page.getByRole('table', { name: 'Scenario by vendor' })).toBeVisible();
  await shot(page, 'auth-analyst-scenarios-csp');
  await page.goto('/imports');
  await expect(page.getByText('Uploading is for admins; you can read the history below.')).toBeVisible();
  expect(violations).toEqual([]);
});

test('admin: an upload over ITEMIZED_MAX_UPLOAD_MB (1 MB on this server) is refused with 413, in the browser before sending too', async ({
  page,
}) => {
  await page.goto('/sign-in?next=%2Fimports');
  await signInWithForm(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Imports' })).toBeVisible();
  const big = Buffer.alloc(2 * 1024 * 1024, 'a');
  const res = await page.request.post('/api/imports', {
    multipart: { file: { name: 'big.jsonl', mimeType: 'application/json', buffer: big } },
  });
  expect(res.status()).toBe(413);
  expect((await res.json()).error).toMatch(
    /^File too large: 2\.0 MB is over the 1\.0 MB upload limit \(ITEMIZED_MAX_UPLOAD_MB\)\. Load bigger files on the server with `itemized ingest <file>`\.$/,
  );

  await page.locator('input[type="file"][multiple]').setInputFiles({ name: 'big.jsonl', mimeType: 'application/json', buffer: big });
  const item = page.getByRole('listitem', { name: 'big.jsonl' });
  await expect(item).toContainText('Error');
  await expect(item).toContainText('File too large: 2.0 MB is over the 1.0 MB upload limit');
  await shot(page, 'auth-upload-too-large');
});
