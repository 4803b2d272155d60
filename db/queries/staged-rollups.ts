/**
 * The database side of the loader's own batch aggregates (lib/ingest/batch-rollups.ts): the staging tables they are
 * copied into, the bucket thresholds the loader needs to group exactly as the SQL does, and the check that the ids
 * it assumed are the ids the batch's events were given. All in the load's transaction (createStaging).
 */
import type { BatchRollups, BucketOf } from '../../lib/ingest/batch-rollups';
import type { RawTx } from '../client';
import { type EventRollup, stagingTable } from './rollup';
import { lengthCellsRollup, QUARTER_OCTAVE } from './rollup-cells';
import { taskDaysRollup } from './rollup-tasks';
import { EVENT_ROLLUPS } from './rollups';

const STAGED = EVENT_ROLLUPS.filter((r): r is EventRollup & { staged: string } => r.staged !== undefined);

/** Creates the temp tables of every rollup the loader may sum itself (EventRollup.staged), typed as the rollup's. */
export async function createStagedRollupTables(tx: RawTx): Promise<void> {
  for (const r of STAGED)
    await tx.query(`CREATE TEMP TABLE ${stagingTable(r)} ON COMMIT DROP AS SELECT ${r.staged} FROM ${r.table} WITH NO DATA`);
}

/**
 * Token counts below 2^40 are bucketed here; a larger one (none real) leaves its batch to the SQL fold. Near 2^49
 * the logarithm's last bit moves the SQL's threshold by more than the 3 counts either side evaluated here.
 */
const MAX_OCTAVE = 40;

/**
 * The quarter-octave bucket (QUARTER_OCTAVE, float8 logarithms) as this database computes it, for counts below
 * 2^40: the smallest count of each bucket k is found by evaluating the SQL itself around 2^(k/4) - 1, so a last-bit
 * difference between Postgres's and V8's logarithms cannot put a count in another bucket. Null when a threshold is
 * not within the window evaluated (the loader then folds every batch in SQL).
 */
export async function quarterOctaveBuckets(tx: RawTx): Promise<BucketOf | null> {
  const K = 4 * MAX_OCTAVE;
  const around = (k: number) => Math.ceil(2 ** (k / 4)) - 1;
  const candidates = new Set<number>();
  for (let k = 1; k <= K; k++) for (let d = -3; d <= 3; d++) if (around(k) + d >= 0) candidates.add(around(k) + d);
  const rows = await tx.query<{ n: string; b: number }>(`SELECT n::text AS n, ${QUARTER_OCTAVE('n')} AS b FROM unnest($1::bigint[]) n`, [
    [...candidates].map(String),
  ]);
  const bucket = new Map(rows.map((r) => [Number(r.n), Number(r.b)]));
  const thresholds: number[] = [];
  for (let k = 1; k <= K; k++) {
    let n = Math.max(0, around(k) - 3);
    while (n <= around(k) + 3 && (bucket.get(n) ?? -1) < k) n++;
    // The first count at or past bucket k, with the count before it evaluated and below k.
    if (n > around(k) + 3 || (n > 0 && !((bucket.get(n - 1) ?? k) < k))) return null;
    thresholds.push(n);
  }
  const limit = 2 ** MAX_OCTAVE;
  return (tokens) => {
    if (!(tokens >= 0 && tokens < limit)) return null;
    // The largest k whose first count is <= tokens (thresholds rise with k; several buckets may share one).
    let lo = 0;
    let hi = K;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (thresholds[mid - 1] <= tokens) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** The id the next event inserted will get (usage_events' identity). Call under lockEvents. */
export async function nextEventId(tx: RawTx): Promise<number> {
  const [row] = await tx.query<{ next: string }>(
    `SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${EVENT_ID_SEQUENCE}`,
  );
  return Number(row.next);
}

const EVENT_ID_SEQUENCE = 'usage_events_id_seq';

/**
 * After `rows` events were copied straight in with ids assumed to start at `firstId`: when they did (the identity
 * gave them firstId .. firstId + rows - 1, nothing else took one), copies the batch's loader-summed rollup rows into
 * the staging tables and returns true, for rollupCopiedSpan(..., staged = true). Otherwise (or when the batch has
 * anything batch-rollups.ts does not reproduce exactly) returns false: fold the events in SQL.
 */
export async function stageBatchRollups(tx: RawTx, batch: BatchRollups, firstId: number, rows: number): Promise<boolean> {
  const [row] = await tx.query<{ last: string }>(`SELECT currval('${EVENT_ID_SEQUENCE}')::text AS last`);
  if (Number(row.last) !== firstId + rows - 1) return false;
  const cells = batch.cellLines();
  const tasks = batch.taskLines(firstId);
  if (!batch.exact) return false;
  await tx.query(`TRUNCATE ${STAGED.map(stagingTable).join(', ')}`);
  const lines: Record<string, string[]> = { [lengthCellsRollup.table]: cells, [taskDaysRollup.table]: tasks };
  for (const r of STAGED) {
    const l = lines[r.table];
    if (l === undefined) throw new Error(`no loader-summed rows for ${r.table}`);
    if (l.length)
      await tx.copyCsv(
        stagingTable(r),
        r.staged.split(',').map((c) => c.trim()),
        (async function* () {
          yield l.join('');
        })(),
      );
  }
  return true;
}
