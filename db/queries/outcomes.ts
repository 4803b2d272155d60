/**
 * Outcomes joined to usage whenever either arrives, inside the loader's transaction:
 * - outcomes arrive (storeOutcomes): upsert into `outcomes` (a later outcome for a key replaces the earlier), then
 *   set success / score / outcome_source on the matching usage_events and rebuild the usage_daily days they touch
 *   from the events (rebuildRollupDays), so outcome_events, success_events, unverified_list_cost_usd and
 *   success_list_cost_usd stay exact;
 * - usage arrives (applyStoredOutcomes): staged events take the stored outcomes before they are merged, so the
 *   rollup folds them in with their outcome and no rebuild is needed.
 * Precedence: a request-level outcome wins over its trace's; a stored outcome wins over the one a usage record
 * carried itself (an Itemized log line's `outcome`, Langfuse or Helicone scores), whichever came first.
 * Both steps hold the loader's advisory lock (724119, taken again by mergeStagedEvents), so an outcomes file and a
 * usage file committing at the same time cannot miss each other.
 * usage_events.request_id has no index (it would slow every ingest): joining an outcomes file by request id scans
 * the events once per batch; trace ids use usage_events_trace_id_idx.
 */
import type { RawTx } from '../client';
import { rebuildRollupDays } from './rollup';

/** Staged outcome columns, in COPY order; seq keeps file order so the last row for a key wins. */
export const OUTCOME_COLUMNS = ['seq', 'key_kind', 'key', 'success', 'score', 'outcome_source'] as const;

const LOCK = 'SELECT pg_advisory_xact_lock(724119)';
const SET_OUTCOME = 'success = o.success, score = o.score, outcome_source = o.outcome_source';
const CHANGED = '(e.success, e.score, e.outcome_source) IS DISTINCT FROM (o.success, o.score, o.outcome_source)';

export interface OutcomeStep {
  /** Takes the loader's lock; whether any outcome is stored (then new events must go through applyStoredOutcomes). */
  anyStored(): Promise<boolean>;
  /** Before staged events are merged: give them the stored outcomes. */
  applyStoredOutcomes(): Promise<void>;
  /** COPY one batch of outcome rows, upsert them, update matching events and their rollup days; returns keys stored or changed. */
  storeOutcomes(lines: string[]): Promise<number>;
}

export function outcomeStep(tx: RawTx, runId: number): OutcomeStep {
  let anyStored: boolean | null = null;
  let staged = false;
  const step: OutcomeStep = {
    async anyStored() {
      // Checked once, under the lock, which is held until the transaction ends (so it is taken once too): no other
      // transaction can add outcomes until this one commits (storeOutcomes below sets it when this file stores some).
      if (anyStored === null) {
        await tx.query(LOCK);
        const [row] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM outcomes) AS any');
        anyStored = row.any;
      }
      return anyStored;
    },

    async applyStoredOutcomes() {
      if (!(await step.anyStored())) return;
      // Trace-level first, then request-level over it.
      await tx.query(`UPDATE staging_events e SET ${SET_OUTCOME} FROM outcomes o WHERE o.key_kind = 'trace_id' AND o.key = e.trace_id`);
      await tx.query(`UPDATE staging_events e SET ${SET_OUTCOME} FROM outcomes o WHERE o.key_kind = 'request_id' AND o.key = e.request_id`);
    },

    async storeOutcomes(lines) {
      await tx.query(LOCK);
      if (!staged) {
        await tx.query(
          `CREATE TEMP TABLE staging_outcomes (seq bigint, key_kind text, key text, success boolean, score numeric, outcome_source text)
             ON COMMIT DROP`,
        );
        await tx.query(
          'CREATE TEMP TABLE changed_outcomes (key_kind text, key text, success boolean, score numeric, outcome_source text) ON COMMIT DROP',
        );
        staged = true;
      }
      await tx.copyCsv('staging_outcomes', [...OUTCOME_COLUMNS], chunks(lines));
      await tx.query(`
        WITH latest AS (
          SELECT DISTINCT ON (key_kind, key) key_kind, key, success, score, outcome_source
            FROM staging_outcomes ORDER BY key_kind, key, seq DESC
        ), up AS (
          INSERT INTO outcomes (key_kind, key, success, score, outcome_source, ingest_run_id)
          SELECT key_kind, key, success, score, outcome_source, ${Number(runId)} FROM latest
          ON CONFLICT ON CONSTRAINT outcomes_key_kind_key_key DO UPDATE SET
            success = excluded.success, score = excluded.score, outcome_source = excluded.outcome_source,
            received_at = now(), ingest_run_id = excluded.ingest_run_id
          WHERE (outcomes.success, outcomes.score, outcomes.outcome_source)
            IS DISTINCT FROM (excluded.success, excluded.score, excluded.outcome_source)
          RETURNING key_kind, key, success, score, outcome_source
        ) INSERT INTO changed_outcomes SELECT * FROM up`);
      anyStored = true; // events in this file's later batches must take these outcomes too
      const [{ n }] = await tx.query<{ n: number | string }>('SELECT count(*) AS n FROM changed_outcomes');
      const days = new Set<string>();
      const collect = (rows: { day: string }[]) => {
        for (const r of rows) days.add(r.day);
      };
      // Request-level: every event with that request id.
      collect(
        await tx.query<{ day: string }>(`
          WITH u AS (
            UPDATE usage_events e SET ${SET_OUTCOME} FROM changed_outcomes o
             WHERE o.key_kind = 'request_id' AND e.request_id = o.key AND ${CHANGED}
            RETURNING e.occurred_at
          ) SELECT DISTINCT ((occurred_at AT TIME ZONE 'UTC')::date)::text AS day FROM u`),
      );
      // Trace-level: every event of the trace that has no request-level outcome of its own.
      collect(
        await tx.query<{ day: string }>(`
          WITH u AS (
            UPDATE usage_events e SET ${SET_OUTCOME} FROM changed_outcomes o
             WHERE o.key_kind = 'trace_id' AND e.trace_id = o.key AND ${CHANGED}
               AND (e.request_id IS NULL OR NOT EXISTS (
                 SELECT 1 FROM outcomes r WHERE r.key_kind = 'request_id' AND r.key = e.request_id))
            RETURNING e.occurred_at
          ) SELECT DISTINCT ((occurred_at AT TIME ZONE 'UTC')::date)::text AS day FROM u`),
      );
      for (const [from, to] of dayRuns([...days])) await rebuildRollupDays(tx, from, to);
      await tx.query('TRUNCATE staging_outcomes, changed_outcomes');
      return Number(n);
    },
  };
  return step;
}

async function* chunks(lines: string[]): AsyncIterable<string> {
  // ~1 MB per chunk, as the loader's COPY does.
  let buf = '';
  for (const l of lines) {
    buf += l;
    if (buf.length > 1_000_000) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Sorted YYYY-MM-DD days grouped into runs of consecutive days: [first, last] each. */
export function dayRuns(days: string[]): [string, string][] {
  const sorted = [...new Set(days)].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && Date.parse(`${d}T00:00:00Z`) - Date.parse(`${last[1]}T00:00:00Z`) === 86_400_000) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}
