/**
 * Running a scenario end to end (presets expanded, lines priced, summarised) and its JSON export
 * (the shape `itemized scenario --json` prints). Pure.
 *
 * Presets (expanded against the baseline, so the rule list shows exactly what was applied):
 *   everything-5x          every vendor in the period (usage and plans) x5
 *   top-vendor-5x          the vendor with the largest baseline cost x5
 *   reasoning-5x           tokens=reasoning:x5
 *   subscriptions-metered  every flat plan metered
 *   fail-over-critical     every critical workflow switched to its first declared fallback
 *                          (critical workflows with none are listed in the notes: they cannot fail over)
 */
import DecimalBase from 'decimal.js';
import { computeScenario, type PlanLine, type ScenarioInput, type ScenarioLine } from './scenario';
import { type BreakdownRow, type ScenarioSummary, summariseScenario } from './scenario-report';
import { formatRule, type ScenarioRule } from './scenario-rules';
import type { SelfHostedEstimate } from './self-hosted';
import { planCostByMonth } from './subscriptions';

export const PRESETS = ['everything-5x', 'top-vendor-5x', 'reasoning-5x', 'subscriptions-metered', 'fail-over-critical'] as const;
export type PresetName = (typeof PRESETS)[number];
export const isPreset = (s: string): s is PresetName => (PRESETS as readonly string[]).includes(s);

export interface ScenarioResult extends ScenarioSummary {
  from: string;
  to: string;
  /** The rules applied, presets expanded, in order. */
  rules: ScenarioRule[];
  notes: string[];
  selfHosted: SelfHostedEstimate[];
  /** Per baseline line and per plan month, for drill-down. */
  lines: ScenarioLine[];
  plans: PlanLine[];
}

/** Baseline cost per vendor: metered list cost plus plan costs (what top-vendor-5x ranks by). */
function baselineByVendor(input: ScenarioInput): Map<string, DecimalBase> {
  const m = new Map<string, DecimalBase>();
  const add = (v: string, usd: string) => m.set(v, (m.get(v) ?? new DecimalBase(0)).plus(usd));
  for (const l of input.lines) if (l.subscription === null && l.listCostUsd !== null) add(l.vendor, l.listCostUsd);
  for (const s of input.config.subscriptions) for (const p of planCostByMonth(s, input.from, input.to)) add(s.vendor, p.costUsd);
  return m;
}

export function expandPreset(name: PresetName, input: ScenarioInput): { rules: ScenarioRule[]; notes: string[] } {
  switch (name) {
    case 'everything-5x': {
      const vendors = new Set([...input.lines.map((l) => l.vendor), ...input.config.subscriptions.map((s) => s.vendor)]);
      return { rules: [...vendors].sort().map((vendor) => ({ kind: 'vendor', vendor, factor: '5' })), notes: [] };
    }
    case 'top-vendor-5x': {
      const top = [...baselineByVendor(input)].sort((a, b) => b[1].comparedTo(a[1]) || a[0].localeCompare(b[0]))[0];
      return top
        ? { rules: [{ kind: 'vendor', vendor: top[0], factor: '5' }], notes: [`top vendor by baseline cost: ${top[0]}`] }
        : { rules: [], notes: ['no spend in the period: no top vendor'] };
    }
    case 'reasoning-5x':
      return { rules: [{ kind: 'tokens', tokenClass: 'reasoning', factor: '5' }], notes: [] };
    case 'subscriptions-metered':
      return { rules: [{ kind: 'subscriptions_metered' }], notes: [] };
    case 'fail-over-critical': {
      const critical = input.config.workflows.filter((w) => w.criticality === 'critical');
      return {
        rules: critical.filter((w) => w.fallbacks.length > 0).map((w) => ({ kind: 'fallback', workflow: w.name })),
        notes: critical
          .filter((w) => w.fallbacks.length === 0)
          .map((w) => `${w.name}: critical, declares no fallback: it cannot fail over`),
      };
    }
  }
}

