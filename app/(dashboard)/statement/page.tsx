import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getFilterOptions } from '@/db/queries/overview';
import { requirePage } from '@/lib/auth/guard';
import type { SearchParamsRecord } from '@/lib/filters';
import { financeParamNotes, monthsBetween, parseMonth, parseStatementFilters } from '@/lib/finance-params';
import { formatMonth } from '@/lib/format';
import { loadDataExtent, openPageConnection } from '../_components/connection';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { MonthControls } from '../_components/finance/month-controls';
import { EmptyState } from '../_components/overview/empty-state';
import { PeriodNotes } from '../_components/page-header';
import { CardSkeleton, KpiSkeleton } from '../_components/skeletons';
import { StatementBody } from './_components/statement-body';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Monthly statement' };

export default async function StatementPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/statement');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay || !extent.firstDay) {
    return (
      <>
        <h1>Monthly statement</h1>
        <EmptyState />
      </>
    );
  }
  const month = parseMonth(sp, extent.lastDay);
  const filters = parseStatementFilters(sp);
  const options = await getFilterOptions(c.conn.db);
  const key = JSON.stringify([month, filters]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Monthly statement</h1>
          <p>
            {formatMonth(`${month}-01`)} (UTC calendar month). Usage allocated to cost centres and workflows at list price, billed beside
            it, invoice charges, and what changed since the last export.
          </p>
          <PeriodNotes filters={{ notes: financeParamNotes(sp, month, extent.lastDay) }} />
        </div>
      </div>
      <MonthControls
        path="/statement"
        month={month}
        months={monthsBetween(extent.firstDay, extent.lastDay)}
        filters={filters}
        options={options}
        label="Statement month and filters"
      />
      <Suspense key={key} fallback={<StatementSkeleton />}>
        <StatementBody conn={c.conn} month={month} filters={filters} />
      </Suspense>
    </>
  );
}

function StatementSkeleton() {
  return (
    <>
      <KpiSkeleton count={undefined} />
      <CardSkeleton label="statement" height={400} />
    </>
  );
}
