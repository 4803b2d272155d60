/** Settings > Sources on a fresh database: every connection says which variable to set, and nothing can be pulled without it. */
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
