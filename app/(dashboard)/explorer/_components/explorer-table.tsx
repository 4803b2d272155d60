/**
 * The explorer table, rendered on the server: sortable headers are links (the sort lives in the URL),
 * every amount links to the requests behind it, first-level subtotals sit under their rows when the
 * page keeps each group together (else in their own table below), and the grand total closes it.
 */
import Link from 'next/link';
import type { ExplorerMetrics, ExplorerResult, ExplorerRow, ExplorerSubtotal } from '@/db/queries/explorer';
import { requestsHref, sortHref } from '@/lib/explorer-links';
import {
  bucketEnd,
  DIMENSION_LABELS,
  type DrilldownScope,
  drilldownScope,
  type ExplorerMetric,
  type ExplorerView,
  METRIC_LABELS,
  MONEY_METRICS,
  type SortColumn,
} from '@/lib/explorer-view';
import { formatDay, formatDayShort, formatInt, formatMonth, formatUsd } from '@/lib/format';
import { exactAttr } from '../../_components/finance/kpi';
import { NOT_SET } from './filter-panel';

const SHORT: Record<ExplorerMetric, string> = {
  events: 'Events',
  requests: 'Requests',
  inputTokens: 'Input tokens',
  cachedInputTokens: 'Cached input',
  cacheWriteTokens: 'Cache writes',
  outputTokens: 'Output tokens',
  reasoningTokens: 'Reasoning tokens',
  listCostUsd: 'List cost',
  billedCostUsd: 'Billed per request',
  unpricedEvents: 'Unpriced events',
  unverifiedListCostUsd: 'Unverified (list)',
};
const KIND: Partial<Record<ExplorerMetric, 'list' | 'billed'>> = {
  listCostUsd: 'list',
  billedCostUsd: 'billed',
  unverifiedListCostUsd: 'list',
};

export function metricText(m: ExplorerMetric, r: ExplorerMetrics): string {
  const v = r[m];
  return MONEY_METRICS.includes(m) ? formatUsd(v as string | null) : formatInt(v as number | null);
}

/** A bucket's name; a week or month cut by the period's edges says which part it holds. */
function periodLabel(day: string | null, grain: ExplorerView['grain'], period: { from: string; to: string }): string {
  if (day === null || !grain) return NOT_SET;
  if (grain === 'day') return formatDay(day);
  const name = grain === 'month' ? formatMonth(day) : `Week of ${formatDay(day)}`;
  const end = bucketEnd(day, grain);
  const cut = [day < period.from ? `from ${formatDayShort(period.from)}` : '', end > period.to ? `to ${formatDayShort(period.to)}` : ''];
  const note = cut.filter(Boolean).join(' ');
  return note ? `${name} (${note})` : name;
}

interface Props {
  view: ExplorerView;
  period: { from: string; to: string };
  result: ExplorerResult;
}

