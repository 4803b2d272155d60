/**
 * Monthly partitions of usage_events (migration 0012). Partition DDL locks the whole parent, so it never
 * runs inside an ingest transaction (two concurrent ingests would deadlock): the current and next months
 * are created when a connection opens, rows of any other month land in the default partition, and
 * splitDefaultPartition moves them into their month's partition after the ingest has committed. Both
 * wait at most LOCK_TIMEOUT for the lock; when another ingest holds the table they give up and the rows
 * stay in the default partition (still exact, still found by every query) until the next attempt.
 */
import type { Connection } from '../client';

/** Months ahead of the current one that get a partition before any of their events arrive. */
export const MONTHS_AHEAD = 2;
const LOCK_TIMEOUT = '2s';

/** Runs partition DDL in its own transaction with a bounded lock wait; 'busy' when the lock was not granted. */
async function withLockTimeout<T>(conn: Connection, sql: string, params: unknown[], pick: (rows: Record<string, unknown>[]) => T) {
  try {
    return await conn.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      return pick(await tx.query(sql, params));
    });
  } catch (e) {
    if ((e as { code?: string }).code === '55P03') return 'busy' as const; // lock_not_available
    throw e;
  }
}

/** Ensures the partitions of the UTC months from `monthsBack` before to MONTHS_AHEAD after `now`. */
export async function ensureLivePartitions(conn: Connection, now = new Date(), monthsBack = 0) {
  return withLockTimeout(
    conn,
    `SELECT count(*) FILTER (WHERE usage_events_ensure_partition(($1::timestamptz AT TIME ZONE 'UTC' + make_interval(months => g)) AT TIME ZONE 'UTC')) AS n
       FROM generate_series($2::int, $3::int) g`,
    [now.toISOString(), -monthsBack, MONTHS_AHEAD],
    (r) => Number(r[0].n),
  );
}

/** Ensures one partition per UTC month from `from` to `to` (bulk backfills, benchmarks): no default-partition detour. */
export async function ensurePartitionsFor(conn: Connection, from: string, to: string) {
  return withLockTimeout(
    conn,
    `SELECT count(*) FILTER (WHERE usage_events_ensure_partition(m)) AS n
       FROM generate_series(date_trunc('month', $1::timestamptz, 'UTC'), $2::timestamptz, interval '1 month') m`,
    [from, to],
    (r) => Number(r[0].n),
  );
}

/**
 * Moves the default partition's rows into partitions of their months (after an ingest commits). Never
 * throws: the data is committed and exact either way; a failure only leaves rows in the default.
 */
export async function splitDefaultPartition(conn: Connection): Promise<number | 'busy' | 'failed'> {
  try {
    return await withLockTimeout(conn, 'SELECT usage_events_split_default() AS n', [], (r) => Number(r[0].n));
  } catch {
    return 'failed';
  }
}

/** Partitions of usage_events with their row counts (tests, docs, the bench report). */
export async function listPartitions(q: Pick<Connection, 'query'>): Promise<{ name: string; bound: string; rows: number }[]> {
  const rows = await q.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'usage_events'::regclass ORDER BY c.relname`,
  );
  const out: { name: string; bound: string; rows: number }[] = [];
  for (const r of rows) {
    const [{ n }] = await q.query<{ n: number | string }>(`SELECT count(*) AS n FROM "${r.name}"`);
    out.push({ name: r.name, bound: r.bound, rows: Number(n) });
  }
  return out;
}
