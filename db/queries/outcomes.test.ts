/**
 * Outcomes joined to usage on both databases: before usage, after it, replaced later, trace-level, precedence over
 * a log line's own outcome; after each step usage_daily equals a recomputation from usage_events.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { dayRuns } from './outcomes';
import { rollupSelect } from './rollup';

function load(conn: Connection, file: string, text: string) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(text);
    })(),
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
}

/** One Itemized log line (a priced model, so list costs exist). */
function call(requestId: string, at: string, trace: string | null, outcome?: Record<string, unknown>) {
  return JSON.stringify({
    timestamp: at,
    request_id: requestId,
    metadata: { workflow: 'triage', ...(trace ? { trace_id: trace } : {}) },
    ...(outcome ? { outcome } : {}),
    response: {
      id: `chatcmpl-${requestId}`,
      object: 'chat.completion',
      created: 1772359200,
      model: 'gpt-4.1-mini',
      choices: [],
      usage: { prompt_tokens: 1000, completion_tokens: 200, total_tokens: 1200 },
    },
  });
}

const jsonl = (lines: string[]) => `${lines.join('\n')}\n`;

const COLS =
  'day, vendor, model, model_creator, project, team, workflow, environment, source, is_bucket, events, requests, outcome_events, success_events, ' +
  'list_cost_usd::numeric(20,10) AS list, unverified_list_cost_usd::numeric(20,10) AS unverified, success_list_cost_usd::numeric(20,10) AS success_list';

/** Rows where usage_daily and a recomputation from usage_events disagree (both directions); [] when exact. */
async function rollupDrift(conn: Connection) {
  return conn.query(`
    WITH r AS (${rollupSelect('usage_events')})
    (SELECT 'rollup only' AS side, ${COLS} FROM usage_daily EXCEPT SELECT 'rollup only', ${COLS} FROM r)
    UNION ALL
    (SELECT 'events only', ${COLS} FROM r EXCEPT SELECT 'events only', ${COLS} FROM usage_daily)`);
}

async function outcomeOf(conn: Connection, requestId: string) {
  const [row] = await conn.query<{ success: boolean | null; score: string | null; outcome_source: string | null }>(
    `SELECT success, score::text AS score, outcome_source FROM usage_events WHERE request_id = $1`,
    [requestId],
  );
  return row ? { success: row.success, score: row.score === null ? null : Number(row.score), source: row.outcome_source } : undefined;
}

async function daily(conn: Connection) {
  const [r] = await conn.query<Record<string, string | null>>(
    `SELECT sum(outcome_events)::text AS outcome_events, sum(success_events)::text AS success_events,
            sum(unverified_list_cost_usd)::text AS unverified, sum(success_list_cost_usd)::text AS success_list,
            sum(list_cost_usd)::text AS list FROM usage_daily`,
  );
  return r;
}

test('dayRuns groups consecutive days', () => {
  expect(dayRuns(['2026-03-05', '2026-03-01', '2026-03-02', '2026-03-02', '2026-02-28', '2026-03-09'])).toEqual([
    ['2026-02-28', '2026-03-02'],
    ['2026-03-05', '2026-03-05'],
    ['2026-03-09', '2026-03-09'],
  ]);
});

