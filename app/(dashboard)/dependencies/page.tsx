import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageLink } from '@/app/(dashboard)/_components/page-link';
import type { Connection } from '@/db/client';
import { loadDependencies } from '@/db/queries/dependencies';
import { analyseSubscriptions } from '@/lib/analysis/subscriptions';
import { requirePage } from '@/lib/auth/guard';
import type { ResolvedFilters, SearchParamsRecord } from '@/lib/filters';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { MoneyKind } from '../_components/overview/money-kind';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CardSkeleton } from '../_components/skeletons';
import { Usd } from '../_components/usd';
import { ConcentrationCard, hhiBand } from './_components/concentration-card';
import { DependencyMap, MapLegend } from './_components/dependency-map';
import { EdgesTable } from './_components/dependency-tables';
import { ExposureCard } from './_components/exposure-card';
import { SubscriptionsCard } from './_components/subscriptions-card';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dependencies' };

export default async function DependenciesPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/dependencies');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Dependencies</h1>
        <EmptyState />
      </>
    );
  const { conn, filters } = ctx;
  return (
    <>
      <PageHeader title="Dependencies" filters={{ ...filters, vendor: undefined, team: undefined, workflow: undefined }}>
        <p className="small muted">
          Every AI dependency of the period: which team runs which workflow on which model from which vendor, how concentrated the spend is,
          and which workflows would stop if one vendor changed its terms. The map comes from the workflows in{' '}
          <PageLink href="/settings/workflows" fallback={<>Settings (admins)</>}>
            Settings
          </PageLink>
          .
        </p>
      </PageHeader>
      <Suspense key={`${filters.from}|${filters.to}`} fallback={<CardSkeleton label="the dependency map" height={480} />}>
        <DependenciesSection conn={conn} filters={filters} />
      </Suspense>
    </>
  );
}

async function DependenciesSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const period = { from: filters.from, to: filters.to };
  const view = await loadDependencies(conn, period);
  const { concentration: report, graph, config } = view;
  const subscriptions = analyseSubscriptions(view.lines, config.subscriptions, period.from, period.to);
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const criticalExposed = report.exposed.filter((w) => w.criticality === 'critical').length;
  return (
    <>
      {config.workflows.length === 0 ? (
        <div className="notice notice-warn" role="status">
          No workflow is declared yet, so all usage is unattributed. Define workflows in{' '}
          <PageLink href="/settings/workflows" fallback={<>Settings (admins)</>}>
            Settings
          </PageLink>{' '}
          or import an <code>itemized.yaml</code>.
        </div>
      ) : null}
      <div className="grid-kpi">
        <section className="card kpi" aria-labelledby="k-spend">
          <h2 id="k-spend" className="kpi-label">
            Spend in the period <MoneyKind kind="list" />
          </h2>
          <p className="kpi-value">
            <Usd value={report.overall.spendUsd} />
          </p>
          <p className="kpi-sub">{report.overall.vendors.length} vendors, flat-rate usage at its API-equivalent</p>
        </section>
        <section className="card kpi" aria-labelledby="k-hhi">
          <h2 id="k-hhi" className="kpi-label">
            Vendor concentration (HHI)
          </h2>
          <p className="kpi-value">{report.overall.hhi === null ? '—' : Math.round(report.overall.hhi).toLocaleString('en-US')}</p>
          <p className="kpi-sub">{hhiBand(report.overall.hhi)}</p>
        </section>
        <section className="card kpi" aria-labelledby="k-exposed">
          <h2 id="k-exposed" className="kpi-label">
            Single-vendor exposed
          </h2>
          <p className="kpi-value">
            {report.exposed.length} <span className="kpi-sub">of {config.workflows.length} workflows</span>
          </p>
          <p className={`kpi-sub${criticalExposed ? ' text-bad' : ''}`}>{criticalExposed} critical</p>
        </section>
        <section className="card kpi" aria-labelledby="k-unattr">
          <h2 id="k-unattr" className="kpi-label">
            Unattributed
          </h2>
          <p className="kpi-value">{report.unattributed.events === 0 ? 'None' : <Usd value={report.unattributed.spendUsd} />}</p>
          <p className="kpi-sub">{report.unattributed.events.toLocaleString('en-US')} events no workflow rule matches</p>
        </section>
      </div>
      <ExposureCard exposed={report.exposed} />
      <section className="card" aria-labelledby="map-title">
        <div className="card-head">
          <div>
            <h2 id="map-title">
              Dependency map <MoneyKind kind="list" />
            </h2>
            <p>
              Teams → workflows → models → vendors. Edge width follows list spend in the period; dashed arrows are declared fallbacks.
              Scroll to zoom, drag to pan, Tab to move through the nodes; the table below lists the same edges.
            </p>
          </div>
        </div>
        <MapLegend />
        {graph.nodes.length === 0 ? <p className="muted">No usage and no workflow in this period.</p> : <DependencyMap graph={graph} />}
        <h3 className="subhead" style={{ marginTop: 16 }} id="edges-title">
          The map as a table
        </h3>
        <EdgesTable
          rows={graph.edges.map((e) => ({
            from: label.get(e.source) ?? e.source,
            to: e.target.startsWith('model:')
              ? `${label.get(e.target)} (${e.target.slice(6).split('/')[0]})`
              : (label.get(e.target) ?? e.target),
            kind: e.kind,
            fallback: e.kind === 'fallback' ? (e.fallbackStatus === 'exercised' ? 'exercised' : 'never exercised') : '',
            spendUsd: e.spendUsd,
            events: e.events,
          }))}
        />
      </section>
      <ConcentrationCard report={report} />
      <SubscriptionsCard reports={subscriptions} />
    </>
  );
}
