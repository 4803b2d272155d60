/** AccuracyFinding (lib/analysis/accuracy.ts) → the plain panel data the page draws. */
import type { AccuracyFinding } from '@/lib/analysis/accuracy';
import { formatCompact } from '@/lib/format';
import type { AccuracyPanelData } from './types';

const nan = (x: number) => (Number.isFinite(x) ? x : null);

export function binRangeLabel(lo: number, hi: number): string {
  return lo === hi ? formatCompact(lo) : `${formatCompact(lo)}–${formatCompact(hi)}`;
}

export function toPanel(f: AccuracyFinding): AccuracyPanelData {
  const bins = f.bins.map((b) => ({
    label: binRangeLabel(b.minTokens, b.maxTokens),
    lo: b.minTokens,
    hi: b.maxTokens,
    n: b.outcomes,
    successes: b.successes,
    rate: nan(b.rate),
    low: b.low,
    high: b.high,
  }));
  const kneeLabel = f.kneeBin === null || f.verdict === 'helps' || f.verdict === 'hurts' ? null : (bins[f.kneeBin]?.label ?? null);
  const model = f.scope === 'workflow' ? 'all models' : (f.model ?? '(unknown model)');
  return {
    id: `${f.workflow}-${model}-${f.measure}`.replace(/[^\w-]+/g, '_'),
    model,
    workflow: f.workflow ?? '(no workflow)',
    metric: f.measure,
    n: f.outcomes,
    bins,
    rho: f.rho,
    verdict: f.verdict === 'not-enough-data' ? 'insufficient' : f.verdict,
    knee: f.verdict === 'plateau' && f.kneeBin !== null ? (f.bins[f.kneeBin]?.maxTokens ?? null) : null,
    kneeLabel,
    needed: f.needed,
    cap: f.capTokens,
    capLabel: f.capTokens === null || f.kneeBin === null ? null : (bins[f.kneeBin]?.label ?? null),
    savingsUsd: f.capTokens === null ? null : f.savingsUsd,
    successRate: f.outcomes > 0 ? f.successes / f.outcomes : null,
    expectedChangePp: f.expectedSuccessChange === null ? null : f.expectedSuccessChange * 100,
  };
}
