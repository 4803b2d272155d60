/** Ingest-run history for the Imports page. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ingestRuns } from '../schema';

/** Error lines shown per run; the loader stores up to 1,000. */
export const RUN_ERRORS_SHOWN = 100;

export type RunError = { file: string; line?: number; record?: number; field?: string; message: string };

export interface IngestRunRow {
  id: number;
  fileName: string;
  source: string | null;
  /** running | succeeded | failed | partial */
  status: string;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  timeInferred: boolean;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  /** Number of stored error lines. */
  errorCount: number;
  /** The first RUN_ERRORS_SHOWN stored error lines. */
  errors: RunError[];
}

const columns = {
  id: ingestRuns.id,
  fileName: ingestRuns.fileName,
  source: ingestRuns.source,
  status: ingestRuns.status,
  rowsRead: ingestRuns.rowsRead,
  rowsInserted: ingestRuns.rowsInserted,
  rowsDuplicate: ingestRuns.rowsDuplicate,
  rowsRejected: ingestRuns.rowsRejected,
  timeInferred: ingestRuns.timeInferred,
  startedAt: ingestRuns.startedAt,
  finishedAt: ingestRuns.finishedAt,
  durationMs: ingestRuns.durationMs,
  errorCount: sql<number>`coalesce(jsonb_array_length(${ingestRuns.errors}), 0)`.mapWith(Number),
  // Sliced in SQL so that a page of history never carries 1,000 error lines per run.
  errors: sql<RunError[] | null>`jsonb_path_query_array(${ingestRuns.errors}, ${`$[0 to ${RUN_ERRORS_SHOWN - 1}]`}::jsonpath)`.mapWith(
    ingestRuns.errors,
  ),
};

/** Newest first. */
export async function listIngestRuns(db: Db, params: { limit: number }): Promise<IngestRunRow[]> {
  const rows = await db.select(columns).from(ingestRuns).orderBy(desc(ingestRuns.startedAt), desc(ingestRuns.id)).limit(params.limit);
  return rows.map((r) => ({ ...r, errors: r.errors ?? [] }));
}

export async function getIngestRun(db: Db, id: number): Promise<IngestRunRow | null> {
  const [r] = await db.select(columns).from(ingestRuns).where(eq(ingestRuns.id, id));
  return r ? { ...r, errors: r.errors ?? [] } : null;
}
