/**
 * Writes for the bulk loader: ingest-run bookkeeping, staging tables fed by COPY, and the
 * INSERT ... ON CONFLICT DO NOTHING that moves staged rows into the fact tables while folding the
 * rows actually inserted into the usage_daily rollup, all in the caller's transaction.
 */
import { hostname } from 'node:os';
import { desc } from 'drizzle-orm';
import type { Connection, RawTx } from '../client';
import { ingestRuns, priceOverrides } from '../schema';
import { lockEvents, preferHashAggregation, rollupCtes, rollupInputColumns } from './rollup';
import { createStagedRollupTables } from './staged-rollups';

export { lockEvents };

/** Staged usage-event columns, in COPY order (usage_events minus the identity id). */
export const EVENT_COLUMNS = [
  'dedupe_key',
  'occurred_at',
  'period_seconds',
  'request_count',
  'vendor',
  'model',
  'model_raw',
  'model_creator',
  'input_tokens',
  'cached_input_tokens',
  'cache_write_tokens',
  'output_tokens',
  'reasoning_tokens',
  'billed_cost_usd',
  'reported_cost_usd',
  'reported_by',
  'list_cost_usd',
  'price_source',
  'output_price_per_mtok_usd',
  'request_id',
  'project',
  'api_key',
  'user_id',
  'team',
  'workflow',
  'environment',
  'trace_id',
  'tags',
  'success',
  'score',
  'outcome_source',
  'latency_ms',
  'tool_calls',
  'source',
  'ingest_run_id',
  'time_inferred',
] as const;

export const COST_COLUMNS = [
  'dedupe_key',
  'period_start',
  'period_end',
  'vendor',
  'service',
  'line_item',
  'charge_category',
  'model',
  'billed_cost_usd',
  'list_cost_usd',
  'currency',
  'project',
  'api_key',
  'quantity',
  'quantity_unit',
  'tags',
  'source',
  'ingest_run_id',
] as const;

export async function createIngestRun(conn: Connection, fileName: string): Promise<number> {
  const [row] = await conn.db
    .insert(ingestRuns)
    .values({ fileName, status: 'running', processId: process.pid, host: hostname() })
    .returning({ id: ingestRuns.id });
  return row.id;
}

/**
 * Marks as failed the runs whose process died mid-ingest (killed, crashed, machine lost power).
 * Their transaction rolled back, so nothing they read was written; only the bookkeeping row remained.
 * On the embedded database every 'running' run is stale (one process owns the folder); on a server,
 * a run is stale when its process was on this host and no longer exists.
 */
