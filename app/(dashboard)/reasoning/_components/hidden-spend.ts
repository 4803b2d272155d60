/**
 * Loads hidden reasoning per model, team, workflow or day through lib/analysis/reasoning.ts
 * (measured and estimated kept apart) and flattens it into plain table rows.
 */
import type { Connection } from '@/db/client';
import type { UsagePeriod } from '@/db/queries/overview';
import { getBucketOutputCostBy, getHiddenReasoningBy, type ReasoningDimension } from '@/db/queries/reasoning';
import { type HiddenReasoningSummary, summariseHiddenReasoning } from '@/lib/analysis/reasoning';

export interface HiddenSpendRow {
  key: string;
  outputTokens: number;
  measuredReasoningTokens: number;
  /** 0..1; null when no output with known reasoning. */
  measuredShare: number | null;
  measuredSpendUsd: string;
  /** % of the key's output tokens whose reasoning is measured. */
  measuredCoveragePct: number | null;
  estimatedReasoningTokens: number;
  /** "0" with no estimate. */
  estimatedSpendUsd: string;
  /** % of the key's output tokens covered by the estimate (bucket output with a per-request basis). */
  estimatedCoveragePct: number | null;
}

export function flatten(s: HiddenReasoningSummary, none: string): HiddenSpendRow {
  return {
    key: s.key ?? none,
    outputTokens: s.outputTokens,
    measuredReasoningTokens: s.measured.reasoningTokens,
    measuredShare: s.measured.share,
    measuredSpendUsd: s.measured.spendUsd,
    measuredCoveragePct: s.measured.coveragePct,
    estimatedReasoningTokens: s.estimated.reasoningTokens,
    estimatedSpendUsd: s.estimated.spendUsd,
    estimatedCoveragePct: s.estimated.coveragePct,
  };
}

export async function loadHiddenSpend(conn: Connection, p: UsagePeriod, by: ReasoningDimension): Promise<HiddenReasoningSummary[]> {
  const [rows, buckets] = await Promise.all([getHiddenReasoningBy(conn, p, by), getBucketOutputCostBy(conn, p, by)]);
  return summariseHiddenReasoning(rows, buckets);
}

/** The period's totals (one key for everything). */
export async function loadHiddenSpendTotal(conn: Connection, p: UsagePeriod): Promise<HiddenSpendRow> {
  const [rows, buckets] = await Promise.all([getHiddenReasoningBy(conn, p, 'model'), getBucketOutputCostBy(conn, p, 'model')]);
  const all = summariseHiddenReasoning(
    rows.map((r) => ({ ...r, key: 'all' })),
    buckets.map((b) => ({ ...b, key: 'all' })),
  );
  return all[0]
    ? flatten(all[0], 'all')
    : {
        key: 'all',
        outputTokens: 0,
        measuredReasoningTokens: 0,
        measuredShare: null,
        measuredSpendUsd: '0',
        measuredCoveragePct: null,
        estimatedReasoningTokens: 0,
        estimatedSpendUsd: '0',
        estimatedCoveragePct: null,
      };
}
