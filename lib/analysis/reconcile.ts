/**
 * Reconciliation: for each vendor and month, what the vendor billed against what the logged usage
 * costs at list (or override) prices. Pure: takes the per-vendor-month sums, returns the verdicts.
 *
 * - Billed side: the vendor's own cost lines (billing exports: OpenAI/Anthropic cost reports, FOCUS
 *   AI-service lines) when there are any for the month, else the per-request billed amounts that
 *   gateways state (OpenRouter, LiteLLM, Langfuse). Credits, taxes and subscriptions are kept apart
 *   (`otherChargesUsd`): they are on the bill but not a price of tokens.
 * - Usage side: list cost of the usage events (buckets and per-request logs), except coding-agent
 *   session logs, which flat-rate seats usually cover (reported apart, never on the metered bill).
 * - Gap = billed - usage list cost (USD, exact); percent of billed. Matched when the gap is within
 *   MATCH_TOLERANCE_PCT of the billed amount or under one cent. Usage with no price at all has no list cost to
 *   compare (NULL is unknown, not 0): no gap is claimed, status no_prices.
 */
import Decimal from 'decimal.js';
import { formatUsd } from '../format';

/** A month is "matched" when |gap| <= this percent of billed (rounding, sub-cent per-line pricing). */
export const MATCH_TOLERANCE_PCT = 1;
const ONE_CENT = new Decimal('0.01');

export interface ReconciliationInput {
  vendor: string;
  /** YYYY-MM (UTC). */
  month: string;
  /** Usage-category cost lines (USD, exact); null when the vendor has none that month. */
  costLinesUsd: string | null;
  /** Credits, taxes, subscriptions, adjustments on the same bill; null when none. */
  otherChargesUsd: string | null;
  /** Sum of per-request billed amounts stated by gateways; null when none stated. */
  requestBilledUsd: string | null;
  /** List cost of the priced usage; null when nothing was priced. */
  usageListUsd: string | null;
  usageEvents: number;
  unpricedEvents: number;
  /** True when usage buckets (vendor exports) and per-request logs overlap (same day, vendor, and model and project or none): they may describe the same traffic. */
  bucketsAndLogs: boolean;
  /** List cost of coding-agent session logs (Claude Code, Codex): flat-rate seats, kept off the usage side. */
  agentLogListUsd: string | null;
}

export type ReconciliationStatus = 'matched' | 'gap' | 'no_billing' | 'no_usage' | 'no_prices';
export type MissingSide = 'billing' | 'usage' | 'prices' | null;

export interface ReconciliationRow extends ReconciliationInput {
  billedUsd: string | null;
  billedBasis: 'cost_lines' | 'requests' | null;
  /** billed - usage list cost; null when either side is missing. */
  gapUsd: string | null;
  /** gap / billed x 100, two decimals; null when billed is missing or zero. */
  gapPct: string | null;
  status: ReconciliationStatus;
  /** Which side lacks data: billing (no bill), usage (billed but nothing logged), prices (unpriced usage makes the list side incomplete). */
  missing: MissingSide;
  notes: string[];
}

const dec = (s: string | null) => (s === null ? null : new Decimal(s));
/** Exact decimal text without trailing zeros. */
const text = (d: Decimal) => d.toFixed();

export function reconcile(input: ReconciliationInput): ReconciliationRow {
  const costLines = dec(input.costLinesUsd);
  const requestBilled = dec(input.requestBilledUsd);
  const billed = costLines ?? requestBilled;
  const billedBasis = costLines ? 'cost_lines' : requestBilled ? 'requests' : null;
  const usage = dec(input.usageListUsd);
  const notes: string[] = [];
  if (costLines && requestBilled) notes.push('gateway-stated request costs also exist; the vendor’s cost lines are taken as the bill');
  if (input.bucketsAndLogs)
    notes.push('usage exports and request logs cover the same days, models and projects: the usage side may count that traffic twice');
  if (input.agentLogListUsd !== null)
    notes.push(`coding-agent session logs worth ${formatUsd(input.agentLogListUsd)} at list are left out (flat-rate seats)`);
  if (input.unpricedEvents > 0) {
    const one = input.unpricedEvents === 1;
    notes.push(`${input.unpricedEvents} usage event${one ? ' has' : 's have'} no price: the usage side is incomplete`);
  }

  const hasUsage = input.usageEvents > 0;
  let gap: Decimal | null = null;
  let gapPct: string | null = null;
  let status: ReconciliationStatus;
  let missing: MissingSide = null;
  if (!billed) {
    status = 'no_billing';
    missing = 'billing';
  } else if (!hasUsage) {
    status = 'no_usage';
    missing = 'usage';
  } else if (!usage) {
    // Every usage event is unpriced: billed - 0 would be a made-up gap (and "matched" under a cent).
    status = 'no_prices';
    missing = 'prices';
  } else {
    gap = billed.minus(usage);
    if (!billed.isZero()) gapPct = gap.div(billed).times(100).toFixed(2);
    const tolerance = Decimal.max(ONE_CENT, billed.abs().times(MATCH_TOLERANCE_PCT).div(100));
    status = gap.abs().lte(tolerance) ? 'matched' : 'gap';
    if (input.unpricedEvents > 0) missing = 'prices';
  }
  return {
    ...input,
    billedUsd: billed ? text(billed) : null,
    billedBasis,
    gapUsd: gap ? text(gap) : null,
    gapPct,
    status,
    missing,
    notes,
  };
}

export interface ReconciliationTotals {
  billedUsd: string;
  usageListUsd: string;
  /** Billed minus usage over the months where both sides exist (others would only measure missing data). */
  comparableGapUsd: string;
  matched: number;
  gaps: number;
  noBilling: number;
  noUsage: number;
  /** Billed months whose usage has no price at all (nothing to compare). */
  noPrices: number;
}

export function reconciliationTotals(rows: ReconciliationRow[]): ReconciliationTotals {
  let billed = new Decimal(0);
  let usage = new Decimal(0);
  let gap = new Decimal(0);
  const count = { matched: 0, gap: 0, no_billing: 0, no_usage: 0, no_prices: 0 };
  for (const r of rows) {
    if (r.billedUsd) billed = billed.plus(r.billedUsd);
    if (r.usageListUsd) usage = usage.plus(r.usageListUsd);
    if (r.gapUsd) gap = gap.plus(r.gapUsd);
    count[r.status]++;
  }
  return {
    billedUsd: text(billed),
    usageListUsd: text(usage),
    comparableGapUsd: text(gap),
    matched: count.matched,
    gaps: count.gap,
    noBilling: count.no_billing,
    noUsage: count.no_usage,
    noPrices: count.no_prices,
  };
}