export async function failInterruptedRuns(conn: Connection): Promise<number> {
  const running = await conn.query<{ id: number; file_name: string; process_id: number | null; host: string | null }>(
    "SELECT id, file_name, process_id, host FROM ingest_runs WHERE status = 'running'",
  );
  const stale = running.filter(
    (r) => conn.driver === 'pglite' || (r.host === hostname() && r.process_id !== null && !processAlive(r.process_id)),
  );
  for (const r of stale) {
    const message = `interrupted: the ingest process${r.process_id ? ` (pid ${r.process_id})` : ''} ended before finishing; its transaction rolled back, so nothing from this run was written. Ingest the file again.`;
    await conn.query(
      "UPDATE ingest_runs SET status = 'failed', finished_at = now(), errors = $2::jsonb WHERE id = $1 AND status = 'running'",
      [r.id, JSON.stringify([{ file: r.file_name, message }])],
    );
  }
  return stale.length;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunOutcome {
  sha256: string | null;
  bytes: number | null;
  source: string | null;
  framing: string | null;
  status: 'succeeded' | 'failed' | 'partial';
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsRejected: number;
  timeInferred: boolean;
  durationMs: number;
  errors: { file: string; line?: number; record?: number; field?: string; message: string }[];
}

export async function finishIngestRun(conn: Connection, id: number, o: RunOutcome): Promise<void> {
  await conn.query(
    `UPDATE ingest_runs SET sha256 = $2, bytes = $3, source = $4, framing = $5, status = $6, rows_read = $7,
       rows_inserted = $8, rows_duplicate = $9, rows_rejected = $10, time_inferred = $11, duration_ms = $12,
       errors = $13::jsonb, finished_at = now() WHERE id = $1`,
    [
      id,
      o.sha256,
      o.bytes,
      o.source,
      o.framing,
      o.status,
      o.rowsRead,
      o.rowsInserted,
      o.rowsDuplicate,
      o.rowsRejected,
      o.timeInferred,
      o.durationMs,
      JSON.stringify(o.errors),
    ],
  );
}

export async function listPriceOverrides(conn: Connection) {
  // The latest effective date wins; on the same date, the override added last (a correction) wins.
  return conn.db.select().from(priceOverrides).orderBy(desc(priceOverrides.effectiveFrom), desc(priceOverrides.id));
}

/**
 * Sets up a load's transaction: its settings (memory, hashed aggregation) and the staging tables. The batch
 * statements below (rollupCopiedSpan, mergeStagedEvents) expect to run after it in the same transaction.
 */
export async function createStaging(tx: RawTx): Promise<void> {
  // The merge's RETURNING set and rollup aggregation spill to disk at the default 4 MB, costing ~25% of
  // merge time in the ingest bench; 64 MB holds a whole batch. Transaction-local, server-side memory.
  await tx.query(`SET LOCAL work_mem = '64MB'`);
  // Every batch's rollups hash their groups. Set once for the load's transaction rather than around each batch's
  // statement: two statements fewer per batch, each a round trip the database waited through while the loader was
  // parsing (~5-10 ms apiece). Nothing else in a load needs a sort.
  await preferHashAggregation(tx);
  await tx.query(`CREATE TEMP TABLE staging_events ON COMMIT DROP AS SELECT ${EVENT_COLUMNS.join(', ')} FROM usage_events WITH NO DATA`);
  await tx.query(`CREATE TEMP TABLE staging_costs ON COMMIT DROP AS SELECT ${COST_COLUMNS.join(', ')} FROM cost_lines WITH NO DATA`);
  await createStagedRollupTables(tx);
}

/** Empties the staging tables between batches (they live until the transaction ends). */
export async function truncateStaging(tx: RawTx): Promise<void> {
  await tx.query('TRUNCATE staging_events, staging_costs');
}

/**
 * Whether usage_events holds any event at [minMs, maxMs] (epoch ms, inclusive), this transaction's own earlier
 * batches included: one descent of usage_events_occurred_at_idx. Call under lockEvents. Since dedupe is on
 * (dedupe_key, occurred_at), a batch whose span is empty cannot collide with a stored event.
 */
export async function spanHasEvents(tx: RawTx, minMs: number, maxMs: number): Promise<boolean> {
  // ORDER BY ... LIMIT 1 can only be answered cheaply by the occurred_at index: the planner cannot pick a full scan.
  const [row] = await tx.query<{ hit: boolean }>(
    `SELECT coalesce((SELECT occurred_at FROM usage_events WHERE occurred_at >= $1::timestamptz
       ORDER BY occurred_at LIMIT 1) <= $2::timestamptz, false) AS hit`,
    [new Date(minMs).toISOString(), new Date(maxMs).toISOString()],
  );
  return row.hit;
}

/**
 * After a batch of `rows` events was copied straight into usage_events (its span was empty, under the lock): adds
 * exactly those rows to usage_daily, aggregated from the stored events by the same rollupCtes the merge uses.
 * The span holds only them (every event writer takes lockEvents), so no run-id filter: such a filter made the
 * planner expect ~10 rows and sort 25k rows on ten text keys (~3x slower than hashing). The count is checked:
 * anything else in the span fails the file instead of rolling up wrong. Runs in a load's transaction (createStaging).
 * staged: the length cells and task days of these rows are in their staging tables already (stageBatchRollups).
 */
export async function rollupCopiedSpan(tx: RawTx, rows: number, minMs: number, maxMs: number, staged = false): Promise<void> {
  const [row] = await tx.query<{ events: string | number | null }>(
    `WITH copied AS (SELECT ${rollupInputColumns()} FROM usage_events WHERE occurred_at BETWEEN $1::timestamptz AND $2::timestamptz),
      ${rollupCtes('copied', staged)}
      SELECT (SELECT sum(events) FROM agg) AS events`,
    [new Date(minMs).toISOString(), new Date(maxMs).toISOString()],
  );
  if (Number(row.events) !== rows) throw new Error(`rollup check: ${row.events} events in the copied span, expected ${rows}`);
}

/**
 * Moves staged events into usage_events and adds the inserted ones (only those) to usage_daily.
 * Takes lockEvents (see there). Runs in a load's transaction (createStaging).
 */
export async function mergeStagedEvents(tx: RawTx): Promise<number> {
  await lockEvents(tx);
  const cols = EVENT_COLUMNS.join(', ');
  const [row] = await tx.query<{ inserted: number | string }>(`
    WITH ins AS (
      INSERT INTO usage_events (${cols}) SELECT ${cols} FROM staging_events
      ON CONFLICT ON CONSTRAINT usage_events_dedupe_key_occurred_at_key DO NOTHING
      RETURNING ${rollupInputColumns()}
    ), ${rollupCtes('ins')}
    SELECT (SELECT count(*) FROM ins) AS inserted`);
  return Number(row.inserted);
}

export async function mergeStagedCosts(tx: RawTx): Promise<number> {
  const cols = COST_COLUMNS.join(', ');
  const [row] = await tx.query<{ inserted: number | string }>(`
    WITH ins AS (
      INSERT INTO cost_lines (${cols}) SELECT ${cols} FROM staging_costs
      ON CONFLICT ON CONSTRAINT cost_lines_dedupe_key_period_start_key DO NOTHING
      RETURNING 1
    ) SELECT count(*) AS inserted FROM ins`);
  return Number(row.inserted);
}
