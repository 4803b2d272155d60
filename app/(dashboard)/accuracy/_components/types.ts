/** Plain, serialisable view of one accuracy analysis, as the accuracy page draws it. */
import type { RateBin } from '@/app/_components/charts/binned-rate-chart';
import type { Verdict } from '../../_components/audit/verdict-badge';

export interface AccuracyPanelData {
  id: string;
  model: string;
  workflow: string;
  /** What is binned: hidden reasoning tokens, or output tokens where reasoning is unknown. */
  metric: 'reasoning' | 'output';
  /** Requests with an outcome. */
  n: number;
  bins: (RateBin & { lo: number; hi: number | null })[];
  /** Spearman rank correlation of length with success; null when undefined. */
  rho: number | null;
  verdict: Verdict;
  /** Token count where the plateau starts (plateau only). */
  knee: number | null;
  kneeLabel: string | null;
  /** Requests with an outcome still needed for a verdict (insufficient only). */
  needed: number | null;
  /** Recommended cap in tokens; null = no cap recommended. */
  cap: number | null;
  capLabel: string | null;
  /** Savings over the period if the cap had applied, USD exact decimal; null = none. */
  savingsUsd: string | null;
  /** Current success rate and the expected change with the cap (percentage points, signed). */
  successRate: number | null;
  expectedChangePp: number | null;
}
