/**
 * `itemized scenario --rule vendor=openai:x5 ... [--preset NAME] [--from D --to D] [--json]`: what the
 * period would have cost under the rules, beside what it cost (list prices for usage, plan prices for
 * flat-rate seats). Without --from/--to the period is the data's whole extent. --json prints
 * {"baseline": {...}, "scenario": {...}, ...} with totals and breakdowns by vendor, team and workflow
 * as decimal strings; otherwise a short text summary.
 */
import Decimal from 'decimal.js';
import type { Connection } from '../db/client';
import { getDataExtent } from '../db/queries/overview';
import { loadScenario } from '../db/queries/scenarios';
import { type ScenarioResult, scenarioToJson } from '../lib/analysis/scenario-run';
import type { ScenarioCliOptions } from './scenario-options';

export async function runScenarioCli(
  conn: Connection,
  o: ScenarioCliOptions,
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<ScenarioResult> {
  let { from, to } = o;
  if (!from || !to) {
    const ext = await getDataExtent(conn.db);
    to ??= ext.lastDay ?? new Date().toISOString().slice(0, 10);
    from ??= ext.firstDay && ext.firstDay <= to ? ext.firstDay : to;
  }
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  if (o.rule.length === 0 && o.preset.length === 0) throw new Error('give at least one --rule or --preset (see itemized scenario --help)');
  const r = await loadScenario(conn, { from, to }, o.rule, o.preset);
  if (o.json) out(`${JSON.stringify(scenarioToJson(r), null, 2)}\n`);
  else out(textSummary(r));
  return r;
}

/** An exact USD amount to cents, half away from zero as on an invoice (0.7296741 -> 0.73, -0.005 -> -0.01). */
export function cents(s: string): string {
  return new Decimal(s).toFixed(2, Decimal.ROUND_HALF_UP);
}

function textSummary(r: ScenarioResult): string {
  const usd = cents;
  const lines = [
    `period ${r.from} .. ${r.to}; rules: ${scenarioToJson(r).rules.join(' ')}`,
    `total: ${usd(r.total.baselineUsd)} -> ${usd(r.total.scenarioUsd)} USD (delta ${usd(r.total.deltaUsd)})`,
  ];
  for (const [title, rows] of [
    ['by vendor', r.byVendor],
    ['by team', r.byTeam],
    ['by workflow', r.byWorkflow],
  ] as const) {
    lines.push(`${title}:`);
    for (const x of rows) lines.push(`  ${x.kind === 'plan' ? `plan: ${x.name}` : x.name}: ${usd(x.baselineUsd)} -> ${usd(x.scenarioUsd)}`);
  }
  if (r.budgetsBreached.length) {
    lines.push('budgets breached:');
    for (const b of r.budgetsBreached) lines.push(`  ${b.scope} ${b.name} ${b.month}: ${usd(b.scenarioUsd)} > ${usd(b.budgetUsd)}`);
  }
  if (r.criticalWorkflowsHit.length)
    lines.push(`critical workflows hit: ${r.criticalWorkflowsHit.map((w) => `${w.workflow} (${w.reasons.join(', ')})`).join('; ')}`);
  if (r.unpriced.scenario.events || r.unpriced.baseline.events)
    lines.push(`unpriced events (left out of totals): baseline ${r.unpriced.baseline.events}, scenario ${r.unpriced.scenario.events}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  lines.push('(amounts rounded to cents here; --json gives every digit)');
  return `${lines.join('\n')}\n`;
}
