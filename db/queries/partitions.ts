/**
 * Monthly partitions of usage_events (migration 0010): created ahead for the current and next months
 * when a connection opens, and for every month of a staged batch before it is merged, so rows land in
 * their month's partition rather than in the default one (which only catches direct inserts).
 */
import type { RawTx } from '../client';

type Query = Pick<RawTx, 'query'>;

/** Months ahead of the current one that get a partition before any of their events arrive. */
export const MONTHS_AHEAD = 2;

/** Ensures the partitions of the UTC months from `monthsBack` before to MONTHS_AHEAD after `now`. */
export async function ensureLivePartitions(q: Query, now = new Date(), monthsBack = 0): Promise<void> {
  await q.query(
    `SELECT usage_events_ensure_partition(($1::timestamptz AT TIME ZONE 'UTC' + make_interval(months => g)) AT TIME ZONE 'UTC')
       FROM generate_series($2::int, $3::int) g`,
    [now.toISOString(), -monthsBack, MONTHS_AHEAD],
  );
}

/** Ensures a partition for every month of the rows in staging_events (one pass over a batch). */
export async function ensureStagedPartitions(tx: Query): Promise<void> {
  await tx.query(
    `SELECT usage_events_ensure_partition(m) FROM (SELECT DISTINCT date_trunc('month', occurred_at, 'UTC') AS m FROM staging_events) s`,
  );
}

/** Partitions of usage_events with their row counts (tests, docs, the bench report). */
export async function listPartitions(q: Query): Promise<{ name: string; bound: string; rows: number }[]> {
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
