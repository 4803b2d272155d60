/** Settings > Sources on a fresh database: every connection says which variable to set (or to store a key), and nothing can be pulled without one; a stored key. */
import path from 'node:path';
import { expect, test } from '@playwright/test';

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

test('sources: an admin key stored in Settings enables the pull, is shown only as a hint, and can be removed', async ({ page }) => {
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
  await page.screenshot({ path: path.join('test-results', 'screenshots', 'sources-key-stored.png'), fullPage: true });

  await card.getByRole('button', { name: 'Remove stored key' }).click();
  await expect(card).toContainText('missing: set OPENAI_ADMIN_KEY or store one below');
  await expect(card.getByRole('button', { name: 'Pull now' })).toBeDisabled();
});
