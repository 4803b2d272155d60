import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requirePage } from '@/lib/auth/guard';
import type { SearchParamsRecord } from '@/lib/filters';
import { financeParamNotes, monthsBetween, parseAsOf, parseMonth } from '@/lib/finance-params';
import { formatDay, formatMonth } from '@/lib/format';
import { monthPeriod } from '@/lib/months';
import { loadDataExtent, openPageConnection } from '../_components/connection';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { MonthControls } from '../_components/finance/month-controls';
import { EmptyState } from '../_components/overview/empty-state';
import { PeriodNotes } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { AnomalySection } from './_components/anomaly-section';
import type { MonthContext } from './_components/budget-data';
import { BudgetSection } from './_components/budget-section';
import { ForecastSection, parseChartScope } from './_components/forecast-section';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Budgets and forecast' };

export default async function BudgetsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/budgets');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay || !extent.firstDay) {
    return (
      <>
        <h1>Budgets and forecast</h1>
        <EmptyState />
      </>
    );
  }
  const month = parseMonth(sp, extent.lastDay);
  const asOf = parseAsOf(sp, month, extent.lastDay);
  const months = monthsBetween(extent.firstDay, extent.lastDay);
  const head = (
    <div className="page-head">
      <div>
        <h1>Budgets and forecast</h1>
        <p>
          {formatMonth(`${month}-01`)}: month-end forecast with its 95% interval, budget burn and spend anomalies per workflow, all at list
          price (usage; invoices arrive late and carry no team).
        </p>
        <PeriodNotes filters={{ notes: financeParamNotes(sp, month, extent.lastDay) }} />
      </div>
    </div>
  );
  const controls = <MonthControls path="/budgets" month={month} months={months} filters={{}} label="Budget month" />;
  if (!asOf) {
    return (
      <>
        {head}
        {controls}
        <div className="notice notice-warn" role="status">
          <p>
            The data ends on {formatDay(extent.lastDay)}, before {formatMonth(`${month}-01`)} starts: there is nothing to forecast from.
            Pick a month with data.
          </p>
        </div>
      </>
    );
  }
  const { to } = monthPeriod(month);
  const ctx: MonthContext = { month, asOf, lastKnown: [extent.lastDay, to].sort()[0] };
  const chart = parseChartScope(sp);
  const key = JSON.stringify([ctx, chart]);
  return (
    <>
      {head}
      {controls}
      <Suspense key={`f|${key}`} fallback={<CardSkeleton label="forecast" height={420} />}>
        <ForecastSection conn={c.conn} ctx={ctx} chart={chart} />
      </Suspense>
      <Suspense key={`b|${key}`} fallback={<CardSkeleton label="budgets" height={120} />}>
        <BudgetSection conn={c.conn} ctx={ctx} />
      </Suspense>
      <Suspense key={`a|${key}`} fallback={<CardSkeleton label="anomalies" height={240} />}>
        <AnomalySection conn={c.conn} ctx={ctx} />
      </Suspense>
    </>
  );
}
