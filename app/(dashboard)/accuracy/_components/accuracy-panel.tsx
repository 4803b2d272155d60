import { BinnedRateChart } from '@/app/_components/charts/binned-rate-chart';
import { CsvButton } from '@/app/_components/data-table/csv-button';
import { formatCompact, formatInt, formatShare, formatUsd } from '@/lib/format';
import { VerdictBadge } from '../../_components/audit/verdict-badge';
import type { AccuracyPanelData } from './types';

function signedPp(pp: number | null): string {
  if (pp === null) return '—';
  if (Math.abs(pp) < 0.05) return '±0.0 pts';
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pts`;
}

/** One (model, workflow): success rate by length bin with 95% intervals, verdict and cap. */
export function AccuracyPanel({ p }: { p: AccuracyPanelData }) {
  const unit = p.metric === 'reasoning' ? 'reasoning tokens' : 'output tokens';
  const title = `${p.workflow} · ${p.model}`;
  return (
    <article className="accuracy-card" aria-labelledby={`acc-${p.id}`} data-testid="accuracy-panel">
      <h3 id={`acc-${p.id}`}>
        <span>{title}</span> <VerdictBadge verdict={p.verdict} knee={p.knee} needed={p.needed} />
      </h3>
      <dl className="facts">
        <div>
          <dt>Requests with outcome</dt>
          <dd>{formatInt(p.n)}</dd>
        </div>
        <div>
          <dt>Rank correlation ρ</dt>
          <dd>{p.rho === null ? '—' : p.rho.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Recommended cap</dt>
          <dd>{p.cap === null ? 'none' : `${formatCompact(p.cap)} ${unit}`}</dd>
        </div>
        <div>
          <dt>Saving over the period</dt>
          <dd className={p.savingsUsd ? 'text-ok' : undefined}>{p.savingsUsd ? formatUsd(p.savingsUsd) : '—'}</dd>
        </div>
        <div>
          <dt>Success rate (now → capped)</dt>
          <dd>
            {formatShare(p.successRate)} <span className="muted">{p.cap === null ? '' : signedPp(p.expectedChangePp)}</span>
          </dd>
        </div>
      </dl>
      {p.bins.length === 0 ? (
        <p className="muted small">
          {p.n === 0 ? 'No requests with an outcome in this period.' : `Too few requests with an outcome to draw bins (${p.n}).`}
        </p>
      ) : (
        <div>
          <BinnedRateChart
            bins={p.bins}
            ariaLabel={`Success rate by ${unit} for ${title}, with 95% intervals`}
            xTitle={`${p.metric === 'reasoning' ? 'Reasoning' : 'Output'} tokens per request`}
            kneeLabel={p.kneeLabel}
            capLabel={p.capLabel}
            color={p.verdict === 'hurts' ? 'var(--bad)' : p.verdict === 'helps' ? 'var(--ok)' : 'var(--chart-1)'}
          />
        </div>
      )}
      <div className="card-actions">
        <CsvButton
          fileName={`itemized-accuracy-${p.workflow}-${p.model}.csv`.replace(/[^\w.-]+/g, '_')}
          headers={[
            'model',
            'workflow',
            'metric',
            'bin_lo_tokens',
            'bin_hi_tokens',
            'requests',
            'successes',
            'success_rate',
            'wilson95_low',
            'wilson95_high',
          ]}
          rows={p.bins.map((b) => [p.model, p.workflow, p.metric, b.lo, b.hi, b.n, b.successes, b.rate, b.low, b.high])}
        />
      </div>
    </article>
  );
}
