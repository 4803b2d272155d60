import { PageLink } from '@/app/(dashboard)/_components/page-link';
import type { Connection } from '@/db/client';
import { getAuditTotals } from '@/db/queries/verification';
import { compareValues, previousPeriod } from '@/lib/analysis/compare';
import { daysInclusive } from '@/lib/analysis/timeseries';
import { filtersToQuery, type ResolvedFilters } from '@/lib/filters';
import { formatShare, formatUsd } from '@/lib/format';
import { shareOf } from '@/lib/money';
import { loadHiddenSpendTotal } from '../../reasoning/_components/hidden-spend';
import { KpiCard } from '../overview/kpi-card';
import { MoneyKind } from '../overview/money-kind';

/** Query string that carries the current filters to another page (the default period stays implicit). */
export function carryFilters(f: ResolvedFilters): string {
  return filtersToQuery({
    from: f.isDefaultPeriod ? undefined : f.from,
    to: f.isDefaultPeriod ? undefined : f.to,
    vendor: f.vendor,
    team: f.team,
    workflow: f.workflow,
  });
}

/** Overview cards for hidden reasoning spend and unverified spend (rollups only: usage_daily). */
export async function AuditCards({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const prev = { ...filters, ...previousPeriod(filters) };
  const [hidden, hiddenOld, totals, prevTotals] = await Promise.all([
    loadHiddenSpendTotal(conn, filters),
    loadHiddenSpendTotal(conn, prev),
    getAuditTotals(conn.db, filters),
    getAuditTotals(conn.db, prev),
  ]);
  const days = daysInclusive(filters.from, filters.to);
  const q = carryFilters(filters);
  const unverifiedShare = shareOf(totals.unverifiedListCostUsd, totals.listCostUsd);
  return (
    <>
      <KpiCard
        id="kpi-hidden-reasoning"
        title="Hidden reasoning spend"
        badge={<MoneyKind kind="list" />}
        value={formatUsd(hidden.measuredSpendUsd)}
        comparison={compareValues(hidden.measuredSpendUsd, hiddenOld.measuredSpendUsd)}
        previousLabel={formatUsd(hiddenOld.measuredSpendUsd)}
        previousDays={days}
        costLike
        footnote={
          <>
            Measured: {formatShare(shareOf(hidden.measuredSpendUsd, totals.listCostUsd))} of spend
            {hidden.estimatedCoveragePct ? (
              <>
                {' '}
                · <span className="estimate-text">≈ {formatUsd(hidden.estimatedSpendUsd)} more estimated</span> in billing buckets (covers{' '}
                {hidden.estimatedCoveragePct.toFixed(0)}% of output)
              </>
            ) : null}{' '}
            <PageLink className="kpi-link" href={`/reasoning${q}`}>
              · Reasoning audit →
            </PageLink>
          </>
        }
      />
      <KpiCard
        id="kpi-unverified"
        title="Unverified spend"
        badge={<MoneyKind kind="list" />}
        value={formatUsd(totals.unverifiedListCostUsd ?? '0')}
        comparison={compareValues(totals.unverifiedListCostUsd ?? '0', prevTotals.unverifiedListCostUsd ?? '0')}
        previousLabel={formatUsd(prevTotals.unverifiedListCostUsd ?? '0')}
        previousDays={days}
        costLike
        footnote={
          <>
            {formatShare(unverifiedShare)} of spend has no outcome signal{' '}
            <PageLink className="kpi-link" href={`/accuracy${q}#verification`}>
              · Verification →
            </PageLink>
          </>
        }
      />
    </>
  );
}
