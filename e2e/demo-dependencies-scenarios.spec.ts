/**
 * Dependencies, Scenarios and the dependency-map settings on the demo organisation (scale 0.3; the demo
 * server imports its itemized.yaml, see playwright.config.ts and cli/demo.ts). Expected scenario amounts are
 * computed here, exactly, from the baseline the page shows (every money cell keeps its exact decimal in
 * data-usd): a vendor rule multiplies exactly that vendor's cost, plans included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import Decimal from 'decimal.js';
import { DEMO_PLAN } from '../lib/demo/plan';
import { formatUsd } from '../lib/format';

const SHOTS = path.join('test-results', 'screenshots');
const CRITICAL = DEMO_PLAN.singleVendorCritical;

async function shot(page: Page, name: string) {
  // From the top: a full-page shot taken while scrolled draws the sticky sidebar and filter bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The exact amount of the first money figure in the locator. */
async function usd(l: Locator): Promise<string> {
  const v = await l.locator('[data-usd]').first().getAttribute('data-usd');
  expect(v, 'an amount is shown').toBeTruthy();
  return v!;
}

const vendorCell = (page: Page, vendor: string, col: 'baseline' | 'scenario') =>
  page.getByRole('table', { name: 'Scenario by vendor' }).locator(`tr[data-row="${vendor}"] td[data-col="${col}"]`);

async function expectTotal(page: Page, expected: Decimal) {
  const total = page.getByTestId('total-scenario');
  await expect(total.locator('[data-usd]')).toHaveAttribute('data-usd', expected.toFixed());
  await expect(total).toHaveText(formatUsd(expected.toFixed()));
}

test('dependencies: the map renders labelled nodes; the planted single-vendor critical workflow ranks first', async ({ page }) => {
  await page.goto('/dependencies');
  await expect(page.getByRole('heading', { level: 1, name: 'Dependencies' })).toBeVisible();
  const map = page.getByRole('application', { name: /Dependency map/ });
  await expect(map).toBeVisible();
  // Every workflow of the demo, its team and the vendors are nodes with a label that says what they are.
  for (const w of DEMO_PLAN.workflows) {
    await expect(map.getByRole('group', { name: new RegExp(`^Workflow ${w.id}: \\$`) })).toBeVisible();
    await expect(map.getByRole('group', { name: new RegExp(`^Team ${w.team}: `) })).toBeVisible();
  }
  const critical = map.getByRole('group', { name: `Workflow ${CRITICAL}: $0.66 list, critical · single-vendor exposed` });
  await expect(critical).toHaveCount(1);
  await expect(critical.locator('.dep-node')).toHaveClass(/tone-critical/);
  await expect(map.getByRole('group', { name: /^Vendor xai: .*sole vendor of 1 exposed$/ })).toBeVisible();
  // Nodes are keyboard-focusable.
  await critical.focus();
  await expect(critical).toBeFocused();
  // The declared fallback of ticket-triage is a dashed edge of its own, exercised in the period.
  await expect(map.locator('.dep-edge-fallback.dep-edge-exercised')).toHaveCount(1);

  const ranking = page.getByRole('table', { name: 'Single-vendor exposed workflows' });
  const first = ranking.getByRole('row').nth(1);
  await expect(first.getByRole('cell').nth(0)).toHaveText('1');
  await expect(first.getByRole('cell').nth(1)).toHaveText(CRITICAL);
  await expect(first).toContainText('critical');
  await expect(first).toContainText('xai');
  await expect(first).toContainText('none declared');
  // The other critical workflow is not exposed: its fallback on another vendor was exercised.
  await expect(ranking).not.toContainText('support/ticket-triage');
  const edges = page.getByRole('table', { name: 'Dependency map edges' });
  await page.getByRole('searchbox', { name: 'Filter Dependency map edges' }).fill('claude-haiku');
  // Two edges from ticket-triage to the fallback model: the usage it served, and the declaration itself.
  const triage = edges.getByRole('row').filter({ hasText: 'support/ticket-triage' });
  await expect(triage).toHaveCount(2);
  await expect(triage.filter({ hasText: 'fallback · exercised' })).toHaveCount(1);
  await expect(page.getByTestId('overall-hhi')).toHaveText(/^\d{1,2},?\d{3}$|^\d{1,3}$/);
  await shot(page, 'dependencies');
  // Centred first, so that the sticky filter bar does not cover the top of the map.
  await map.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await map.screenshot({ path: path.join(SHOTS, 'dependencies-map.png') });
});

