/**
 * Summaries of a computed scenario (scenario.ts): totals and breakdowns per vendor, team and workflow
 * (whole period and per calendar month), budgets checked month by month, critical workflows hit,
 * unpriced usage on each side. Pure; amounts are exact decimal strings.
 *
 * - Totals leave unpriced usage out on both sides; `unpriced` says how much there is.
 * - A flat plan's cost is its own row in the workflow breakdown (kind 'plan'): it belongs to no
 *   workflow. In the team and vendor breakdowns it belongs to the plan's team and vendor.
 * - Budgets are per calendar month. In a month the period covers only partly, the budget is prorated
 *   by days (budget x days / days in month, 10 decimals) like plan costs. A budget for that exact
 *   month wins over the recurring one. Breached = spend > budget.
 * - A critical workflow is hit when the scenario costs it more, moves it, leaves more of it
 *   unpriced, or breaks its budget.
 */
import DecimalBase from 'decimal.js';
import type { ItemizedConfig } from '../config/types';
import type { ScenarioComputation } from './scenario';
import { monthSlices } from './subscriptions';

const Decimal = DecimalBase.clone({ precision: 60 });
type Dec = DecimalBase;

export interface Amounts {
  baselineUsd: string;
  scenarioUsd: string;
  deltaUsd: string;
}

export type RowKind = 'vendor' | 'team' | 'no_team' | 'workflow' | 'unattributed' | 'plan';

export interface BreakdownRow extends Amounts {
  /** Vendor id, team, workflow name, or plan name; "(no team)" / "(unattributed)" for the missing ones. */
  name: string;
  kind: RowKind;
}

export interface Breakdowns {
  total: Amounts;
  byVendor: BreakdownRow[];
  byTeam: BreakdownRow[];
  byWorkflow: BreakdownRow[];
}

export interface UnpricedUsage {
  /** Metered usage with no list price on that side: events and input + output tokens. */
  events: number;
  tokens: number;
}

export interface BudgetCheck {
  scope: 'team' | 'workflow';
  name: string;
  month: string;
  /** Days of the month in the period, of daysInMonth. */
  days: number;
  daysInMonth: number;
  /** The month's budget as declared, and prorated to the days covered. */
  monthlyBudgetUsd: string;
  budgetUsd: string;
  baselineUsd: string;
  scenarioUsd: string;
  breachedInBaseline: boolean;
  breached: boolean;
}

export type CriticalReason = 'cost_up' | 'moved' | 'unpriced' | 'budget_breached';

export interface CriticalImpact extends Amounts {
  workflow: string;
  team: string;
  reasons: CriticalReason[];
}

export interface ScenarioSummary extends Breakdowns {
  months: ({ month: string; days: number; daysInMonth: number } & Breakdowns)[];
  budgets: BudgetCheck[];
  /** Budgets the scenario breaks (some may be broken in the baseline already: see breachedInBaseline). */
  budgetsBreached: BudgetCheck[];
  /** Every critical workflow with its impact; `criticalWorkflowsHit` keeps those with a reason. */
  criticalWorkflows: CriticalImpact[];
  criticalWorkflowsHit: CriticalImpact[];
  unpriced: { baseline: UnpricedUsage; scenario: UnpricedUsage };
}

interface Entry {
  month: string;
  team: string | null;
  workflow: { name: string; kind: 'workflow' | 'unattributed' | 'plan' };
  baseline: { vendor: string; usd: string | null };
  scenario: { vendor: string; usd: string | null };
}

class Acc {
  readonly rows = new Map<string, { name: string; kind: RowKind; b: Dec; s: Dec }>();
  add(name: string, kind: RowKind, side: 'b' | 's', usd: string | null): void {
    const k = `${kind}\0${name}`;
    let r = this.rows.get(k);
    if (!r) {
      r = { name, kind, b: new Decimal(0), s: new Decimal(0) };
      this.rows.set(k, r);
    }
    if (usd !== null) r[side] = r[side].plus(usd);
  }
  list(): BreakdownRow[] {
    return [...this.rows.values()]
      .sort((a, b) => b.s.comparedTo(a.s) || b.b.comparedTo(a.b) || a.name.localeCompare(b.name))
      .map((r) => ({ name: r.name, kind: r.kind, ...amounts(r.b, r.s) }));
  }
}

const amounts = (b: Dec, s: Dec): Amounts => ({ baselineUsd: b.toFixed(), scenarioUsd: s.toFixed(), deltaUsd: s.minus(b).toFixed() });

function breakdowns(entries: readonly Entry[]): Breakdowns {
  const vendor = new Acc();
  const team = new Acc();
  const workflow = new Acc();
  let b = new Decimal(0);
  let s = new Decimal(0);
  for (const e of entries) {
    for (const side of ['b', 's'] as const) {
      const x = side === 'b' ? e.baseline : e.scenario;
      vendor.add(x.vendor, 'vendor', side, x.usd);
      team.add(e.team ?? '(no team)', e.team === null ? 'no_team' : 'team', side, x.usd);
      workflow.add(e.workflow.name, e.workflow.kind, side, x.usd);
      if (x.usd === null) continue;
      if (side === 'b') b = b.plus(x.usd);
      else s = s.plus(x.usd);
    }
  }
  return { total: amounts(b, s), byVendor: vendor.list(), byTeam: team.list(), byWorkflow: workflow.list() };
}

/**
 * Entries summed per (month, team, workflow, baseline vendor, scenario vendor) first: a period has
 * ~1,000 lines but only tens of such groups, so the breakdowns add tens of amounts, not thousands.
 */
