/**
 * The export pipeline shared by `itemized export` and the download route: read the statement (or the
 * FOCUS rows) for a period and filters, render it with lib/export, and, for a calendar month, record
 * the export so the month-close view can show what changed since.
 */
import type { ExplorerRow } from '../../lib/explorer-types';
import type { ExplorerView } from '../../lib/explorer-view';
import { explorerReport } from '../../lib/export/explorer-report';
import { focusToCsv } from '../../lib/export/focus';
import { describeFilters, type Report, reportFileStem } from '../../lib/export/report';
import { statementReport } from '../../lib/export/statement-report';
import { resolveFilters } from '../../lib/filters';
import { monthPeriod } from '../../lib/months';
import type { StatementFilters } from '../../lib/statement-types';
import type { Connection } from '../client';
import { queryExplorerView } from './explorer';
import { getFocusExportRows } from './focus-export';
import { getDataExtent } from './overview';
import { getStatement } from './statement';
import { type ExportFormat, recordStatementExport, type StatementExportRecord } from './statement-exports';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf', 'focus'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  focus: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ExportRequest {
  format: ExportFormat;
  /** UTC days, inclusive. */
  from: string;
  to: string;
  filters?: StatementFilters;
  /** CSV and FOCUS: UTF-8 byte-order mark for Excel. */
  bom?: boolean;
  /** Record a month's export for the month-close diff (default true; ignored unless from..to is one month). */
  record?: boolean;
  pdfFonts?: { regular: string | Buffer; bold: string | Buffer };
  /** The time printed as "generated at" (default now). */
  now?: Date;
}

export interface ExportFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
  /** Set when the export was recorded (a calendar month). */
  recorded: StatementExportRecord | null;
}

export async function buildExport(conn: Connection, req: ExportRequest): Promise<ExportFile> {
  const filters = req.filters ?? {};
  const scope = { from: req.from, to: req.to, filters };
  const statement = await getStatement(conn, scope);
  const now = req.now ?? new Date();
  let bytes: Buffer;
  if (req.format === 'focus') {
    const rows = await getFocusExportRows(conn, scope);
    bytes = focusToCsv({ ...rows, period: scope, filters: describeFilters({ ...filters }) }, { bom: req.bom });
  } else bytes = await renderReport(statementReport(statement, { generatedAt: now }), req.format, req);
  const recorded = statement.month && req.record !== false ? await recordStatementExport(conn, statement, req.format) : null;
  const stem = reportFileStem(req.format === 'focus' ? 'focus' : 'statement', scope, statement.month);
  const ext = req.format === 'focus' ? 'csv' : req.format;
  return { bytes, fileName: `${stem}.${ext}`, contentType: CONTENT_TYPES[req.format], recorded };
}

/**
 * The period of an export: a month, or from/to (a missing end follows the dashboard default), or with
 * neither the calendar month of the latest day with data (statements are monthly).
 */
export async function resolveExportPeriod(
  conn: Connection,
  p: { month?: string; from?: string; to?: string },
  today = new Date().toISOString().slice(0, 10),
): Promise<{ from: string; to: string }> {
  if (p.month && (p.from || p.to)) throw new RangeError('give either a month or from/to, not both');
  if (p.month) return monthPeriod(p.month);
  const extent = await getDataExtent(conn.db);
  if (!p.from && !p.to) return monthPeriod((extent.lastDay ?? today).slice(0, 7));
  const r = resolveFilters({ from: p.from, to: p.to }, extent.lastDay, today);
  return { from: r.from, to: r.to };
}

async function renderReport(report: Report, format: 'csv' | 'xlsx' | 'pdf', o: Pick<ExportRequest, 'bom' | 'pdfFonts'>): Promise<Buffer> {
  if (format === 'csv') return (await import('../../lib/export/csv')).reportToCsv(report, { bom: o.bom });
  if (format === 'xlsx') return (await import('../../lib/export/xlsx')).reportToXlsx(report);
  return (await import('../../lib/export/pdf')).reportToPdf(report, { fonts: o.pdfFonts });
}

/** Most explorer groups one file lists; beyond it the file says so and drops its total row. */
export const MAX_EXPLORER_EXPORT_ROWS = 50_000;

/**
 * The explorer view (every page, in its sort order) as CSV, XLSX or PDF. Reads 500 groups per query;
 * memory is bounded by MAX_EXPLORER_EXPORT_ROWS groups, never by the number of events.
 */
export async function buildExplorerExport(
  conn: Connection,
  view: ExplorerView,
  period: { from: string; to: string },
  req: { format: 'csv' | 'xlsx' | 'pdf'; bom?: boolean; pdfFonts?: ExportRequest['pdfFonts']; now?: Date },
): Promise<Omit<ExportFile, 'recorded'>> {
  const rows: ExplorerRow[] = [];
  let first = await queryExplorerView(conn, { ...view, page: 1, pageSize: 500 }, period);
  rows.push(...first.rows);
  for (let page = 2; page <= first.pageCount && rows.length < MAX_EXPLORER_EXPORT_ROWS; page++) {
    const next = await queryExplorerView(conn, { ...view, page, pageSize: 500 }, period);
    rows.push(...next.rows);
    first = { ...first, totalRows: next.totalRows };
  }
  const report = explorerReport({
    view,
    period,
    rows: rows.slice(0, MAX_EXPLORER_EXPORT_ROWS),
    total: first.total,
    totalRows: first.totalRows,
    generatedAt: req.now ?? new Date(),
  });
  return {
    bytes: await renderReport(report, req.format, req),
    fileName: `${reportFileStem('explorer', period)}.${req.format}`,
    contentType: CONTENT_TYPES[req.format],
  };
}
