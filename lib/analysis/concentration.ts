/**
 * Vendor concentration and single-vendor exposure (DESIGN.md "Definitions"). Pure.
 *
 * Spend here is usage at list price (ours), including usage that a flat-rate plan covers, counted at
 * its API-equivalent: a dependency hidden behind a subscription is still a dependency. Unpriced usage
 * has no spend; a workflow with no priced usage at all is measured by tokens instead (sharesBy).
 *
 * - HHI = sum over vendors of (100 x share)^2, from 0 (spread thin) to 10,000 (one vendor); null when
 *   there is nothing to share (no spend, no tokens).
 * - A workflow is single-vendor exposed when its top vendor has >= 95% of its spend and no declared
 *   fallback was exercised in the period on ANOTHER vendor. Exercised = the fallback's (vendor, model)
 *   has usage attributed to the workflow in the period. A fallback on the same vendor is reported but
 *   does not count: it does not survive that vendor changing its terms.
 */
import DecimalBase from 'decimal.js';
import { CRITICALITY_RANK, type Criticality, type ItemizedConfig } from '../config/types';
import type { BaselineLine } from './baseline';

const Decimal = DecimalBase.clone({ precision: 40 });

/** Share of spend at or above which one vendor "serves" a workflow. */
export const SINGLE_VENDOR_SHARE = 0.95;

/**
 * Herfindahl-Hirschman index of the amounts' shares, 0..10,000, rounded to 2 decimals. Amounts are
 * decimal strings or numbers; null and non-positive amounts are left out. null when nothing is left.
 */
export function herfindahl(amounts: readonly (string | number | null)[]): number | null {
  const xs = amounts
    .filter((a): a is string | number => a !== null)
    .map((a) => new Decimal(a))
    .filter((d) => d.gt(0));
  const total = xs.reduce((a, x) => a.plus(x), new Decimal(0));
  if (total.isZero()) return null;
  const squares = xs.reduce((a, x) => a.plus(x.mul(x)), new Decimal(0));
  return squares.mul(10_000).div(total.mul(total)).toDecimalPlaces(2).toNumber();
}

export interface VendorShare {
  vendor: string;
  /** List spend (USD); null when measured by tokens. */
  spendUsd: string | null;
  tokens: number;
  /** 0..1, for display. */
  share: number;
}

export type FallbackStatus = 'exercised' | 'never_exercised';

export interface FallbackReport {
  vendor: string;
  model: string;
  /** Every fallback listed here is declared; this says whether it served the workflow in the period. */
  status: FallbackStatus;
  /** Usage events the fallback served for this workflow in the period. */
  events: number;
  spendUsd: string | null;
  /** True when it is on the workflow's top vendor (it does not reduce vendor exposure). */
  sameVendor: boolean;
}

export interface WorkflowConcentration {
  workflow: string;
  team: string;
  criticality: Criticality;
  /** List spend in the period (USD); null when none of its usage is priced. */
  spendUsd: string | null;
  events: number;
  unpricedEvents: number;
  sharesBy: 'spend' | 'tokens';
  hhi: number | null;
  /** Largest first. */
  vendors: VendorShare[];
  topVendor: string | null;
  topShare: number | null;
  fallbacks: FallbackReport[];
  exposed: boolean;
}

export interface ConcentrationReport {
  overall: { spendUsd: string | null; hhi: number | null; vendors: VendorShare[] };
  /** Every declared workflow, in declared order (with no usage: events 0, hhi null, not exposed). */
  workflows: WorkflowConcentration[];
  /** Exposed workflows ranked by criticality (critical first), then spend (largest first), then name. */
  exposed: WorkflowConcentration[];
  /** Usage no workflow rule matches. */
  unattributed: { spendUsd: string | null; events: number };
}

interface Acc {
  spend: DecimalBase | null;
  tokens: number;
  events: number;
  unpriced: number;
}
const acc = (): Acc => ({ spend: null, tokens: 0, events: 0, unpriced: 0 });
function add(a: Acc, l: BaselineLine): void {
  if (l.listCostUsd !== null) a.spend = (a.spend ?? new Decimal(0)).plus(l.listCostUsd);
  a.tokens += l.inputTokens + l.outputTokens;
  a.events += l.events;
  a.unpriced += l.unpricedEvents;
}

interface Shares {
  sharesBy: 'spend' | 'tokens';
  vendors: VendorShare[];
  hhi: number | null;
  /** The top vendor's exact share >= SINGLE_VENDOR_SHARE (not the rounded display share). */
  single: boolean;
}

