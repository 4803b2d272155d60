/** One page of explorer groups with the grand total, fetched on the server for the view in the URL. */
import Link from 'next/link';
import type { Connection } from '@/db/client';
import { queryExplorerView } from '@/db/queries/explorer';
import { explorerExportHref, pageHref, patchHref, requestsHref } from '@/lib/explorer-links';
import { DIMENSION_LABELS, EXPLORER_DIMENSIONS, type ExplorerView } from '@/lib/explorer-view';
import { formatInt, formatUsd } from '@/lib/format';
import { FinanceKpi as Kpi } from '../../_components/finance/kpi';
import { MoneyKind } from '../../_components/overview/money-kind';
import { ExplorerTable } from './explorer-table';
import { PageSizeSelect } from './page-size-select';

export async function ExplorerResults({
  conn,
  view,
  period,
}: {
  conn: Connection;
  view: ExplorerView;
  period: { from: string; to: string };
}) {
  const r = await queryExplorerView(conn, view, period);
  const t = r.total;
  const filtered = EXPLORER_DIMENSIONS.some((d) => view.filters[d]?.length) || Boolean(view.search);
  return (
    <>
      <div className="grid-kpi">
        <Kpi
          id="x-list"
          label="List cost"
          badge={<MoneyKind kind="list" />}
          value={formatUsd(t.listCostUsd)}
          exact={t.listCostUsd}
          testId="explorer-total-list"
        >
          {t.unpricedEvents ? `${formatInt(t.unpricedEvents)} unpriced events not included` : t.events ? 'Every event priced' : 'No usage'}
        </Kpi>
        <Kpi
          id="x-billed"
          label="Billed per request"
          badge={<MoneyKind kind="billed" />}
          value={formatUsd(t.billedCostUsd)}
          testId="explorer-total-billed"
          exact={t.billedCostUsd}
        >
          {t.billedCostUsd === null
            ? 'No vendor states a per-request cost here'
            : 'Vendor-stated per request; invoices are on the Statement'}
        </Kpi>
        <Kpi id="x-events" label="Events" value={formatInt(t.events)} exact={t.events} testId="explorer-total-events">
          {formatInt(t.requests)} requests
        </Kpi>
        <Kpi id="x-groups" label="Groups" value={formatInt(r.totalRows)} testId="explorer-total-groups">
          {view.groupBy.length ? view.groupBy.map((d) => DIMENSION_LABELS[d]).join(' › ') : 'No grouping'}
          {view.grain ? ` › ${view.grain}` : ''}
        </Kpi>
      </div>
      <section className="card" aria-labelledby="x-table-title">
        <div className="card-head">
          <div>
            <h2 id="x-table-title">Groups</h2>
            <p>
              Every amount links to the requests behind it. List = our price catalog at the time of use; billed = the cost a vendor states
              per request (only some do). Read from{' '}
              {r.source === 'usage_daily'
                ? 'the daily rollup'
                : r.source === 'usage_daily_keys'
                  ? 'the daily rollup by user and API key'
                  : 'individual usage events'}
              .
            </p>
          </div>
          {r.totalRows === 0 ? null : (
            <ul className="download-row" aria-label="Download this view">
              <li className="small muted">Download all pages:</li>
              {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
                <li key={f}>
                  <a
                    className="btn btn-sm"
                    href={explorerExportHref(view, f)}
                    download
                    aria-label={`Download this view as ${f.toUpperCase()}`}
                  >
                    {f.toUpperCase()}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
        {r.totalRows === 0 ? (
          <NoRows view={view} filtered={filtered} period={period} />
        ) : r.rows.length === 0 ? (
          <div className="notice notice-warn" role="status">
            <p>
              Page {formatInt(view.page)} is past the last page ({formatInt(r.pageCount)}).{' '}
              <Link href={pageHref(view, r.pageCount)} prefetch={false}>
                Go to the last page
              </Link>
            </p>
          </div>
        ) : (
          <>
            <ExplorerTable view={view} period={period} result={r} />
            <Pager view={view} page={r.page} pageCount={r.pageCount} totalRows={r.totalRows} shown={r.rows.length} />
          </>
        )}
      </section>
    </>
  );
}

function NoRows({ view, filtered, period }: { view: ExplorerView; filtered: boolean; period: { from: string; to: string } }) {
  return (
    <div className="empty-block" role="status">
      <p>
        <strong>No usage matches this view.</strong>
      </p>
      <ul>
        {filtered ? (
          <li>
            Remove a filter or the search, or{' '}
            <Link href={patchHref(view, { filters: {}, search: undefined })} prefetch={false}>
              clear them all
            </Link>
            .
          </li>
        ) : null}
        <li>
          Widen the period ({period.from} to {period.to}) with the From / To fields above, or pick a month.
        </li>
        <li>
          To check the raw rows, open{' '}
          <Link href={requestsHref({ ...period, filters: view.filters })} prefetch={false}>
            the requests in this period
          </Link>
          .
        </li>
      </ul>
    </div>
  );
}

function Pager({
  view,
  page,
  pageCount,
  totalRows,
  shown,
}: {
  view: ExplorerView;
  page: number;
  pageCount: number;
  totalRows: number;
  shown: number;
}) {
  const first = (page - 1) * view.pageSize + 1;
  const link = (p: number, label: string, disabled: boolean) =>
    disabled ? (
      <span className="btn btn-sm" aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link href={pageHref(view, p)} className="btn btn-sm" prefetch={false}>
        {label}
      </Link>
    );
  return (
    <nav className="pager" aria-label="Explorer pages">
      <span className="num" data-testid="explorer-range">
        Groups {formatInt(first)}–{formatInt(first + shown - 1)} of {formatInt(totalRows)}
      </span>
      {link(1, 'First', page <= 1)}
      {link(page - 1, 'Previous', page <= 1)}
      <span className="num">
        Page {formatInt(page)} of {formatInt(pageCount)}
      </span>
      {link(page + 1, 'Next', page >= pageCount)}
      {link(pageCount, 'Last', page >= pageCount)}
      <PageSizeSelect view={view} />
    </nav>
  );
}
