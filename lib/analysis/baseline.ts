/**
 * Baseline cost lines: usage attributed to (workflow, team, vendor, model, source, covering subscription) per
 * UTC day or calendar month, with tokens per class, list and billed cost, and the list cost split by
 * token class (cost-split.ts). db/queries/baseline.ts reads them; scenarios, concentration and
 * subscriptions analyse them. Pure.
 */
import { addSplits, addTokens, addUsd, type CostByClass, type PriceBook, splitCostByClass, type TokenCounts } from './cost-split';

export interface BaselineLine extends TokenCounts {
  /** "YYYY-MM-DD" at day grain, "YYYY-MM" at month grain (UTC). */
  period: string;
  /** The dependency map's workflow name; null = no workflow rule matches (unattributed). */
  workflow: string | null;
  /** The usage's own team tag, else the workflow's owner team; null when neither is known. */
  team: string | null;
  vendor: string;
  model: string | null;
  /** The ingest source (e.g. response_log, claude_code): which logs or export the usage came from. */
  source: string;
  /** Position in config.subscriptions of the flat-rate plan covering this usage; null = metered. */
  subscription: number | null;
  /** Usage events (requests, or buckets of a usage export). */
  events: number;
  /** List cost (USD) of the priced events; null when none is priced. */
  listCostUsd: string | null;
  /** What the vendor billed for these events where the source says (USD); null = not known per event. */
  billedCostUsd: string | null;
  /** Events with no list price and their input + output tokens (unpriced, never counted as 0 USD). */
  unpricedEvents: number;
  unpricedTokens: number;
  /** listCostUsd split by token class; null exactly when listCostUsd is null. */
  costByClass: CostByClass | null;
}

/** A day line as read from SQL, before the split (the query adds it with a PriceBook). */
export type UnpricedLine = Omit<BaselineLine, 'costByClass'>;

export const lineKey = (l: Pick<BaselineLine, 'period' | 'workflow' | 'team' | 'vendor' | 'model' | 'source' | 'subscription'>) =>
  `${l.period}\0${l.workflow ?? ''}\0${l.team ?? ''}\0${l.vendor}\0${l.model ?? ''}\0${l.source}\0${l.subscription ?? ''}`;

function merge(a: BaselineLine, b: BaselineLine): BaselineLine {
  return {
    ...a,
    ...addTokens(a, b),
    events: a.events + b.events,
    listCostUsd: addUsd(a.listCostUsd, b.listCostUsd),
    billedCostUsd: addUsd(a.billedCostUsd, b.billedCostUsd),
    unpricedEvents: a.unpricedEvents + b.unpricedEvents,
    unpricedTokens: a.unpricedTokens + b.unpricedTokens,
    costByClass: addSplits(a.costByClass, b.costByClass),
  };
}

/** Adds the split at each day's prices and merges lines with the same key. Sorted by key. */
export function priceDayLines(lines: UnpricedLine[], prices: PriceBook): BaselineLine[] {
  const out = new Map<string, BaselineLine>();
  for (const l of lines) {
    const priced: BaselineLine = { ...l, costByClass: splitCostByClass(l, prices(l.vendor, l.model, l.period), l.listCostUsd) };
    const k = lineKey(priced);
    const prev = out.get(k);
    out.set(k, prev ? merge(prev, priced) : priced);
  }
  return sortLines([...out.values()]);
}

/** Day lines summed to calendar months (exact). */
export function toMonthLines(dayLines: BaselineLine[]): BaselineLine[] {
  const out = new Map<string, BaselineLine>();
  for (const d of dayLines) {
    const m = { ...d, period: d.period.slice(0, 7) };
    const k = lineKey(m);
    const prev = out.get(k);
    out.set(k, prev ? merge(prev, m) : m);
  }
  return sortLines([...out.values()]);
}

const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

export function sortLines(lines: BaselineLine[]): BaselineLine[] {
  return lines.sort(
    (a, b) =>
      cmp(a.period, b.period) ||
      cmp(a.workflow, b.workflow) ||
      cmp(a.team, b.team) ||
      cmp(a.vendor, b.vendor) ||
      cmp(a.model, b.model) ||
      cmp(a.source, b.source) ||
      cmp(a.subscription, b.subscription),
  );
}