export function ExplorerTable({ view, period, result }: Props) {
  const dims = view.groupBy;
  const keyCols: SortColumn[] = [...dims, ...(view.grain ? (['period'] as const) : [])];
  const metrics = view.columns;
  const level = result.subtotals[0]?.level ?? null;
  const levelOf = (r: ExplorerRow) => (level === 'period' ? r.period : level ? (r.keys[level] ?? null) : null);
  // Subtotals go under their rows only when each first-level value forms one run on this page.
  const runs = result.rows.map(levelOf).filter((k, i, a) => i === 0 || a[i - 1] !== k);
  const inline = level !== null && new Set(runs).size === runs.length;
  const subtotalOf = new Map(result.subtotals.map((s) => [s.key, s]));
  const search = Boolean(view.search);

  const cells = (m: ExplorerMetrics, scope: DrilldownScope | null, what: string) =>
    metrics.map((c) => (
      <td key={c} className="right" data-metric={c} data-exact={exactAttr(m[c])}>
        {scope ? (
          <Link href={requestsHref(scope)} prefetch={false} className="cell-link" title={`Requests behind ${what}`}>
            {metricText(c, m)}
          </Link>
        ) : (
          metricText(c, m)
        )}
      </td>
    ));
  const label = (v: string | null) => (v === null ? <span className="null-label">{NOT_SET}</span> : v);
  const subScope = (s: ExplorerSubtotal) =>
    search ? null : drilldownScope(period, view, s.level === 'period' ? { keys: {}, period: s.key } : { keys: { [s.level]: s.key } });
  const subLabel = (s: ExplorerSubtotal) => (s.level === 'period' ? periodLabel(s.key, view.grain, period) : (s.key ?? NOT_SET));

  const body: React.ReactNode[] = [];
  // Without any grouping the single row is the total itself (tfoot).
  const rows = keyCols.length === 0 ? [] : result.rows;
  rows.forEach((r, i) => {
    const what = [...dims.map((d) => r.keys[d] ?? NOT_SET), ...(view.grain ? [periodLabel(r.period, view.grain, period)] : [])].join(' · ');
    body.push(
      <tr key={JSON.stringify([r.keys, r.period])}>
        {dims.map((d) => (
          <td key={d}>{label(r.keys[d] ?? null)}</td>
        ))}
        {view.grain ? <td className="num">{periodLabel(r.period, view.grain, period)}</td> : null}
        {cells(r, drilldownScope(period, view, { keys: r.keys, period: r.period }), what)}
      </tr>,
    );
    const next = rows[i + 1];
    const s = inline ? subtotalOf.get(levelOf(r)) : undefined;
    if (s && (!next || levelOf(next) !== levelOf(r))) {
      body.push(
        <tr key={`subtotal:${s.key ?? ''}`} className="subtotal-row" data-testid="subtotal-row">
          <th scope="row" colSpan={keyCols.length}>
            Subtotal {subLabel(s)} <span className="faint">(all pages)</span>
          </th>
          {cells(s, subScope(s), `the ${subLabel(s)} subtotal`)}
        </tr>,
      );
    }
  });

  return (
    <>
      <div className="table-wrap">
        <table aria-label="Explorer groups" className="table-nowrap explorer-table">
          <thead>
            <tr>
              {keyCols.length === 0 ? <th scope="col">Scope</th> : null}
              {keyCols.map((c) => (
                <SortHeader
                  key={c}
                  view={view}
                  column={c}
                  label={c === 'period' ? 'Period' : DIMENSION_LABELS[c as keyof typeof DIMENSION_LABELS]}
                />
              ))}
              {metrics.map((m) => (
                <SortHeader key={m} view={view} column={m} label={SHORT[m]} right title={METRIC_LABELS[m]} kind={KIND[m]} />
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
          <tfoot>
            <tr className="total-row" data-testid="total-row">
              <th scope="row" colSpan={Math.max(1, keyCols.length)}>
                Total{' '}
                <span className="faint">{keyCols.length ? `(${formatInt(result.totalRows)} groups, all pages)` : '(no grouping)'}</span>
              </th>
              {cells(result.total, search ? null : { ...period, filters: view.filters }, 'the total')}
            </tr>
          </tfoot>
        </table>
      </div>
      {search ? (
        <p className="small muted">With a search, subtotal and total amounts do not link: the requests behind them are not one filter.</p>
      ) : null}
      {level !== null && !inline ? (
        <SubtotalTable subtotals={result.subtotals} metrics={metrics} scopeOf={subScope} labelOf={subLabel} />
      ) : null}
    </>
  );
}

function SortHeader(props: {
  view: ExplorerView;
  column: SortColumn;
  label: string;
  right?: boolean;
  title?: string;
  kind?: 'list' | 'billed';
}) {
  const { view, column } = props;
  const on = view.sort.column === column;
  const dir = on ? view.sort.dir : null;
  return (
    <th
      scope="col"
      className={props.right ? 'right' : undefined}
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
    >
      <Link href={sortHref(view, column)} prefetch={false} className="sort-link" title={props.title}>
        {props.label}
        <span aria-hidden="true" className={on ? undefined : 'faint'}>
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
        </span>
      </Link>
      {props.kind ? (
        <>
          {' '}
          <span
            className={`badge badge-${props.kind}`}
            title={props.kind === 'list' ? 'List price: our price catalog at the time of use' : 'Billed: what the vendor states it charged'}
          >
            {props.kind}
          </span>
        </>
      ) : null}
    </th>
  );
}

function SubtotalTable(props: {
  subtotals: ExplorerSubtotal[];
  metrics: ExplorerMetric[];
  scopeOf: (s: ExplorerSubtotal) => DrilldownScope | null;
  labelOf: (s: ExplorerSubtotal) => string;
}) {
  const level = props.subtotals[0].level;
  const name = level === 'period' ? 'period' : DIMENSION_LABELS[level].toLowerCase();
  return (
    <div className="subtotals">
      <h3>
        Subtotals by {name} <span className="faint">(for the {name} values on this page, over all pages)</span>
      </h3>
      <p className="small muted">This sort mixes the groups; sort by {name} to see each subtotal under its rows.</p>
      <div className="table-wrap">
        <table aria-label={`Subtotals by ${name}`} className="table-nowrap">
          <thead>
            <tr>
              <th scope="col">{level === 'period' ? 'Period' : DIMENSION_LABELS[level]}</th>
              {props.metrics.map((m) => (
                <th key={m} scope="col" className="right" title={METRIC_LABELS[m]}>
                  {SHORT[m]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.subtotals.map((s) => {
              const scope = props.scopeOf(s);
              return (
                <tr key={s.key ?? ''} className="subtotal-row" data-testid="subtotal-row">
                  <th scope="row">{props.labelOf(s)}</th>
                  {props.metrics.map((m) => (
                    <td key={m} className="right" data-metric={m} data-exact={exactAttr(s[m])}>
                      {scope ? (
                        <Link href={requestsHref(scope)} prefetch={false} className="cell-link">
                          {metricText(m, s)}
                        </Link>
                      ) : (
                        metricText(m, s)
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
