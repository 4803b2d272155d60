import type { Metadata } from 'next';
import { Suspense } from 'react';
import { requirePage } from '@/lib/auth/guard';
import type { SearchParamsRecord } from '@/lib/filters';
import { filtersKey } from '@/lib/filters';
import { VerificationSection } from '../_components/audit/verification-section';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { AccuracySections } from './_components/accuracy-sections';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accuracy' };

export default async function AccuracyPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/accuracy');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Accuracy</h1>
        <EmptyState />
      </>
    );
  const { conn, db, filters } = ctx;
  const key = filtersKey(filters);
  return (
    <>
      <PageHeader title="Accuracy" filters={filters}>
        <p className="small muted">
          Does spending more reasoning raise the success rate, flatten out, or lower it? Per model and workflow with outcomes (tests, evals,
          user acceptance): success rate per length bin with its 95% interval (Wilson), the rank correlation, a verdict, and what a
          reasoning cap at the knee would save.
        </p>
      </PageHeader>
      <nav className="section-nav" aria-label="On this page">
        <a href="#verdicts">Verdicts</a>
        <a href="#reasoning-length">By reasoning length</a>
        <a href="#output-length">By output length</a>
        <a href="#verification">Verification coverage</a>
      </nav>
      <Suspense key={`acc|${key}`} fallback={<CardSkeleton label="accuracy by length" height={600} />}>
        <AccuracySections conn={conn} filters={filters} />
      </Suspense>
      <div id="verification">
        <Suspense key={`ver|${key}`} fallback={<CardSkeleton label="verification coverage" height={320} />}>
          <VerificationSection db={db} filters={filters} />
        </Suspense>
      </div>
    </>
  );
}
