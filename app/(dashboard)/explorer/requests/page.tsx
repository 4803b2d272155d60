import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import type { Connection } from '@/db/client';
import { queryExplorer } from '@/db/queries/explorer';
import { listExplorerRequests } from '@/db/queries/explorer-requests';
import { requirePage } from '@/lib/auth/guard';
import { explorerHref, parseRequestsParams, type RequestsParams, requestsHref, requestsPaging } from '@/lib/explorer-links';
import { DIMENSION_LABELS, EXPLORER_DIMENSIONS, resolveExplorerPeriod } from '@/lib/explorer-view';
import type { SearchParamsRecord } from '@/lib/filters';
import { formatDay, formatInt, formatUsd } from '@/lib/format';
import { loadDataExtent, openPageConnection, todayUtc } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { exactAttr } from '../../_components/finance/kpi';
import { EmptyState } from '../../_components/overview/empty-state';
import { MoneyKind } from '../../_components/overview/money-kind';
import { CardSkeleton } from '../../_components/skeletons';
import { NOT_SET } from '../_components/filter-panel';
import { RequestsPageSize } from './_components/requests-page-size';
import { RequestsTable } from './_components/requests-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Requests' };

export default async function ExplorerRequestsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/explorer/requests');
  const [sp, c] = await Promise.all([searchParams, openPageConnection()]);
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const extent = await loadDataExtent(c.conn);
  if (!extent.lastDay) {
    return (
      <>
        <h1>Requests</h1>
        <EmptyState />
      </>
    );
  }
  const params = parseRequestsParams(sp);
  const period = resolveExplorerPeriod(params, extent.lastDay, todayUtc());
  const scope = { ...period, filters: params.filters };
  const active = EXPLORER_DIMENSIONS.filter((d) => params.filters[d]);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link href={explorerHref(scope)}>← Spend explorer</Link>
          </p>
          <h1>Requests</h1>
          <p>
            {period.from === period.to ? formatDay(period.from) : `${formatDay(period.from)} – ${formatDay(period.to)}`} (UTC), newest
            first. The usage events behind an explorer cell, a statement line or an anomaly flag.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="scope-title">
        <h2 id="scope-title" className="kpi-label">
          Scope
        </h2>
        <ul className="scope-list" data-testid="drilldown-scope">
          <li>
            <strong>Period:</strong> {period.from} to {period.to}
          </li>
          {active.length === 0 ? <li>All usage (no dimension filter)</li> : null}
          {active.map((d) => (
            <li key={d}>
              <strong>{DIMENSION_LABELS[d]}:</strong> {(params.filters[d] ?? []).map((v) => v ?? NOT_SET).join(', ')}
            </li>
          ))}
        </ul>
      </section>
      <Suspense key={JSON.stringify(scope)} fallback={<CardSkeleton label="scope totals" height={60} />}>
        <ScopeTotals conn={c.conn} scope={scope} />
      </Suspense>
      <Suspense key={JSON.stringify([scope, params.cursor, params.size])} fallback={<CardSkeleton label="requests" height={480} />}>
        <RequestsSection conn={c.conn} params={params} period={period} />
      </Suspense>
    </>
  );
}

/** The scope's totals, from the same explorer query the cell came from (so they match it exactly). */
async function ScopeTotals({ conn, scope }: { conn: Connection; scope: { from: string; to: string; filters: RequestsParams['filters'] } }) {
  const { total } = await queryExplorer(conn, { ...scope, groupBy: [], grain: null });
  return (
    <div className="grid-kpi">
      <section className="card kpi" aria-labelledby="rq-events">
        <h2 id="rq-events" className="kpi-label">
          Events
        </h2>
        <p className="kpi-value" data-testid="drilldown-events" data-exact={total.events}>
          {formatInt(total.events)}
        </p>
        <p className="kpi-sub">{formatInt(total.requests)} requests</p>
      </section>
      <section className="card kpi" aria-labelledby="rq-list">
        <h2 id="rq-list" className="kpi-label">
          List cost <MoneyKind kind="list" />
        </h2>
        <p className="kpi-value" data-testid="drilldown-list" data-exact={exactAttr(total.listCostUsd)}>
          {formatUsd(total.listCostUsd)}
        </p>
        <p className="kpi-sub">
          {total.unpricedEvents
            ? `${formatInt(total.unpricedEvents)} unpriced events not included`
            : total.events
              ? 'Every event priced'
              : 'No usage'}
        </p>
      </section>
      <section className="card kpi" aria-labelledby="rq-billed">
        <h2 id="rq-billed" className="kpi-label">
          Billed per request <MoneyKind kind="billed" />
        </h2>
        <p className="kpi-value" data-testid="drilldown-billed" data-exact={exactAttr(total.billedCostUsd)}>
          {formatUsd(total.billedCostUsd)}
        </p>
        <p className="kpi-sub">Vendor-stated per request; — where no vendor states one</p>
      </section>
    </div>
  );
}

async function RequestsSection({
  conn,
  params,
  period,
}: {
  conn: Connection;
  params: RequestsParams;
  period: { from: string; to: string };
}) {
  let page: Awaited<ReturnType<typeof listExplorerRequests>>;
  try {
    page = await listExplorerRequests(conn, { ...period, filters: params.filters, cursor: params.cursor, limit: params.size });
  } catch (e) {
    if (!(e instanceof Error && e.message === 'invalid drill-down cursor')) throw e;
    return (
      <div className="notice notice-warn" role="alert">
        <p>
          This page link is not valid (its position in the list could not be read).{' '}
          <Link href={requestsHref({ ...period, filters: params.filters }, { size: params.size })}>Start from the first page</Link>.
        </p>
      </div>
    );
  }
  const nav = requestsPaging({ ...params, ...period }, page.nextCursor);
  return (
    <section className="card" aria-labelledby="rq-title">
      <div className="card-head">
        <div>
          <h2 id="rq-title">Usage events</h2>
          <p>
            One row per request, or per usage bucket where a source gives only aggregates (bucket width shown). Tokens and amounts as the
            source reported them; — is unknown, not zero.
          </p>
        </div>
      </div>
      {page.rows.length === 0 ? (
        <div className="empty-block" role="status">
          <p>
            <strong>No requests in this scope.</strong>
          </p>
          <p className="muted">
            {params.cursor ? (
              <>
                This page is past the end. <Link href={nav.first ?? '#'}>Back to the first page</Link>.
              </>
            ) : (
              <>
                Nothing was used with these filters in the period. Open the{' '}
                <Link href={explorerHref({ ...period, filters: {} })}>explorer</Link> without filters to see what there is.
              </>
            )}
          </p>
        </div>
      ) : (
        <RequestsTable rows={page.rows} />
      )}
      {page.rows.length === 0 && !params.cursor ? null : (
        <nav className="pager" aria-label="Request pages">
          <span className="num">
            {nav.pageNumber ? `Page ${formatInt(nav.pageNumber)}` : 'A later page'} · {formatInt(page.rows.length)} rows
          </span>
          <PagerLink href={nav.first} label="First" />
          <PagerLink href={nav.previous} label="Previous" />
          <PagerLink href={nav.next} label="Next" />
          <RequestsPageSize params={{ ...params, ...period }} />
        </nav>
      )}
    </section>
  );
}

function PagerLink({ href, label }: { href: string | null; label: string }) {
  return href ? (
    <Link href={href} className="btn btn-sm" prefetch={false}>
      {label}
    </Link>
  ) : (
    <span className="btn btn-sm" aria-disabled="true">
      {label}
    </span>
  );
}
