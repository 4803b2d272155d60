import Link from 'next/link';
import type { Db } from '@/db/client';
import { getBilledTotals, getUsageTotals } from '@/db/queries/overview';
import { compareValues, previousPeriod } from '@/lib/analysis/compare';
import { daysInclusive } from '@/lib/analysis/timeseries';
import { narrowsBeyondInvoices, type ResolvedFilters } from '@/lib/filters';
import { formatDay, formatInt, formatUsd } from '@/lib/format';
import { KpiCard } from './kpi-card';
import { MoneyKind } from './money-kind';

/** The period's totals beside the previous period of equal length. */
export async function KpiCards({
  db,
  filters,
  extent,
}: {
  db: Db;
  filters: ResolvedFilters;
  extent: { firstDay: string; lastDay: string };
}) {
  const prev = { ...filters, ...previousPeriod(filters) };
  const [cur, old, billed, billedOld] = await Promise.all([
    getUsageTotals(db, filters),
    getUsageTotals(db, prev),
    getBilledTotals(db, filters),
    getBilledTotals(db, prev),
  ]);
  const days = daysInclusive(filters.from, filters.to);
  const billedApplies = !narrowsBeyondInvoices(filters);
  const nothing = cur.events === 0 && (billed.lines === 0 || !billedApplies);

  return (
    <>
      {nothing ? (
        <p className="notice notice-warn" role="status">
          Nothing recorded in this period with these filters. Your data runs from {formatDay(extent.firstDay)} to{' '}
          {formatDay(extent.lastDay)}. <Link href="/">Show the latest 30 days</Link>
        </p>
      ) : null}
      <div className="grid-kpi">
        <KpiCard
          id="kpi-list"
          title="Spend"
          badge={<MoneyKind kind="list" />}
          value={formatUsd(cur.listCostUsd ?? '0')}
          comparison={compareValues(cur.listCostUsd ?? '0', old.listCostUsd ?? '0')}
          previousLabel={formatUsd(old.listCostUsd ?? '0')}
          previousDays={days}
          costLike
          footnote={cur.unpricedEvents > 0 ? `${formatInt(cur.unpricedEvents)} unpriced events not included` : 'Usage at catalog prices'}
        />
        <KpiCard
          id="kpi-billed"
          title="Spend"
          badge={<MoneyKind kind="billed" />}
          value={!billedApplies ? 'n/a' : billed.lines === 0 ? '—' : formatUsd(billed.billedCostUsd ?? '0')}
          comparison={
            billedApplies && billed.lines > 0 && billedOld.lines > 0
              ? compareValues(billed.billedCostUsd ?? '0', billedOld.billedCostUsd ?? '0')
              : null
          }
          previousLabel={!billedApplies ? 'n/a' : billedOld.lines === 0 ? '—' : formatUsd(billedOld.billedCostUsd ?? '0')}
          previousDays={days}
          costLike
          footnote={
            !billedApplies
              ? 'Invoices are not split by team or workflow'
              : billed.lines === 0
                ? 'No invoice lines in this period: import a vendor cost export'
                : `${formatInt(billed.lines)} invoice lines, credits and taxes included`
          }
        />
        <KpiCard
          id="kpi-requests"
          title="Requests"
          value={formatInt(cur.requests)}
          comparison={compareValues(cur.requests, old.requests)}
          previousLabel={formatInt(old.requests)}
          previousDays={days}
          footnote={`${formatInt(cur.events)} usage records`}
        />
        <KpiCard
          id="kpi-input"
          title="Input tokens"
          value={formatInt(cur.inputTokens)}
          comparison={compareValues(cur.inputTokens, old.inputTokens)}
          previousLabel={formatInt(old.inputTokens)}
          previousDays={days}
          footnote={`${formatInt(cur.cachedInputTokens)} cache reads · ${formatInt(cur.cacheWriteTokens)} cache writes`}
        />
        <KpiCard
          id="kpi-output"
          title="Output tokens"
          value={formatInt(cur.outputTokens)}
          comparison={compareValues(cur.outputTokens, old.outputTokens)}
          previousLabel={formatInt(old.outputTokens)}
          previousDays={days}
          footnote={`incl. ${formatInt(cur.reasoningTokens)} reasoning (measured)`}
        />
      </div>
    </>
  );
}