function shares(byVendor: Map<string, Acc>): Shares {
  const all = [...byVendor.entries()];
  const bySpend = all.some(([, a]) => a.spend?.gt(0));
  const weight = (a: Acc) => (bySpend ? (a.spend ?? new Decimal(0)) : new Decimal(a.tokens));
  const total = all.reduce((s, [, a]) => s.plus(weight(a)), new Decimal(0));
  const vendors = all
    .map(([vendor, a]) => ({
      vendor,
      spendUsd: bySpend ? (a.spend?.toFixed() ?? null) : null,
      tokens: a.tokens,
      share: total.isZero() ? 0 : weight(a).div(total).toDecimalPlaces(6).toNumber(),
      w: weight(a),
    }))
    .sort((x, y) => y.w.comparedTo(x.w) || x.vendor.localeCompare(y.vendor))
    .map(({ w: _w, ...v }) => v);
  const top = all.reduce<DecimalBase>((m, [, a]) => DecimalBase.max(m, weight(a)), new Decimal(0));
  return {
    sharesBy: bySpend ? 'spend' : 'tokens',
    vendors,
    hhi: herfindahl(all.map(([, a]) => weight(a).toFixed())),
    single: !total.isZero() && top.div(total).gte(SINGLE_VENDOR_SHARE),
  };
}

const sumSpend = (m: Map<string, Acc>) =>
  [...m.values()].reduce<DecimalBase | null>((s, a) => (a.spend === null ? s : (s ?? new Decimal(0)).plus(a.spend)), null);

/** Concentration overall and per workflow, and the ranking of single-vendor exposed workflows. */
export function analyseConcentration(lines: readonly BaselineLine[], config: ItemizedConfig): ConcentrationReport {
  const overall = new Map<string, Acc>();
  const byWorkflow = new Map<string, Map<string, Acc>>();
  const byModel = new Map<string, Acc>(); // workflow \0 vendor \0 model
  const unattributed = acc();
  for (const l of lines) {
    const o = overall.get(l.vendor) ?? acc();
    add(o, l);
    overall.set(l.vendor, o);
    if (l.workflow === null) {
      add(unattributed, l);
      continue;
    }
    const w = byWorkflow.get(l.workflow) ?? new Map<string, Acc>();
    const v = w.get(l.vendor) ?? acc();
    add(v, l);
    w.set(l.vendor, v);
    byWorkflow.set(l.workflow, w);
    const mk = `${l.workflow}\0${l.vendor}\0${l.model ?? ''}`;
    const m = byModel.get(mk) ?? acc();
    add(m, l);
    byModel.set(mk, m);
  }

  const workflows = config.workflows.map((wf): WorkflowConcentration => {
    const vendorsAcc = byWorkflow.get(wf.name) ?? new Map<string, Acc>();
    const s = shares(vendorsAcc);
    const top = s.vendors[0] ?? null;
    const fallbacks = wf.fallbacks.map((f): FallbackReport => {
      const used = byModel.get(`${wf.name}\0${f.vendor}\0${f.model}`);
      return {
        vendor: f.vendor,
        model: f.model,
        status: used && used.events > 0 ? 'exercised' : 'never_exercised',
        events: used?.events ?? 0,
        spendUsd: used?.spend?.toFixed() ?? null,
        sameVendor: top !== null && f.vendor === top.vendor,
      };
    });
    const mitigated = fallbacks.some((f) => f.status === 'exercised' && !f.sameVendor);
    const events = [...vendorsAcc.values()].reduce((a, x) => a + x.events, 0);
    return {
      workflow: wf.name,
      team: wf.team,
      criticality: wf.criticality,
      spendUsd: sumSpend(vendorsAcc)?.toFixed() ?? null,
      events,
      unpricedEvents: [...vendorsAcc.values()].reduce((a, x) => a + x.unpriced, 0),
      sharesBy: s.sharesBy,
      hhi: s.hhi,
      vendors: s.vendors,
      topVendor: top?.vendor ?? null,
      topShare: top?.share ?? null,
      fallbacks,
      exposed: s.single && !mitigated,
    };
  });

  const exposed = workflows
    .filter((w) => w.exposed)
    .sort(
      (a, b) =>
        CRITICALITY_RANK[a.criticality] - CRITICALITY_RANK[b.criticality] ||
        new Decimal(b.spendUsd ?? 0).comparedTo(a.spendUsd ?? 0) ||
        a.workflow.localeCompare(b.workflow),
    );
  const o = shares(overall);
  return {
    overall: { spendUsd: sumSpend(overall)?.toFixed() ?? null, hhi: o.hhi, vendors: o.vendors },
    workflows,
    exposed,
    unattributed: { spendUsd: unattributed.spend?.toFixed() ?? null, events: unattributed.events },
  };
}