describe.each(testDatabases())('outcomes on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('outcome BEFORE usage: stored, then applied as the usage loads (and it wins over the log line own outcome)', async () => {
    const o = await load(
      conn,
      'early.csv',
      'request_id,trace_id,success,score,outcome_source\nb-1,,true,0.9,ci-tests\n,task-b,false,,eval\n',
    );
    expect(o).toMatchObject({ status: 'succeeded', source: 'outcomes', rowsInserted: 2 });
    const u = await load(
      conn,
      'usage-b.jsonl',
      jsonl([
        call('b-1', '2026-03-01T10:00:00Z', 'task-b', { success: false, score: 0.1, source: 'log' }),
        call('b-2', '2026-03-01T10:01:00Z', 'task-b'),
        call('b-3', '2026-03-02T09:00:00Z', 'task-b', { success: true, source: 'log' }),
        call('b-4', '2026-03-02T09:30:00Z', null, { success: true, source: 'log' }),
      ]),
    );
    expect(u).toMatchObject({ status: 'succeeded', rowsInserted: 4 });
    expect(await outcomeOf(conn, 'b-1')).toEqual({ success: true, score: 0.9, source: 'ci-tests' }); // request-level file row
    expect(await outcomeOf(conn, 'b-2')).toEqual({ success: false, score: null, source: 'eval' }); // the trace's
    expect(await outcomeOf(conn, 'b-3')).toEqual({ success: false, score: null, source: 'eval' }); // file beats the log line
    expect(await outcomeOf(conn, 'b-4')).toEqual({ success: true, score: null, source: 'log' }); // nothing stored: the log line stands
    expect(await rollupDrift(conn)).toEqual([]);
    expect(await daily(conn)).toMatchObject({ outcome_events: '4', success_events: '2' });
  });

  test('outcome AFTER usage: matching events updated, their days rebuilt exactly', async () => {
    const u = await load(
      conn,
      'usage-a.jsonl',
      jsonl([
        call('a-1', '2026-03-10T10:00:00Z', 'task-a'),
        call('a-2', '2026-03-10T11:00:00Z', 'task-a'),
        call('a-3', '2026-03-12T08:00:00Z', 'task-a'),
        call('a-4', '2026-03-20T08:00:00Z', null),
      ]),
    );
    expect(u.rowsInserted).toBe(4);
    const before = await daily(conn);
    const o = await load(
      conn,
      'late.jsonl',
      jsonl([
        JSON.stringify({ trace_id: 'task-a', success: true, score: 1, outcome_source: 'eval' }),
        JSON.stringify({ request_id: 'a-2', success: false, outcome_source: 'ci-tests' }),
        JSON.stringify({ request_id: 'a-4', score: 0.5, outcome_source: 'judge' }),
        JSON.stringify({ request_id: 'never-seen', success: true }),
      ]),
    );
    expect(o).toMatchObject({ status: 'succeeded', rowsInserted: 4, rowsDuplicate: 0 });
    expect(await outcomeOf(conn, 'a-1')).toEqual({ success: true, score: 1, source: 'eval' });
    expect(await outcomeOf(conn, 'a-2')).toEqual({ success: false, score: null, source: 'ci-tests' }); // request beats trace
    expect(await outcomeOf(conn, 'a-3')).toEqual({ success: true, score: 1, source: 'eval' });
    expect(await outcomeOf(conn, 'a-4')).toEqual({ success: null, score: 0.5, source: 'judge' }); // score only: still unverified
    expect(await rollupDrift(conn)).toEqual([]);
    const after = await daily(conn);
    expect(Number(after.outcome_events) - Number(before.outcome_events)).toBe(3);
    expect(Number(after.success_events) - Number(before.success_events)).toBe(2);
    expect(after.list).toBe(before.list); // outcomes move money between verified and unverified, never change it
  });

  test('a later outcome REPLACES the earlier: events follow, received_at and run recorded; the same file again changes nothing', async () => {
    const first = await conn.query<{ ingest_run_id: number; received_at: Date }>(
      `SELECT ingest_run_id, received_at FROM outcomes WHERE key_kind = 'trace_id' AND key = 'task-a'`,
    );
    const r = await load(conn, 'rerun.csv', 'trace_id,success,score,outcome_source\ntask-a,false,0.25,eval-v2\n');
    expect(r.rowsInserted).toBe(1);
    const [row] = await conn.query<{
      success: boolean;
      outcome_source: string;
      ingest_run_id: number;
      received_at: Date;
      n: number | string;
    }>(
      `SELECT success, outcome_source, ingest_run_id, received_at, (SELECT count(*) FROM outcomes WHERE key = 'task-a') AS n
         FROM outcomes WHERE key_kind = 'trace_id' AND key = 'task-a'`,
    );
    expect(row).toMatchObject({ success: false, outcome_source: 'eval-v2', ingest_run_id: r.runId });
    expect(Number(row.n)).toBe(1);
    expect(new Date(row.received_at).getTime()).toBeGreaterThanOrEqual(new Date(first[0].received_at).getTime());
    expect(await outcomeOf(conn, 'a-1')).toEqual({ success: false, score: 0.25, source: 'eval-v2' });
    expect(await outcomeOf(conn, 'a-2')).toEqual({ success: false, score: null, source: 'ci-tests' }); // its own request outcome stays
    expect(await rollupDrift(conn)).toEqual([]);

    const snapshot = await daily(conn);
    const again = await load(conn, 'rerun.csv', 'trace_id,success,score,outcome_source\ntask-a,false,0.25,eval-v2\n');
    expect(again).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsDuplicate: 1 });
    expect(await daily(conn)).toEqual(snapshot);
  });

  test('within one file the last row for a key wins', async () => {
    await load(conn, 'usage-c.jsonl', jsonl([call('c-1', '2026-03-25T10:00:00Z', null)]));
    const r = await load(conn, 'flip.csv', 'request_id,success,outcome_source\nc-1,true,first\nc-1,false,second\n');
    expect(r).toMatchObject({ status: 'succeeded', rowsInserted: 1, rowsDuplicate: 1 });
    expect(await outcomeOf(conn, 'c-1')).toEqual({ success: false, score: null, source: 'second' });
    expect(await rollupDrift(conn)).toEqual([]);
  });

  test('a trace-level outcome applies to every event of the trace, also to calls loaded after it', async () => {
    await load(conn, 'trace-d.csv', 'trace_id,success,outcome_source\ntask-d,true,user-acceptance\n');
    await load(
      conn,
      'usage-d1.jsonl',
      jsonl([call('d-1', '2026-04-01T10:00:00Z', 'task-d'), call('d-2', '2026-04-01T10:05:00Z', 'task-d')]),
    );
    await load(conn, 'usage-d2.jsonl', jsonl([call('d-3', '2026-04-03T10:00:00Z', 'task-d')]));
    const rows = await conn.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM usage_events WHERE trace_id = 'task-d' AND success AND outcome_source = 'user-acceptance'`,
    );
    expect(Number(rows[0].n)).toBe(3);
    expect(await rollupDrift(conn)).toEqual([]);
  });

  test('a rejected outcomes file writes nothing', async () => {
    const before = await conn.query('SELECT key_kind, key, success FROM outcomes ORDER BY 1, 2');
    const r = await load(conn, 'bad.csv', 'request_id,success\nd-1,false\nd-2,maybe\n');
    expect(r.status).toBe('failed');
    expect(r.issues).toEqual([expect.objectContaining({ file: 'bad.csv', line: 3, field: 'success' })]);
    expect(await conn.query('SELECT key_kind, key, success FROM outcomes ORDER BY 1, 2')).toEqual(before);
    expect(await outcomeOf(conn, 'd-1')).toMatchObject({ success: true });
  });
});
