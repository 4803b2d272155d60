/**
 * Anomaly flags on daily spend per workflow, each against the workflow's own recent baseline.
 * Pure; amounts exact, z-scores are plain numbers (statistics, not money).
 *
 * Method (robust to the very spikes it looks for; Iglewicz & Hoaglin 1993 modified z-score):
 *  - baseline of day d = the workflow's daily spend on the B days before d (default B = 28), days
 *    without usage counting as 0, but only from the workflow's first day with spend (a new workflow
 *    is not compared with the days before it existed);
 *  - m = median of the baseline, MAD = median |x − m|;
 *  - z = 0.6745 · (x_d − m) / MAD. When MAD = 0 (more than half the baseline identical) the mean
 *    absolute deviation stands in: z = (x_d − m) / (1.2533 · meanAD); when that is 0 too the baseline is
 *    flat and any rise is anomalous (z reported as null);
 *  - flag a spike when z ≥ 3.5 (their recommended cut-off) and x_d − m ≥ minExcessUsd (default $1, so
 *    cents on a quiet workflow do not page anyone), with at least minBaselineDays (default 14) of
 *    baseline. Drops are not flagged: spend falling is not a finance risk.
 * Every flag carries its day and workflow, and the drill-down scope of the requests behind it.
 */
import type Decimal from 'decimal.js';
import type { DrilldownScope } from '../explorer-view';
import { ExactDecimal } from '../money';
import { addDays } from './timeseries';

export interface WorkflowDailySpend {
  day: string;
  /** null = usage with no workflow (it gets its own baseline too). */
  workflow: string | null;
  amountUsd: string | null;
}

export interface AnomalyOptions {
  /** The days to check, inclusive (UTC). The input must also hold the baseline days before `from`. */
  from: string;
  to: string;
  baselineDays?: number;
  minBaselineDays?: number;
  threshold?: number;
  minExcessUsd?: string;
}

export interface SpendAnomaly {
  day: string;
  workflow: string | null;
  spendUsd: string;
  baselineMedianUsd: string;
  baselineMadUsd: string;
  /** spend − median. */
  excessUsd: string;
  /** Modified z-score; null when the baseline is flat (any rise is anomalous). */
  robustZ: number | null;
  baselineDaysUsed: number;
  /** The requests behind the flag: pass to listExplorerRequests (db/queries/explorer-requests.ts). */
  requests: DrilldownScope;
}

export const ANOMALY_DEFAULTS = { baselineDays: 28, minBaselineDays: 14, threshold: 3.5, minExcessUsd: '1' } as const;

type D = Decimal;

function median(sorted: readonly D[]): D {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : sorted[n / 2 - 1].plus(sorted[n / 2]).dividedBy(2);
}
const sortDec = (xs: D[]) => [...xs].sort((a, b) => a.comparedTo(b));

export function detectSpendAnomalies(rows: readonly WorkflowDailySpend[], opts: AnomalyOptions): SpendAnomaly[] {
  const B = opts.baselineDays ?? ANOMALY_DEFAULTS.baselineDays;
  const minDays = opts.minBaselineDays ?? ANOMALY_DEFAULTS.minBaselineDays;
  const threshold = opts.threshold ?? ANOMALY_DEFAULTS.threshold;
  const minExcess = new ExactDecimal(opts.minExcessUsd ?? ANOMALY_DEFAULTS.minExcessUsd);

  const byWorkflow = new Map<string | null, Map<string, D>>();
  for (const r of rows) {
    const m = byWorkflow.get(r.workflow) ?? new Map<string, D>();
    m.set(r.day, (m.get(r.day) ?? new ExactDecimal(0)).plus(r.amountUsd ?? 0));
    byWorkflow.set(r.workflow, m);
  }
  const out: SpendAnomaly[] = [];
  for (const [workflow, days] of byWorkflow) {
    const spent = [...days].filter(([, v]) => !v.isZero()).map(([d]) => d);
    if (!spent.length) continue;
    const firstDay = spent.sort()[0];
    for (let d = opts.from; d <= opts.to; d = addDays(d, 1)) {
      const x = days.get(d) ?? new ExactDecimal(0);
      const baseline: D[] = [];
      for (let i = B; i >= 1; i--) {
        const b = addDays(d, -i);
        if (b >= firstDay) baseline.push(days.get(b) ?? new ExactDecimal(0));
      }
      if (baseline.length < minDays) continue;
      const sorted = sortDec(baseline);
      const m = median(sorted);
      const excess = x.minus(m);
      if (excess.lessThan(minExcess)) continue;
      const mad = median(sortDec(baseline.map((v) => v.minus(m).abs())));
      let z: number | null;
      if (!mad.isZero()) z = excess.times('0.6745').dividedBy(mad).toNumber();
      else {
        const meanAd = baseline.reduce((a, v) => a.plus(v.minus(m).abs()), new ExactDecimal(0)).dividedBy(baseline.length);
        z = meanAd.isZero() ? null : excess.dividedBy(meanAd.times('1.253314')).toNumber();
      }
      if (z !== null && z < threshold) continue;
      out.push({
        day: d,
        workflow,
        spendUsd: x.toFixed(),
        baselineMedianUsd: m.toFixed(),
        baselineMadUsd: mad.toFixed(),
        excessUsd: excess.toFixed(),
        robustZ: z === null ? null : Math.round(z * 100) / 100,
        baselineDaysUsed: baseline.length,
        requests: { from: d, to: d, filters: { workflow: [workflow] } },
      });
    }
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || String(a.workflow).localeCompare(String(b.workflow)));
}