/** Presets first (in the order given), then the explicit rules. Throws ScenarioError on rules the map cannot satisfy. */
export function runScenario(input: ScenarioInput, rules: readonly ScenarioRule[], presets: readonly PresetName[] = []): ScenarioResult {
  const notes: string[] = [];
  const all: ScenarioRule[] = [];
  for (const p of presets) {
    const e = expandPreset(p, input);
    all.push(...e.rules);
    notes.push(...e.notes);
  }
  all.push(...rules);
  const c = computeScenario(input, all);
  const summary = summariseScenario(c, input.config, input.from, input.to);
  if (all.some((r) => r.kind === 'tokens' && (r.tokenClass === 'reasoning' || r.tokenClass === 'output'))) {
    const unknown = input.lines.reduce((a, l) => a + l.reasoningUnknownOutputTokens, 0);
    if (unknown > 0)
      notes.push(
        `${unknown} output tokens come from sources that do not report reasoning: a reasoning rule cannot reach the reasoning hidden in them`,
      );
  }
  if (summary.unpriced.scenario.events > summary.unpriced.baseline.events)
    notes.push(
      `${summary.unpriced.scenario.events - summary.unpriced.baseline.events} more events are unpriced in the scenario (left out of its totals)`,
    );
  for (const s of c.selfHosted)
    if (s.capacityExceeded)
      notes.push(`${s.workflow}: ${s.workflowTokensPerMonth} tokens a month exceed the deployment's ${s.capacityTokensPerMonth}`);
  return { from: input.from, to: input.to, rules: all, notes, selfHosted: c.selfHosted, lines: c.lines, plans: c.plans, ...summary };
}

const JSON_NAME: Record<BreakdownRow['kind'], (n: string) => string> = {
  vendor: (n) => n,
  team: (n) => n,
  no_team: () => '(no team)',
  workflow: (n) => n,
  unattributed: () => '(unattributed)',
  plan: (n) => `plan: ${n}`,
};

const byName = (rows: BreakdownRow[], k: 'baselineUsd' | 'scenarioUsd' | 'deltaUsd') =>
  Object.fromEntries(rows.map((r) => [JSON_NAME[r.kind](r.name), r[k]]));

/** `{"baseline": {...}, "scenario": {...}}`: totals and breakdowns as decimal strings, snake_case keys. */
export function scenarioToJson(r: ScenarioResult) {
  const side = (k: 'baselineUsd' | 'scenarioUsd' | 'deltaUsd') => ({
    total: r.total[k],
    by_vendor: byName(r.byVendor, k),
    by_team: byName(r.byTeam, k),
    by_workflow: byName(r.byWorkflow, k),
  });
  return {
    period: { from: r.from, to: r.to },
    rules: r.rules.map(formatRule),
    baseline: { ...side('baselineUsd'), unpriced: r.unpriced.baseline },
    scenario: { ...side('scenarioUsd'), unpriced: r.unpriced.scenario },
    delta: side('deltaUsd'),
    budgets_breached: r.budgetsBreached.map((b) => ({
      scope: b.scope,
      name: b.name,
      month: b.month,
      budget_usd: b.budgetUsd,
      baseline_usd: b.baselineUsd,
      scenario_usd: b.scenarioUsd,
      breached_in_baseline: b.breachedInBaseline,
    })),
    critical_workflows_hit: r.criticalWorkflowsHit.map((w) => ({
      workflow: w.workflow,
      team: w.team,
      baseline_usd: w.baselineUsd,
      scenario_usd: w.scenarioUsd,
      delta_usd: w.deltaUsd,
      reasons: w.reasons,
    })),
    self_hosted: r.selfHosted.map((s) => ({
      workflow: s.workflow,
      cost_per_million_tokens_usd: s.costPerMillionTokensUsd,
      monthly_cost_usd: s.monthlyCostUsd,
      break_even_monthly_tokens: s.breakEvenMonthlyTokens,
      workflow_tokens_per_month: s.workflowTokensPerMonth,
      capacity_exceeded: s.capacityExceeded,
    })),
    notes: r.notes,
  };
}
