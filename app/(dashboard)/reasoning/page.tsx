import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { requirePage } from '@/lib/auth/guard';
import { filtersKey, type SearchParamsRecord } from '@/lib/filters';
import { carryFilters } from '../_components/audit/audit-cards';
import { VerificationSection } from '../_components/audit/verification-section';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { EasyTasksSection } from './_components/easy-tasks';
import { DistributionSection, TopHiddenSection } from './_components/event-sections';
import { HiddenSpendByDaySection, HiddenSpendSection } from './_components/hidden-spend-sections';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Reasoning' };

export default async function ReasoningPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/reasoning');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Reasoning</h1>
        <EmptyState />
      </>
    );
  const { conn, db, filters } = ctx;
  const key = filtersKey(filters);
  return (
    <>
      <PageHeader title="Reasoning" filters={filters}>
        <p className="small muted">
          How much of the bill is reasoning nobody reads, where it goes, and how much of it changes nothing. Agent loops are on the{' '}
          <Link href={`/loops${carryFilters(filters)}`}>Loops page</Link>; success by reasoning length on the{' '}
          <Link href={`/accuracy${carryFilters(filters)}`}>Accuracy page</Link>.
        </p>
      </PageHeader>
      <Suspense key={`hidden|${key}`} fallback={<CardSkeleton label="hidden reasoning spend" height={420} />}>
        <HiddenSpendSection conn={conn} filters={filters} />
      </Suspense>
      <div className="grid-2">
        <Suspense key={`day|${key}`} fallback={<CardSkeleton label="hidden spend per day" height={300} />}>
          <HiddenSpendByDaySection conn={conn} filters={filters} />
        </Suspense>
        <Suspense key={`dist|${key}`} fallback={<CardSkeleton label="reasoning distribution" height={300} />}>
          <DistributionSection conn={conn} filters={filters} />
        </Suspense>
      </div>
      <Suspense key={`easy|${key}`} fallback={<CardSkeleton label="easy-task reasoning" height={240} />}>
        <EasyTasksSection conn={conn} filters={filters} />
      </Suspense>
      <Suspense key={`top|${key}`} fallback={<CardSkeleton label="top tasks and requests" height={400} />}>
        <TopHiddenSection conn={conn} filters={filters} />
      </Suspense>
      <div id="verification">
        <Suspense key={`ver|${key}`} fallback={<CardSkeleton label="verification coverage" height={320} />}>
          <VerificationSection db={db} filters={filters} />
        </Suspense>
      </div>
    </>
  );
}