test('scenarios: a preset, an edited rule, results to the cent and beyond; save, open, compare, export, delete', async ({ page }) => {
  await page.goto('/scenarios');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenarios' })).toBeVisible();
  const baseline = new Decimal(await usd(page.getByTestId('total-baseline')));
  await expect(page.getByTestId('total-scenario').locator('[data-usd]')).toHaveAttribute('data-usd', baseline.toFixed());

  await page.getByRole('button', { name: 'Top vendor 5×' }).click();
  await expect(page).toHaveURL(/rule=vendor%3Danthropic%3Ax5/);
  await expect(page.getByTestId('applied-rules')).toHaveText('vendor=anthropic:x5');
  const anthropic = new Decimal(await usd(vendorCell(page, 'anthropic', 'baseline')));
  expect(anthropic.gt(0)).toBe(true);
  await expectTotal(page, baseline.plus(anthropic.mul(4)));
  await expect(vendorCell(page, 'anthropic', 'scenario').locator('[data-usd]')).toHaveAttribute('data-usd', anthropic.mul(5).toFixed());

  // Edit the rule: anthropic x2 instead of x5.
  const rules = page.getByRole('form', { name: 'Scenario rules' });
  await rules.getByLabel('Factor ×').fill('2');
  await rules.getByRole('button', { name: 'Run scenario' }).click();
  await expect(page.getByTestId('applied-rules')).toHaveText('vendor=anthropic:x2');
  await expect(page).toHaveURL(/rule=vendor%3Danthropic%3Ax2/);
  const doubled = baseline.plus(anthropic);
  await expectTotal(page, doubled);
  await expect(vendorCell(page, 'anthropic', 'scenario').locator('[data-usd]')).toHaveAttribute('data-usd', anthropic.mul(2).toFixed());
  await expect(vendorCell(page, 'openai', 'scenario').locator('[data-usd]')).toHaveAttribute(
    'data-usd',
    (await usd(vendorCell(page, 'openai', 'baseline'))) as string,
  );
  // A bad factor is reported beside the rule and nothing is recomputed.
  await rules.getByLabel('Factor ×').fill('lots');
  await rules.getByRole('button', { name: 'Run scenario' }).click();
  await expect(rules.getByRole('alert')).toHaveText('the factor must look like x5 or x0.5, got "xlots"');
  await rules.getByLabel('Factor ×').fill('2');
  await shot(page, 'scenarios-anthropic-x2');

  // The export is the CLI's JSON for the same rules and period.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export JSON/ }).click()]);
  const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(json.rules).toEqual(['vendor=anthropic:x2']);
  expect(json.baseline.total).toBe(baseline.toFixed());
  expect(json.scenario.total).toBe(doubled.toFixed());
  expect(json.scenario.by_vendor.anthropic).toBe(anthropic.mul(2).toFixed());

  // Save, then open it from the list on a clean page.
  await page.getByLabel('Scenario name').fill('Anthropic doubles');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('form', { name: 'Save scenario' }).getByRole('status')).toContainText('Saved “Anthropic doubles”');
  await page.goto('/scenarios');
  await expect(page.getByTestId('applied-rules')).toHaveCount(0);
  const saved = page.getByRole('table', { name: 'Saved scenarios' });
  await expect(saved.getByRole('row').filter({ hasText: 'Anthropic doubles' })).toContainText('vendor=anthropic:x2');
  await saved.getByRole('link', { name: 'Open Anthropic doubles' }).click();
  await expect(page).toHaveURL(/open=\d+/);
  await expect(page.getByRole('status').filter({ hasText: 'Saved scenario Anthropic doubles' })).toBeVisible();
  await expect(page.getByTestId('applied-rules')).toHaveText('vendor=anthropic:x2');
  await expectTotal(page, doubled);
  await expect(page.getByRole('form', { name: 'Scenario rules' }).getByLabel('Factor ×')).toHaveValue('2');
  await shot(page, 'scenarios-opened');

  // A second saved scenario, compared side by side with the first, then deleted.
  await page.getByRole('button', { name: 'Reasoning 5×' }).click();
  await expect(page.getByTestId('applied-rules')).toHaveText('tokens=reasoning:x5');
  const reasoningTotal = await usd(page.getByTestId('total-scenario'));
  await page.getByLabel('Scenario name').fill('Reasoning 5x');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('form', { name: 'Save scenario' }).getByRole('status')).toContainText('Saved “Reasoning 5x”');
  await page.reload();
  const compare = page.getByRole('form', { name: 'Compare saved scenarios' });
  await compare.getByLabel('Scenario A').selectOption({ label: 'Anthropic doubles' });
  await compare.getByLabel('Scenario B').selectOption({ label: 'Reasoning 5x' });
  await compare.getByRole('button', { name: 'Compare side by side' }).click();
  await expect(page.getByRole('heading', { name: 'Compare: Anthropic doubles vs Reasoning 5x' })).toBeVisible();
  await expect(page.getByTestId('compare-a-total').locator('[data-usd]')).toHaveAttribute('data-usd', doubled.toFixed());
  await expect(page.getByTestId('compare-b-total').locator('[data-usd]')).toHaveAttribute('data-usd', reasoningTotal);
  await shot(page, 'scenarios-compare');
  await page.getByRole('table', { name: 'Saved scenarios' }).getByRole('button', { name: 'Delete Reasoning 5x' }).click();
  await expect(page.getByRole('table', { name: 'Saved scenarios' }).getByRole('row')).toHaveCount(2);
});

