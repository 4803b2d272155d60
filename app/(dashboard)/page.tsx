import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requirePage } from '@/lib/auth/guard';
import { filtersKey, parseFilters, resolveFilters, type SearchParamsRecord } from '@/lib/filters';
import { formatDay } from '@/lib/format';
import { AuditCards } from './_components/audit/audit-cards';
import { SavingsCard } from './_components/audit/savings-card';
import { loadDataExtent, openPageConnection, todayUtc } from './_components/connection';
import { DatabaseUnavailable } from './_components/database-unavailable';
import { BudgetsCard } from './_components/overview/budgets-card';
import { EmptyState } from './_components/overview/empty-state';
import { KpiCards } from './_components/overview/kpi-cards';
import { OverlapNotice } from './_components/overview/overlap-notice';
import { ReasoningSection } from './_components/overview/reasoning-section';
import { SpendSection } from './_components/overview/spend-section';
import { TopModelsSection, TopWorkflowsSection } from './_components/overview/top-tables';
import { UnpricedSection } from './_components/overview/unpriced-section';
import { PeriodNotes } from './_components/page-header';
import { CardSkeleton, KpiSkeleton } from './_components/skeletons';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay || !extent.firstDay) {
    return (
      <>
        <h1>Overview</h1>
        <EmptyState />
      </>
    );
  }
  const filters = resolveFilters(parseFilters(sp), extent.lastDay, todayUtc());
  const key = filtersKey(filters);
  const db = c.conn.db;
  const scope = [filters.vendor, filters.team, filters.workflow].filter(Boolean).join(' · ');
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p>
            {formatDay(filters.from)} – {formatDay(filters.to)} (UTC)
            {filters.isDefaultPeriod ? ', the 30 days ending at the latest day with data' : ''}
            {scope ? ` · ${scope}` : ''}
          </p>
          <PeriodNotes filters={filters} />
        </div>
      </div>
      <Suspense key={`overlap|${key}`} fallback={null}>
        <OverlapNotice conn={c.conn} filters={filters} />
      </Suspense>
      <Suspense key={`kpi|${key}`} fallback={<KpiSkeleton />}>
        <KpiCards db={db} filters={filters} extent={{ firstDay: extent.firstDay, lastDay: extent.lastDay }} />
      </Suspense>
      <div className="grid-kpi" style={{ marginTop: 12 }}>
        <Suspense key={`audit|${key}`} fallback={<KpiSkeleton count={2} />}>
          <AuditCards conn={c.conn} filters={filters} />
        </Suspense>
        <Suspense key={`savings|${key}`} fallback={<KpiSkeleton count={1} />}>
          <SavingsCard conn={c.conn} filters={filters} />
        </Suspense>
        <Suspense key={`budgets|${key}`} fallback={<KpiSkeleton count={1} />}>
          <BudgetsCard conn={c.conn} filters={filters} />
        </Suspense>
      </div>
      <Suspense key={`spend|${key}`} fallback={<CardSkeleton label="spend over time" height={300} />}>
        <SpendSection db={db} filters={filters} />
      </Suspense>
      <div className="grid-2">
        <Suspense key={`reasoning|${key}`} fallback={<CardSkeleton label="reasoning share" />}>
          <ReasoningSection db={db} filters={filters} />
        </Suspense>
        <Suspense key={`unpriced|${key}`} fallback={<CardSkeleton label="unpriced usage" />}>
          <UnpricedSection db={db} filters={filters} />
        </Suspense>
      </div>
      <Suspense key={`models|${key}`} fallback={<CardSkeleton label="top models" height={320} />}>
        <TopModelsSection db={db} filters={filters} />
      </Suspense>
      <Suspense key={`workflows|${key}`} fallback={<CardSkeleton label="top workflows" height={320} />}>
        <TopWorkflowsSection db={db} filters={filters} />
      </Suspense>
    </>
  );
}
