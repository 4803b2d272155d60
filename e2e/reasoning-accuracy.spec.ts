/**
 * The audit pages on the demo organisation (scale 0.3, loaded before this project's server starts;
 * see playwright.config.ts). Checks the planted shapes (lib/demo/plan.ts): incident-agent hurts,
 * data-extract helps, copy-review plateaus, ticket-triage is an easy task; then narrows by workflow.
 */
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';

const SHOTS = path.join('test-results', 'screenshots');
const MONEY = /\$\d[\d,]*\.\d{2}/;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

function verdictRow(table: Locator, workflow: string, model: string) {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('cell', { name: workflow, exact: true }) })
    .filter({ has: table.page().getByRole('cell', { name: model, exact: true }) });
}

test('reasoning page: hidden spend measured and estimated, distribution, easy tasks, top tasks', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('region', { name: /Hidden reasoning spend/ })).toContainText(MONEY);
  await expect(page.getByRole('region', { name: /Unverified spend/ })).toContainText(MONEY);
  await expect(page.getByRole('region', { name: /Savings available/ })).toContainText(MONEY);
  await shot(page, 'audit-overview');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reasoning' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reasoning' })).toBeVisible();
  await expect(page.getByTestId('hidden-measured')).toHaveText(MONEY);
  const byWorkflow = page.getByRole('table', { name: 'Hidden reasoning by workflow' });
  await expect(byWorkflow).toContainText('proof-check');
  await expect(page.getByRole('img', { name: /Histogram of reasoning tokens/ })).toBeVisible();
  const easy = page.getByRole('table', { name: 'Easy-task reasoning' });
  await expect(easy).toContainText('ticket-triage');
  await expect(easy).toContainText(MONEY);
  await expect(page.getByRole('table', { name: 'Tasks with the most hidden spend' }).getByRole('row')).not.toHaveCount(1);
  await expect(page.getByTestId('unverified-spend')).toHaveText(MONEY);
  await shot(page, 'reasoning');
});

test('accuracy page: verdicts with error bars for the planted workflows, then narrowed to one workflow', async ({ page }) => {
  await page.goto('/accuracy');
  await expect(page.getByRole('heading', { level: 1, name: 'Accuracy' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Accuracy verdicts' });
  await expect(verdictRow(table, 'incident-agent', 'grok-3-mini').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'hurts');
  await expect(verdictRow(table, 'data-extract', 'deepseek-reasoner').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'helps');
  await expect(verdictRow(table, 'copy-review', 'gpt-5').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'plateau');
  await expect(verdictRow(table, 'ticket-triage', 'gpt-5-mini').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'plateau');
  await expect(verdictRow(table, 'copy-review', 'gpt-5')).toContainText(MONEY);
  await expect(page.getByTestId('savings-total')).toHaveText(MONEY);
  // Error bars are drawn (recharts ErrorBar) in the charts.
  await expect(page.locator('.recharts-errorBars').first()).toBeAttached();
  await shot(page, 'accuracy');

  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Workflow').selectOption('incident-agent');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/workflow=incident-agent/);
  await expect(table.getByRole('cell', { name: 'copy-review', exact: true })).toHaveCount(0);
  await expect(verdictRow(table, 'incident-agent', 'grok-3-mini').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'hurts');
  await expect(page.getByRole('article').filter({ hasText: 'incident-agent · grok-3-mini' })).toBeVisible();
  await shot(page, 'accuracy-incident-agent');

  // The filter travels with the sidebar: the Loops page opens narrowed to the same workflow.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Loops' }).click();
  await expect(page).toHaveURL(/\/loops\?.*workflow=incident-agent/);
  const patterns = page.getByRole('table', { name: 'Patterns by workflow' });
  await expect(patterns.getByRole('cell', { name: 'incident-agent', exact: true })).toBeVisible();
  await expect(patterns.getByRole('cell', { name: 'data-extract', exact: true })).toHaveCount(0);
});

test('loops page: patterns per workflow and the calls of one task', async ({ page }) => {
  await page.goto('/loops');
  const patterns = page.getByRole('table', { name: 'Patterns by workflow' });
  await expect(patterns.getByRole('row').filter({ hasText: 'incident-agent' })).toContainText('Agent loop');
  await expect(patterns.getByRole('row').filter({ hasText: 'data-extract' })).toContainText('Fixed chain');
  await expect(patterns.getByRole('row').filter({ hasText: 'ticket-triage' })).toContainText('Single call');
  const tasks = page.getByRole('table', { name: 'Most expensive multi-call tasks' });
  await tasks.getByRole('row').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(/trace=/);
  const calls = page.getByRole('table', { name: 'Calls of the task' });
  await expect(calls.getByRole('row')).not.toHaveCount(2);
  await expect(calls).toContainText(MONEY);
  await shot(page, 'loops-trace');
});