test('scenarios: self-hosting a workflow gives its cost per million tokens and break-even volume', async ({ page }) => {
  // 1 H100 at $2.50/h, 2,000 tokens/s, 50% busy: 2.5 / (2000 x 3600 x 0.5) x 1e6 = $0.6944444444 per million tokens.
  await page.goto(`/scenarios?rule=${encodeURIComponent('selfhost=growth/summarize:gpu=H100,count=1,hourly=2.50,tps=2000,util=0.5')}`);
  const table = page.getByRole('table', { name: 'Self-hosted estimates' });
  await expect(page.getByTestId('selfhost-per-million').locator('[data-usd]')).toHaveAttribute('data-usd', '0.6944444444');
  await expect(table).toContainText('$1,825.00'); // 730 h x $2.50
  await expect(page.getByTestId('selfhost-break-even').locator('[title]')).toHaveAttribute('title', /^\d+$/);
  await expect(page.getByRole('form', { name: 'Scenario rules' }).getByLabel('Workflow')).toHaveValue('growth/summarize');
  await shot(page, 'scenarios-self-hosted');
  // The shared period filter narrows the scenario and keeps its rules.
  const filters = page.getByRole('form', { name: 'Filters' });
  await expect(filters.getByLabel('Vendor')).toHaveCount(0);
  await filters.getByLabel('From').fill('2026-10-15');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=2026-10-15.*rule=selfhost/);
  await expect(page.getByRole('heading', { name: /^Results, Oct 15, 2026 – Oct 31, 2026/ })).toBeVisible();
  await expect(page.getByTestId('applied-rules')).toHaveText('selfhost=growth/summarize:gpu=H100,count=1,hourly=2.50,tps=2000,util=0.5');
});

test('settings: import errors by line; a workflow edited, its fallback then shown as declared but never exercised', async ({ page }) => {
  await page.goto('/settings/workflows');
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row')).toHaveCount(DEMO_PLAN.workflows.length + 4);
  const bad =
    'workflows:\n  - name: x\n    team: t\n    criticality: critical\n    match: { team: t }\n  - name: y\n    team: t\n    criticality: urgent\n    match: { team: u }\n';
  const importForm = page.getByRole('form', { name: 'Import itemized.yaml' });
  await importForm
    .getByLabel('itemized.yaml')
    .setInputFiles({ name: 'itemized.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
  await importForm.getByRole('button', { name: 'Import and replace the map' }).click();
  const errors = page.getByRole('table', { name: 'Import errors' });
  await expect(errors.getByRole('row').nth(1)).toHaveText(
    /^8\s*workflows\[1\]\.criticality\s*expected one of critical\|important\|optional$/,
  );
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row')).toHaveCount(DEMO_PLAN.workflows.length + 4);
  await shot(page, 'settings-import-errors');

  await page.getByRole('link', { name: `Edit ${CRITICAL}` }).click();
  const form = page.getByRole('form', { name: `Edit workflow ${CRITICAL}` });
  await form.getByLabel('Match rules').fill('colour=red');
  await form.getByRole('button', { name: 'Save workflow' }).click();
  await expect(form.getByText(/^line 1: expected field=value with a field among workflow/)).toBeVisible();
  await expect(form.getByLabel('Match rules')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Match rules')).toHaveValue('colour=red');
  await form.getByLabel('Match rules').fill('workflow=incident-agent');
  await form.getByLabel('Declared fallbacks').fill('anthropic/claude-haiku-4-5');
  await form.getByRole('button', { name: 'Save workflow' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Workflow “${CRITICAL}” saved.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row').filter({ hasText: CRITICAL })).toContainText(
    'anthropic/claude-haiku-4-5',
  );
  await shot(page, 'settings-workflows');

  await page.goto('/dependencies');
  const first = page.getByRole('table', { name: 'Single-vendor exposed workflows' }).getByRole('row').nth(1);
  await expect(first.getByRole('cell').nth(1)).toHaveText(CRITICAL);
  await expect(first.locator('[data-fallback-status]')).toHaveText('never exercised');
  await expect(first).toContainText('declared');
  await expect(
    page.getByRole('application', { name: /Dependency map/ }).locator('.dep-edge-fallback.dep-edge-never_exercised'),
  ).toHaveCount(1);
  await shot(page, 'dependencies-fallback-declared');

  // Put the demo map back as it was.
  await page.goto(`/settings/workflows?edit=workflow&name=${encodeURIComponent(CRITICAL)}`);
  const fallbacks = page.getByRole('form', { name: `Edit workflow ${CRITICAL}` }).getByLabel('Declared fallbacks');
  // A fresh page load: emptied before hydration, the field can get its server-rendered text back (a CI run saved
  // "nthropic/claude-haiku-4-5"). Retry until the empty value holds.
  await expect(async () => {
    await fallbacks.fill('');
    await page.waitForTimeout(250);
    await expect(fallbacks).toHaveValue('', { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Save workflow' }).click();
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row').filter({ hasText: CRITICAL })).toContainText('none');
});
