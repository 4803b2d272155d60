/**
 * Report → CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF,
 * quotes doubled; every record padded to the same number of fields). UTF-8, with an optional BOM so
 * Excel opens it as UTF-8. Layout: a header block (report, period, filters, generated at, notes),
 * then each section as a titled table with its header, rows and total row, separated by empty records.
 * Money is written as exact decimal text (every digit the database holds), counts as integers.
 */
import { stringify } from 'csv-stringify/sync';
import type { Cell, ColumnType, Report } from './report';
import { safeNumberText, safeText } from './sanitize';

export interface CsvOptions {
  /** Prefix a UTF-8 byte-order mark (Excel on Windows needs it to read UTF-8). Default false. */
  bom?: boolean;
}

export function csvCell(value: Cell, type: ColumnType): string {
  if (value === null || value === undefined) return '';
  return type === 'text' ? safeText(String(value)) : safeNumberText(value);
}

/** The header block shared by every writer: [label, value] pairs, values neutralised. */
export function headerBlock(report: Report): [string, string][] {
  return [
    ['Report', report.title],
    ['Period from', report.period.from],
    ['Period to', report.period.to],
    ...(report.filters.length
      ? report.filters.map((f): [string, string] => [`Filter: ${f.name}`, f.value])
      : [['Filters', 'none (all spend)'] as [string, string]]),
    ['Generated at', report.generatedAt],
    ...report.notes.map((n): [string, string] => ['Note', n]),
  ].map(([k, v]) => [safeText(k), safeText(v)]);
}

export function reportToCsv(report: Report, opts: CsvOptions = {}): Buffer {
  const records: string[][] = headerBlock(report).map(([k, v]) => [k, v]);
  for (const s of report.sections) {
    records.push([], ['Section', safeText(s.title)]);
    records.push(s.columns.map((c) => safeText(c.label)));
    for (const row of s.rows) records.push(s.columns.map((c) => csvCell(row[c.key] ?? null, c.type)));
    if (s.total) records.push(s.columns.map((c) => csvCell(s.total?.[c.key] ?? null, c.type)));
    if (s.note) records.push(['Note', safeText(s.note)]);
  }
  const width = Math.max(...records.map((r) => r.length));
  const padded = records.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const text = stringify(padded, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return Buffer.from(opts.bom ? `\uFEFF${text}` : text, 'utf8');
}
