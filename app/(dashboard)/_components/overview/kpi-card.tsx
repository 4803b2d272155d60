import type { ReactNode } from 'react';
import type { Comparison } from '@/lib/analysis/compare';
import { formatDelta } from '@/lib/format';

export interface KpiCardProps {
  id: string;
  title: string;
  badge?: ReactNode;
  value: string;
  comparison: Comparison<string | number> | null;
  /** The previous period's value, formatted. */
  previousLabel: string;
  previousDays: number;
  footnote?: ReactNode;
  /** When true, a rise is shown as a cost increase (amber) rather than neutral. */
  costLike?: boolean;
}

export function KpiCard({ id, title, badge, value, comparison, previousLabel, previousDays, footnote, costLike }: KpiCardProps) {
  const trend = comparison?.trend ?? 'unknown';
  const cls = trend === 'up' && costLike ? 'delta-up' : trend === 'down' && costLike ? 'delta-down' : 'delta-flat';
  const arrow = trend === 'up' ? '▲' : trend === 'down' ? '▼' : '';
  return (
    <section className="card kpi" aria-labelledby={id}>
      <h2 id={id} className="kpi-label">
        {title} {badge}
      </h2>
      <p className="kpi-value">{value}</p>
      {comparison === null ? null : (
        <p className="kpi-sub">
          {trend === 'unknown' ? (
            <>
              No comparison ({previousLabel} in the previous {previousDays} days)
            </>
          ) : (
            <>
              <span className={`delta ${cls}`}>
                {arrow}{' '}
                {trend === 'new'
                  ? 'new'
                  : trend === 'flat' && comparison.deltaPct === null
                    ? 'no change'
                    : formatDelta(comparison.deltaPct)}
              </span>{' '}
              vs {previousLabel} in the previous {previousDays} days
            </>
          )}
        </p>
      )}
      {footnote ? <p className="kpi-sub">{footnote}</p> : null}
    </section>
  );
}
