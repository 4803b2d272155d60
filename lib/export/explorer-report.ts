/**
 * An explorer view's groups (every page, read by buildExplorerExport) as a Report: one table with the
 * grouped dimensions, the time bucket and the chosen metric columns, and the grand total row. Pure.
 */
import type { ExplorerMetrics, ExplorerRow } from '../explorer-types';
import { DIMENSION_LABELS, type ExplorerView, METRIC_LABELS, MONEY_METRICS } from '../explorer-view';
import { describeFilters, type Report, type ReportColumn, type ReportRow } from './report';

export interface ExplorerExportInput {
  view: ExplorerView;
  period: { from: string; to: string };
  rows: ExplorerRow[];
  total: ExplorerMetrics;
  /** Groups matching the view; more than rows.length when the export was capped. */
  totalRows: number;
  generatedAt: Date;
}

export function explorerReport(x: ExplorerExportInput): Report {
  const { view } = x;
  const columns: ReportColumn[] = [
    ...view.groupBy.map((d): ReportColumn => ({ key: `dim:${d}`, label: DIMENSION_LABELS[d], type: 'text' })),
    ...(view.grain
      ? [{ key: 'period', label: `${view.grain[0].toUpperCase()}${view.grain.slice(1)} starting`, type: 'text' } as ReportColumn]
      : []),
    ...view.columns.map(
      (m): ReportColumn => ({ key: m, label: METRIC_LABELS[m], type: MONEY_METRICS.includes(m) ? 'usd' : 'int', weight: 1.2 }),
    ),
  ];
  const metricCells = (m: ExplorerMetrics): ReportRow => Object.fromEntries(view.columns.map((c) => [c, m[c]]));
  const rows = x.rows.map(
    (r): ReportRow => ({
      ...Object.fromEntries(view.groupBy.map((d) => [`dim:${d}`, r.keys[d] ?? '(not set)'])),
      ...(view.grain ? { period: r.period } : {}),
      ...metricCells(r),
    }),
  );
  const firstText = columns.find((c) => c.type === 'text')?.key;
  const total: ReportRow = { ...metricCells(x.total), ...(firstText ? { [firstText]: 'Total' } : {}) };
  const capped = x.rows.length < x.totalRows;
  return {
    title: `AI spend explorer ${x.period.from} to ${x.period.to}`,
    period: x.period,
    filters: [
      ...describeFilters({ ...view.filters }),
      ...(view.search ? [{ name: 'search', value: view.search }] : []),
      { name: 'grouped by', value: [...view.groupBy, ...(view.grain ? [view.grain] : [])].join(', ') || 'nothing (one total)' },
      { name: 'sorted by', value: `${view.sort.column} ${view.sort.dir}` },
    ],
    generatedAt: x.generatedAt.toISOString(),
    notes: [
      'Amounts in USD. List cost = usage at catalog prices; billed = vendor-stated per-request costs only (invoices are on the statement).',
      ...(capped ? [`Only the first ${x.rows.length} of ${x.totalRows} groups are listed; the total row covers all of them.`] : []),
    ],
    sections: [{ id: 'Explorer', title: 'Spend explorer', columns, rows, total: capped ? null : total }],
  };
}
