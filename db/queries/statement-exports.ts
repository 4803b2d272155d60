/**
 * Statement exports: each export of a monthly statement records a snapshot of its line totals, so
 * the month-close view can show what changed since the statement was last exported with the same
 * filters (late invoices, re-priced usage, newly loaded logs).
 */
import { and, desc, eq } from 'drizzle-orm';
import { diffStatementLines, type SnapshotLine, type StatementLineChange } from '../../lib/analysis/statement-diff';
import type { Connection } from '../client';
import { statementExports } from '../schema';
import type { Statement, StatementFilters, StatementLine } from './statement';

export type ExportFormat = 'csv' | 'xlsx' | 'pdf' | 'focus';

export interface StatementSnapshot {
  version: 1;
  from: string;
  to: string;
  lines: SnapshotLine[];
  totals: {
    listCostUsd: string | null;
    billedCostUsd: string | null;
    invoiceBilledCostUsd: string | null;
    eventBilledCostUsd: string | null;
  };
}

export interface StatementExportRecord {
  id: number;
  month: string;
  format: ExportFormat;
  /** ISO 8601 UTC. */
  exportedAt: string;
  snapshot: StatementSnapshot;
}

/** Canonical text of the filters: sorted keys, sorted values (null first), empty lists kept. */
export function statementFiltersKey(f: StatementFilters): string {
  const keys = (['team', 'vendor', 'workflow'] as const).filter((k) => f[k] !== undefined);
  const sorted = keys.map((k) => [
    k,
    [...(f[k] as (string | null)[])].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return JSON.stringify(sorted);
}

export function statementSnapshot(s: Statement): StatementSnapshot {
  const lines = [...s.teams, ...s.workflows, ...s.vendors, ...s.charges, ...(s.subscriptions ?? [])].map((l: StatementLine) => ({
    id: l.id,
    section: l.section,
    label: l.label,
    listCostUsd: l.listCostUsd,
    billedCostUsd: l.billedCostUsd,
  }));
  const t = s.totals;
  return {
    version: 1,
    from: s.from,
    to: s.to,
    lines,
    totals: {
      listCostUsd: t.listCostUsd,
      billedCostUsd: t.billedCostUsd,
      invoiceBilledCostUsd: t.invoiceBilledCostUsd,
      eventBilledCostUsd: t.eventBilledCostUsd,
    },
  };
}

/** Records that this monthly statement was exported (the statement must cover exactly one month). */
export async function recordStatementExport(conn: Connection, s: Statement, format: ExportFormat): Promise<StatementExportRecord> {
  if (!s.month) throw new Error(`only a calendar month's statement is recorded (got ${s.from}..${s.to})`);
  const snapshot = statementSnapshot(s);
  const [row] = await conn.db
    .insert(statementExports)
    .values({ month: `${s.month}-01`, filters: s.filters, filtersKey: statementFiltersKey(s.filters), format, snapshot })
    .returning();
  return toRecord(row);
}

function toRecord(row: typeof statementExports.$inferSelect): StatementExportRecord {
  return {
    id: row.id,
    month: String(row.month).slice(0, 7),
    format: row.format as ExportFormat,
    exportedAt: new Date(row.exportedAt).toISOString(),
    snapshot: row.snapshot as StatementSnapshot,
  };
}

/** The latest export of this month with exactly these filters, or null. */
export async function getLastStatementExport(
  conn: Connection,
  month: string,
  filters: StatementFilters,
): Promise<StatementExportRecord | null> {
  const [row] = await conn.db
    .select()
    .from(statementExports)
    .where(and(eq(statementExports.month, `${month}-01`), eq(statementExports.filtersKey, statementFiltersKey(filters))))
    .orderBy(desc(statementExports.exportedAt), desc(statementExports.id))
    .limit(1);
  return row ? toRecord(row) : null;
}

export interface StatementChanges {
  /** null when this month and filters were never exported (then nothing is "changed"). */
  lastExport: Omit<StatementExportRecord, 'snapshot'> | null;
  changes: StatementLineChange[];
  totalsThen: StatementSnapshot['totals'] | null;
  totalsNow: StatementSnapshot['totals'];
}

/** What changed in this monthly statement since its last export with the same filters. */
export async function getStatementChanges(conn: Connection, s: Statement): Promise<StatementChanges> {
  const now = statementSnapshot(s);
  const last = s.month ? await getLastStatementExport(conn, s.month, s.filters) : null;
  if (!last) return { lastExport: null, changes: [], totalsThen: null, totalsNow: now.totals };
  const { snapshot, ...meta } = last;
  return { lastExport: meta, changes: diffStatementLines(snapshot.lines, now.lines), totalsThen: snapshot.totals, totalsNow: now.totals };
}
