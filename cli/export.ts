/**
 * `itemized export`: the statement (CSV, XLSX, PDF) or the FOCUS 1.2 CSV of AI spend for a period
 * and filters, the same files the dashboard downloads. A calendar month's export is recorded so the
 * month-close view can show what changed since.
 * Period: --month YYYY-MM, or --from/--to (UTC days, inclusive), or neither (see resolveExportPeriod).
 */
import { writeFileSync } from 'node:fs';
import type { Connection } from '../db/client';
import { buildExport, resolveExportPeriod } from '../db/queries/exports';
import type { ExportFormat } from '../db/queries/statement-exports';
import { systemPdfFonts } from '../lib/export/system-fonts';
import { checkDayRange } from './args';

export interface ExportCliOptions {
  format: ExportFormat;
  out: string;
  from?: string;
  to?: string;
  month?: string;
  vendor?: string[];
  /** '' = not set (the unallocated line). */
  team?: string[];
  workflow?: string[];
  bom?: boolean;
  /** commander's --no-record. */
  record?: boolean;
}

const withNull = (values?: string[]) => values?.map((v) => (v === '' ? null : v));

export async function runExport(conn: Connection, o: ExportCliOptions): Promise<void> {
  if (o.month && (o.from || o.to)) throw new Error('give either --month or --from/--to, not both');
  checkDayRange(o);
  const period = await resolveExportPeriod(conn, o);
  const filters = {
    ...(o.vendor ? { vendor: o.vendor } : {}),
    ...(o.team ? { team: withNull(o.team) } : {}),
    ...(o.workflow ? { workflow: withNull(o.workflow) } : {}),
  };
  const file = await buildExport(conn, {
    format: o.format,
    ...period,
    filters,
    bom: o.bom,
    record: o.record !== false,
    pdfFonts: o.format === 'pdf' ? systemPdfFonts() : undefined,
  });
  writeFileSync(o.out, file.bytes);
  const recorded = file.recorded ? `; recorded as export #${file.recorded.id} of ${file.recorded.month}` : '';
  process.stderr.write(`wrote ${o.out} (${o.format}, ${file.bytes.length} bytes) for ${period.from}..${period.to}${recorded}\n`);
}
