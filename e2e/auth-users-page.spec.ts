/**
 * Settings › Users (project `auth`, sign-in on): an admin adds a user in the page, the user signs in with the first
 * password; the admin changes the role (the user's next page load follows it) and disables the user (their session
 * ends at once); demoting the only admin is refused with the reason; every change is in the audit log under the
 * admin's email. Then, in the same session, the admin creates and revokes an ingest token in Settings › Tokens and
 * saves a budget in Settings › Workflows & budgets, and each is a row in the audit log too (not only CLI changes).
 * Runs after auth-sign-in.spec.ts (name order, one worker), whose audit counts assume CLI-made users.
 *
 * One admin sign-in for both tests (serial, one shared page): the auth project spends exactly the 10 sign-ins a minute
 * that /sign-in/email allows one address (lib/auth/server.ts; the count restarts only after a quiet minute), so a new
 * spec must not sign in again.
 */
import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { signInWithForm } from './auth-helpers';
import { AUTH_USERS } from './auth-users';

const NEW = { email: 'new.analyst@example.com', password: 'e2e-new-analyst-pw-1' };
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), fullPage: true });

async function signInAsNew(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(NEW.email);
  await form.getByLabel('Password').fill(NEW.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

test.describe.configure({ mode: 'serial' });
let page: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  page = await (await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } })).newPage();
  await page.goto('/sign-in');
  await signInWithForm(page, 'admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
});

test('admin adds, re-roles and disables a user in Settings › Users; the last admin is kept; all audited', async ({ browser, baseURL }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Users' });
  for (const u of Object.values(AUTH_USERS)) await expect(table.getByRole('row').filter({ hasText: u.email })).toHaveCount(1);

  // Add: a missing password is explained; with one, the user appears and can sign in.
  const add = page.getByRole('form', { name: 'Add user' });
  await add.getByLabel('Email').fill(NEW.email);
  await add.getByLabel('Role').selectOption('analyst');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByText('a first password')).toBeVisible();
  await add.getByLabel('First password').fill(NEW.password);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('status')).toHaveText(`Created ${NEW.email} (analyst).`);
  const row = table.getByRole('row').filter({ hasText: NEW.email });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('enabled')).toBeVisible();

  const other = await signInAsNew(browser, baseURL!);
  await expect(other.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(other.getByRole('link', { name: 'Reasoning' }).first()).toBeVisible();

  // Role change: the user's next request sees finance (no Reasoning in the menu, 403 on the page).
  await row.getByRole('combobox', { name: `Role of ${NEW.email}` }).selectOption('finance');
  await row.getByRole('button', { name: 'Save role' }).click();
  await expect(row.getByRole('status')).toHaveText(`${NEW.email} is now finance.`);
  expect((await other.goto('/reasoning'))?.status()).toBe(403);

  // The only admin cannot be demoted: refused with the reason, role unchanged.
  const adminRow = table.getByRole('row').filter({ hasText: AUTH_USERS.admin.email });
  await adminRow.getByRole('combobox', { name: `Role of ${AUTH_USERS.admin.email}` }).selectOption('analyst');
  await adminRow.getByRole('button', { name: 'Save role' }).click();
  await expect(adminRow.getByRole('status')).toHaveText('that would leave no enabled admin: make another user admin first');

  // Disable: the user's session ends at once.
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row.getByText('disabled', { exact: true })).toBeVisible();
  await expect(row.getByRole('status')).toHaveText(`${NEW.email} disabled: signed out everywhere, cannot sign in.`);
  await expect(row.getByRole('combobox', { name: `Role of ${NEW.email}` })).toHaveValue('finance');
  await expect(adminRow.getByRole('combobox', { name: `Role of ${AUTH_USERS.admin.email}` })).toHaveValue('admin');
  await other.goto('/');
  await expect(other).toHaveURL(/\/sign-in/);
  await shot(page, 'auth-settings-users');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const log = page.getByRole('table', { name: 'Audit log' });
  for (const what of ['User created', 'Role changed', 'User disabled'])
    await expect(
      log.getByRole('row').filter({ hasText: AUTH_USERS.admin.email }).filter({ hasText: what }).filter({ hasText: NEW.email }),
    ).toHaveCount(1);
});

const TOKEN = 'e2e-audited-token';

test('admin: token created and revoked, budget saved in Settings; each is a row in the audit log', async () => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Settings › Tokens: create, then revoke (the button asks, the second one confirms).
  await nav.getByRole('link', { name: 'Tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tokens' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Create token' });
  await form.getByLabel('Name').fill(TOKEN);
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('textbox', { name: 'New token' })).toHaveValue(/^itm_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('table', { name: 'Ingest tokens' }).getByRole('row', { name: new RegExp(TOKEN) });
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: `Revoke ${TOKEN}` }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toContainText('revoked');

  // Settings › Workflows & budgets: a December budget for the support team.
  await page.goto('/settings/workflows?edit=budget#editor');
  const budget = page.getByRole('form', { name: 'New budget' });
  await budget.getByLabel('For a').selectOption('team');
  await budget.getByLabel('Team or workflow').fill('support');
  await budget.getByLabel('Month', { exact: true }).fill('2026-12');
  await budget.getByLabel('USD per month').fill('25.00');
  await budget.getByRole('button', { name: 'Save budget' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Budget for team “support” saved.' })).toBeVisible();

  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const log = page.getByRole('table', { name: 'Audit log' });
  const rows = (what: string, on: string) =>
    log.getByRole('row').filter({ hasText: AUTH_USERS.admin.email }).filter({ hasText: what }).filter({ hasText: on });
  await expect(rows('Token created', TOKEN)).toHaveCount(1);
  await expect(rows('Token revoked', TOKEN)).toHaveCount(1);
  await expect(rows('Setting changed', 'dependency map: budgets')).toHaveCount(1);
  await expect(rows('Setting changed', 'dependency map: budgets')).toContainText('Budget for team “support” saved.');
});
