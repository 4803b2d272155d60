import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { requirePage } from '@/lib/auth/guard';
import { periodHref } from '@/lib/explorer-links';
import { explorerViewToQuery, parseExplorerView, resolveExplorerPeriod } from '@/lib/explorer-view';
import { ignoredPeriodParams, type SearchParamsRecord } from '@/lib/filters';
import { monthsBetween } from '@/lib/finance-params';
import { formatDay, formatMonth } from '@/lib/format';
import { monthPeriod } from '@/lib/months';
import { loadDataExtent, openPageConnection, todayUtc } from '../_components/connection';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { PopoverCloser } from '../_components/finance/popover-closer';
import { EmptyState } from '../_components/overview/empty-state';
import { PeriodNotes } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { ExplorerResults } from './_components/explorer-results';
import { ExplorerToolbar } from './_components/explorer-toolbar';
import { FilterPanel } from './_components/filter-panel';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Spend explorer' };

export default async function ExplorerPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/explorer');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay || !extent.firstDay) {
    return (
      <>
        <h1>Spend explorer</h1>
        <EmptyState />
      </>
    );
  }
  const view = parseExplorerView(sp);
  const period = resolveExplorerPeriod(view, extent.lastDay, todayUtc(), ignoredPeriodParams(sp, view));
  const key = `${explorerViewToQuery(view)}|${period.from}|${period.to}`;
  const months = monthsBetween(extent.firstDay, extent.lastDay).slice(0, 6);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Spend explorer</h1>
          <p>
            {formatDay(period.from)} – {formatDay(period.to)} (UTC)
            {view.from || view.to ? '' : ', the 30 days ending at the latest day with data'}. Usage only, per request: invoices are on the{' '}
            <Link href="/statement">Statement</Link>.
          </p>
          <PeriodNotes filters={period} />
        </div>
        <nav className="month-links" aria-label="Whole months">
          <span className="small muted">Month:</span>
          {months.map((m) => {
            const p = monthPeriod(m);
            const current = p.from === period.from && p.to === period.to;
            return (
              <Link key={m} href={periodHref(view, p.from, p.to)} className="btn btn-sm" aria-current={current ? 'page' : undefined}>
                {formatMonth(p.from)}
              </Link>
            );
          })}
        </nav>
      </div>
      <PopoverCloser />
      <ExplorerToolbar view={view} />
      <Suspense key={`filters|${period.from}|${period.to}|${key}`} fallback={<CardSkeleton label="filters" height={40} />}>
        <FilterPanel conn={c.conn} view={view} period={period} />
      </Suspense>
      <Suspense key={key} fallback={<CardSkeleton label="explorer results" height={480} />}>
        <ExplorerResults conn={c.conn} view={view} period={period} />
      </Suspense>
    </>
  );
}
