/**
 * The shape every finance export renders: a titled report with its period, the filters that produced
 * it, and sections of typed columns with a total row. CSV, XLSX and PDF writers take a Report; the
 * adapters (statement-report.ts, explorer-report.ts) build one from query results. Pure.
 * Money cells are exact decimal strings end to end; only the XLSX writer turns them into numbers, at
 * the cell, as documented there.
 */

export type ColumnType = 'text' | 'usd' | 'int';

export interface ReportColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** Relative width in the PDF table (default: 2.4 for text, 1 for numbers). */
  weight?: number;
}

/** text: any string; usd: exact decimal string; int: integer. null = unknown / not applicable (empty cell). */
export type Cell = string | number | null;
export type ReportRow = Record<string, Cell>;

export interface ReportSection {
  /** Short, unique; becomes the XLSX sheet name (≤ 31 characters, no []:*?/\). */
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The section's total row as the page shows it (exact values); null = no total row. */
  total: ReportRow | null;
  note?: string;
}

export interface Report {
  title: string;
  period: { from: string; to: string };
  /** The filters that produced the report, in display order; empty = all spend. */
  filters: { name: string; value: string }[];
  /** ISO 8601 UTC. */
  generatedAt: string;
  /** Lines printed under the header (money basis, caveats). */
  notes: string[];
  sections: ReportSection[];
}

/** "team: core, (not set)" per filter; null values are rows where the dimension is not set. */
export function describeFilters(filters: Record<string, readonly (string | null)[] | undefined>): { name: string; value: string }[] {
  return Object.entries(filters)
    .filter((e): e is [string, (string | null)[]] => Array.isArray(e[1]))
    .map(([name, values]) => ({ name, value: values.length ? values.map((v) => v ?? '(not set)').join(', ') : '(none)' }));
}

/** Report file name stem, e.g. "itemized-statement-2026-03" or "itemized-statement-2026-03-01_2026-03-15". */
export function reportFileStem(kind: string, period: { from: string; to: string }, month?: string | null): string {
  return `itemized-${kind}-${month ?? `${period.from}_${period.to}`}`;
}
