/**
 * The finance pages on the demo organisation (scale 0.3, data 2026-08-03 .. 2026-10-31; see
 * playwright.config.ts): a finance user picks a month on the statement and in the explorer, narrows by
 * a dimension, drills down to the requests, and checks that every total agrees across views to the
 * last digit. Figures are compared through each cell's data-exact attribute (the unrounded decimal the
 * page formatted), summed with decimal.js; the database is owned by the server, so the pages' own
 * figures are the witnesses: statement lines vs. its totals, explorer vs. statement, subtotals vs.
 * totals, drill-down vs. its cell and vs. the sum of its rows.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import Decimal from 'decimal.js';

const SHOTS = path.join('test-results', 'screenshots');
const DOWNLOADS = path.join('test-results', 'downloads');
const FORMATS = ['csv', 'xlsx', 'pdf', 'focus'] as const;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function exact(loc: Locator): Promise<Decimal> {
  const v = await loc.getAttribute('data-exact');
  expect(v, 'data-exact present').not.toBeNull();
  expect(v, 'a known amount').not.toBe('null');
  return new Decimal(v as string);
}

async function sumExact(cells: Locator): Promise<Decimal> {
  const values = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-exact')));
  return values.reduce((a, v) => (v === null || v === 'null' ? a : a.plus(v)), new Decimal(0));
}

const same = (a: Decimal, b: Decimal) => expect(a.toFixed(), `${a.toFixed()} = ${b.toFixed()}`).toBe(b.toFixed());

async function statementListTotal(page: Page, month: string): Promise<Decimal> {
  await page.goto(`/statement?month=${month}`);
  return exact(page.getByTestId('statement-list'));
}

test('statement: pick a month, every section adds up, narrow to a team, download each format', async ({ page }) => {
  await page.goto('/statement');
  await expect(page.getByRole('heading', { level: 1, name: 'Monthly statement' })).toBeVisible();
  const controls = page.getByRole('region', { name: 'Statement month and filters' });
  await controls.getByLabel('Month', { exact: true }).selectOption('2026-09');
  await controls.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/month=2026-09/);
  await expect(page.getByText('Sep 2026 (UTC calendar month)')).toBeVisible();

  const list = await exact(page.getByTestId('statement-list'));
  const billed = await exact(page.getByTestId('statement-billed'));
  const invoice = await exact(page.getByTestId('statement-invoice'));
  expect(list.greaterThan(0)).toBe(true);
  // The demo declares flat-rate plans (itemized.yaml): their own section, part of the billed total.
  const plans = await exact(page.getByTestId('subscriptions-total'));
  expect(plans.greaterThan(0)).toBe(true);
  same(await sumExact(page.getByRole('table', { name: 'Subscriptions' }).locator('tbody td[data-metric="billedCostUsd"]')), plans);
  // Each section's lines add up to the statement totals (footers are sums of the lines; lines are checked too);
  // the usage sections' billed plus the plans is the statement's billed.
  for (const kind of ['team', 'workflow', 'vendor'] as const) {
    same(await exact(page.getByTestId(`${kind}-total-list`)), list);
    same((await exact(page.getByTestId(`${kind}-total-billed`))).plus(plans), billed);
  }
  const teams = page.getByRole('table', { name: 'Spend by cost centre' });
  same(await sumExact(teams.locator('tbody td[data-metric="listCostUsd"]')), list);
  same(await exact(page.getByTestId('charges-total')), invoice);
  // The unallocated line is always shown, and the invoice charges are their own line.
  await expect(teams.locator('tr[data-line="unallocated"]')).toContainText('Unallocated (no team)');
  await expect(teams.locator('tr[data-line="invoice"]')).toContainText('Vendor invoice charges');
  await expect(page.getByRole('table', { name: 'Spend by vendor' }).locator('[data-status="billed"]').first()).toBeVisible();
  await expect(page.getByTestId('month-close')).toContainText(/not been exported|Compared with/);
  const researchList = await exact(teams.getByRole('row').filter({ hasText: 'research' }).locator('td[data-metric="listCostUsd"]'));
  await shot(page, 'finance-statement-sep');

  // Download links carry the month; each file downloads when the export routes are present.
  for (const f of FORMATS) {
    const link = page.getByRole('link', { name: new RegExp(`^Download ${f === 'focus' ? 'FOCUS' : f.toUpperCase()}`) });
    await expect(link).toHaveAttribute('href', `/api/exports/${f}?month=2026-09`);
  }
  const probe = await page.request.get('/api/exports/csv?month=2026-09');
  if (probe.status() === 404) {
    test.info().annotations.push({
      type: 'exports',
      description: '/api/exports/<format> is not in this build: links checked, files not downloaded',
    });
  } else {
    mkdirSync(DOWNLOADS, { recursive: true });
    for (const f of FORMATS) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: new RegExp(`^Download ${f === 'focus' ? 'FOCUS' : f.toUpperCase()}`) }).click(),
      ]);
      const file = path.join(DOWNLOADS, `statement-2026-09.${f}${f === 'focus' ? '.csv' : ''}`);
      await download.saveAs(file);
      expect(download.suggestedFilename()).toMatch(/2026-09/);
    }
    await page.reload();
    await expect(page.getByTestId('month-close')).toContainText('Compared with the');
    await expect(page.getByTestId('month-close')).toContainText('Nothing changed');
  }

  // Narrow to one cost centre: the statement's list total is that team's line, invoices are left out.
  await controls.getByLabel('Team', { exact: true }).selectOption('research');
  await controls.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/team=research/);
  same(await exact(page.getByTestId('statement-list')), researchList);
  await expect(page.getByText('invoice charges are left out')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/exports/csv?month=2026-09&team=research');
  await shot(page, 'finance-statement-sep-research');
});

test('explorer: a month, grouped by team, narrowed, drilled down to the requests; totals tie out', async ({ page }) => {
  const statementList = await statementListTotal(page, '2026-09');

  await page.goto('/explorer');
  await page.getByRole('navigation', { name: 'Whole months' }).getByRole('link', { name: 'Sep 2026' }).click();
  await expect(page).toHaveURL(/from=2026-09-01&to=2026-09-30/);
  same(await exact(page.getByTestId('explorer-total-list')), statementList);

  // Group by team, then workflow (remove the default vendor › model levels).
  const view = page.getByRole('region', { name: 'View' });
  await view.getByRole('button', { name: 'Remove Vendor from the grouping' }).click();
  await expect(page).toHaveURL(/group=model/);
  await view.getByRole('button', { name: 'Remove Model from the grouping' }).click();
  await expect(page).toHaveURL(/group=(&|$)/);
  await view.getByLabel('Add a group level').selectOption('team');
  await expect(page).toHaveURL(/group=team/);
  await view.getByLabel('Add a group level').selectOption('workflow');
  await expect(page).toHaveURL(/group=team%2Cworkflow/);
  const table = page.getByRole('table', { name: 'Explorer groups' });
  await table.getByRole('columnheader', { name: /^Team/ }).getByRole('link').click();
  await expect(page).toHaveURL(/sort=team&dir=asc/);
  await expect(table.getByRole('columnheader', { name: /^Team/ })).toHaveAttribute('aria-sort', 'ascending');

  // Rows add up to the grand total; subtotals (under their rows, sorted by team) add up to it too.
  const total = await exact(table.locator('tfoot td[data-metric="listCostUsd"]'));
  same(total, statementList);
  same(await sumExact(table.locator('tbody tr:not(.subtotal-row) td[data-metric="listCostUsd"]')), total);
  same(await sumExact(table.locator('tbody tr.subtotal-row td[data-metric="listCostUsd"]')), total);
  const research = await exact(table.getByRole('row', { name: /Subtotal research/ }).locator('td[data-metric="listCostUsd"]'));
  await shot(page, 'finance-explorer-sep-by-team');

  // Narrow by a dimension: tick research in the Team filter.
  const filters = page.getByRole('region', { name: 'Explorer filters' });
  await filters.locator('summary', { hasText: /^Team/ }).click();
  await filters.getByRole('checkbox', { name: /^research\b/ }).check();
  await filters.getByRole('group', { name: 'Team' }).getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/team=research/);
  same(await exact(page.getByTestId('explorer-total-list')), research);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Team: research');
  await shot(page, 'finance-explorer-research');
  // The whole view downloads from the export route (when this build has it).
  const viewCsv = page.getByRole('link', { name: 'Download this view as CSV' });
  await expect(viewCsv).toHaveAttribute(
    'href',
    /^\/api\/exports\/csv\?group=team%2Cworkflow&from=2026-09-01&to=2026-09-30&team=research&sort=team&dir=asc&view=explorer$/,
  );
  if ((await page.request.get((await viewCsv.getAttribute('href')) as string)).status() !== 404) {
    const [download] = await Promise.all([page.waitForEvent('download'), viewCsv.click()]);
    expect(download.suggestedFilename()).toBe('itemized-explorer-2026-09-01_2026-09-30.csv');
  }

  // Drill down from the first row's list cost: the requests behind it total exactly that cell.
  const row = table.locator('tbody tr:not(.subtotal-row)').first();
  const cellList = await exact(row.locator('td[data-metric="listCostUsd"]'));
  const cellEvents = await exact(row.locator('td[data-metric="events"]'));
  const workflow = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
  await row.locator('td[data-metric="listCostUsd"] a').click();
  await expect(page).toHaveURL(/\/explorer\/requests\?from=2026-09-01&to=2026-09-30&team=research&workflow=/);
  await expect(page.getByTestId('drilldown-scope')).toContainText(`Workflow: ${workflow}`);
  same(await exact(page.getByTestId('drilldown-list')), cellList);
  same(await exact(page.getByTestId('drilldown-events')), cellEvents);
  await shot(page, 'finance-requests');

  // Walk every page of the drill-down (keyset pagination, 200 rows a page): the rows sum to the cell.
  await page.getByLabel('Rows per page').selectOption('200');
  await expect(page).toHaveURL(/size=200/);
  const requests = page.getByRole('table', { name: 'Requests' });
  let rows = 0;
  let sum = new Decimal(0);
  for (let p = 1; ; p++) {
    await expect(page.getByRole('navigation', { name: 'Request pages' })).toContainText(`Page ${p}`);
    rows += await requests.locator('tbody tr').count();
    sum = sum.plus(await sumExact(requests.locator('td[data-metric="listCostUsd"]')));
    const next = page.getByRole('navigation', { name: 'Request pages' }).getByRole('link', { name: 'Next' });
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page).toHaveURL(/cursor=/);
  }
  expect(rows).toBe(cellEvents.toNumber());
  same(sum, cellList);

  // Back to the explorer: the narrowed, grouped, sorted view is still there.
  await page.goto('/explorer?from=2026-09-01&to=2026-09-30&group=team,workflow&team=research&sort=team&dir=asc');
  await page.goBack();
  await expect(page).toHaveURL(/\/explorer\/requests/);
  await page.goForward();
  await expect(table.getByRole('columnheader', { name: /^Team/ })).toHaveAttribute('aria-sort', 'ascending');
  same(await exact(page.getByTestId('explorer-total-list')), research);
});

test('budgets: forecast replayed mid-month, the demo budgets burned, anomalies link to their requests', async ({ page }) => {
  const october = await statementListTotal(page, '2026-10');
  await page.goto('/budgets');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgets and forecast' })).toBeVisible();
  // October is complete in the demo: month to date = the statement's list total.
  same(await exact(page.getByTestId('forecast-mtd')), october);
  // The forecast is stated in cents (half-up).
  same(await exact(page.getByTestId('forecast-total')), october.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));

  await page.getByLabel('As of', { exact: true }).fill('2026-10-12');
  await page.getByRole('button', { name: 'Replay' }).click();
  await expect(page).toHaveURL(/asof=2026-10-12/);
  same(await exact(page.getByTestId('forecast-actual')), october);
  const mtd = await exact(page.getByTestId('forecast-mtd'));
  expect(mtd.lessThan(october)).toBe(true);
  await expect(page.getByTestId('forecast-interval')).toHaveText(/^\$[\d,]+\.\d{2} – \$[\d,]+\.\d{2}$/);
  await expect(page.getByRole('img', { name: /Cumulative list-price spend of Whole organisation/ })).toBeVisible();
  // The demo's itemized.yaml (imported by `itemized demo`) sets four team and two workflow budgets.
  const burn = page.getByRole('table', { name: 'Budget burn' });
  await expect(burn.locator('tbody tr')).toHaveCount(6);
  await expect(burn.getByRole('rowheader', { name: 'team: support' })).toBeVisible();
  await expect(burn.getByRole('rowheader', { name: 'workflow: platform/incident-agent' })).toBeVisible();
  // devtools pays two flat-rate plans ($2,200 a month): its budget burns on the plans' days, not on tagged usage ($0).
  const devtools = burn.getByRole('row', { name: /^team: devtools/ });
  await expect(devtools.locator('td').nth(1)).toHaveText(`$${new Decimal(2200).mul(12).div(31).toFixed(2)}`);
  // The table sorts (largest spend first) and downloads what it shows.
  const spent = burn.getByRole('columnheader', { name: /^Spent/ });
  for (let i = 0; i < 3 && (await spent.getAttribute('aria-sort')) !== 'descending'; i++) await spent.getByRole('button').click();
  await expect(spent).toHaveAttribute('aria-sort', 'descending');
  await expect(burn.locator('tbody tr').first().getByRole('rowheader')).toHaveText('team: devtools');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('section[aria-labelledby="bd-title"]').getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('itemized-budget-burn-2026-10.csv');
  await shot(page, 'finance-budgets-replay');

  const anomalies = page.getByRole('table', { name: 'Spend anomalies' });
  const first = anomalies.locator('tbody tr').first();
  const spend = await exact(first.locator('td[data-metric="spend"]'));
  await first.getByRole('link', { name: /^Requests of/ }).click();
  await expect(page).toHaveURL(/\/explorer\/requests\?from=(\d{4}-\d{2}-\d{2})&to=\1&workflow=/);
  same(await exact(page.getByTestId('drilldown-list')), spend);
  await shot(page, 'finance-anomaly-requests');
});