function grouped(entries: readonly Entry[]): Entry[] {
  const m = new Map<string, { e: Entry; b: Dec | null; s: Dec | null }>();
  for (const e of entries) {
    const k = `${e.month}\0${e.team ?? ''}\0${e.workflow.kind}\0${e.workflow.name}\0${e.baseline.vendor}\0${e.scenario.vendor}`;
    let g = m.get(k);
    if (!g) {
      g = { e, b: null, s: null };
      m.set(k, g);
    }
    if (e.baseline.usd !== null) g.b = (g.b ?? new Decimal(0)).plus(e.baseline.usd);
    if (e.scenario.usd !== null) g.s = (g.s ?? new Decimal(0)).plus(e.scenario.usd);
  }
  return [...m.values()].map(({ e, b, s }) => ({
    ...e,
    baseline: { vendor: e.baseline.vendor, usd: b?.toFixed() ?? null },
    scenario: { vendor: e.scenario.vendor, usd: s?.toFixed() ?? null },
  }));
}

export function summariseScenario(c: ScenarioComputation, config: ItemizedConfig, from: string, to: string): ScenarioSummary {
  const entries: Entry[] = grouped([
    ...c.lines.map((l) => ({
      month: l.line.period.slice(0, 7),
      team: l.line.team,
      workflow:
        l.line.workflow === null
          ? { name: '(unattributed)', kind: 'unattributed' as const }
          : { name: l.line.workflow, kind: 'workflow' as const },
      baseline: { vendor: l.line.vendor, usd: l.baselineUsd },
      scenario: { vendor: l.scenarioVendor, usd: l.scenarioUsd },
    })),
    ...c.plans.map((p) => ({
      month: p.month,
      team: p.team,
      workflow: { name: p.plan, kind: 'plan' as const },
      baseline: { vendor: p.vendor, usd: p.baselineUsd },
      scenario: { vendor: p.vendor, usd: p.scenarioUsd },
    })),
  ]);
  const slices = monthSlices(from, to);
  const months = slices.map((m) => ({ ...m, ...breakdowns(entries.filter((e) => e.month === m.month)) }));

  const budgets: BudgetCheck[] = [];
  const rowsOf = (m: (typeof months)[number], scope: 'team' | 'workflow') => (scope === 'team' ? m.byTeam : m.byWorkflow);
  const seen = new Set<string>();
  for (const m of months) {
    for (const b of config.budgets) {
      const k = `${b.scope}\0${b.name}\0${m.month}`;
      if (seen.has(k)) continue;
      const budget =
        config.budgets.find((x) => x.scope === b.scope && x.name === b.name && x.month === m.month) ?? (b.month === null ? b : null);
      if (!budget) continue;
      seen.add(k);
      const row = rowsOf(m, b.scope).find((r) => r.name === b.name && (r.kind === 'team' || r.kind === 'workflow'));
      const amount = new Decimal(budget.amountUsd).mul(m.days).div(m.daysInMonth).toDecimalPlaces(10, DecimalBase.ROUND_HALF_EVEN);
      const base = new Decimal(row?.baselineUsd ?? 0);
      const scen = new Decimal(row?.scenarioUsd ?? 0);
      budgets.push({
        scope: b.scope,
        name: b.name,
        month: m.month,
        days: m.days,
        daysInMonth: m.daysInMonth,
        monthlyBudgetUsd: budget.amountUsd,
        budgetUsd: amount.toFixed(),
        baselineUsd: base.toFixed(),
        scenarioUsd: scen.toFixed(),
        breachedInBaseline: base.gt(amount),
        breached: scen.gt(amount),
      });
    }
  }

  const unpriced = { baseline: { events: 0, tokens: 0 }, scenario: { events: 0, tokens: 0 } };
  const unpricedByWorkflow = new Map<string, { b: number; s: number }>();
  for (const l of c.lines) {
    const tokens = l.line.inputTokens + l.line.outputTokens;
    const u = unpricedByWorkflow.get(l.line.workflow ?? '') ?? { b: 0, s: 0 };
    if (l.baselineUsd === null) {
      unpriced.baseline.events += l.line.events;
      unpriced.baseline.tokens += tokens;
      u.b += l.line.events;
    }
    if (l.scenarioUsd === null) {
      unpriced.scenario.events += l.line.events;
      unpriced.scenario.tokens += tokens;
      u.s += l.line.events;
    }
    unpricedByWorkflow.set(l.line.workflow ?? '', u);
  }

  const total = breakdowns(entries);
  const criticalWorkflows = config.workflows
    .filter((w) => w.criticality === 'critical')
    .map((w): CriticalImpact => {
      const row = total.byWorkflow.find((r) => r.kind === 'workflow' && r.name === w.name);
      const a = row ?? amounts(new Decimal(0), new Decimal(0));
      const reasons: CriticalReason[] = [];
      if (new Decimal(a.deltaUsd).gt(0)) reasons.push('cost_up');
      if (c.moved.has(w.name)) reasons.push('moved');
      const u = unpricedByWorkflow.get(w.name);
      if (u && u.s > u.b) reasons.push('unpriced');
      if (budgets.some((b) => b.scope === 'workflow' && b.name === w.name && b.breached)) reasons.push('budget_breached');
      return { workflow: w.name, team: w.team, baselineUsd: a.baselineUsd, scenarioUsd: a.scenarioUsd, deltaUsd: a.deltaUsd, reasons };
    });
  return {
    ...total,
    months,
    budgets,
    budgetsBreached: budgets.filter((b) => b.breached),
    criticalWorkflows,
    criticalWorkflowsHit: criticalWorkflows.filter((w) => w.reasons.length > 0),
    unpriced,
  };
}
