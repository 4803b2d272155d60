/**
 * usage_daily_keys on both databases: after every way events change (ingest, re-ingest, a bucket source, outcomes
 * arriving later, repricing with a rebuild, the migration's backfill) it equals the same aggregation computed from
 * usage_events, and the explorer's user / api_key views and pickers read from it equal the same views over events.
 * usage_filter_values (summed from the same batch aggregate) is checked alike at the end, after all of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExplorerDimension } from '../../lib/explorer-view';
import { ingestFile } from '../../lib/ingest/load';
import type { Connection } from '../client';
import { migrationsFolder } from '../migrate';
import { testDatabases } from '../testing';
import { type ExplorerQuery, type ExplorerRow, listDimensionValues, queryExplorer } from './explorer';
import { EVENT_COLUMNS } from './ingest';
import { rebuildRollupDays } from './rollup';
import { FILTER_VALUE_COLUMNS } from './rollup-filter-values';
import { keyRollupSelect } from './rollup-keys';

function load(conn: Connection, file: string, body: string) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(body);
    })(),
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
}

const MODELS = ['gpt-4.1-mini', 'o4-mini', 'mystery-llm-9']; // the last one is in no catalog: unpriced

/**
 * Log line i: users and keys sometimes absent (NULL), three days across a UTC midnight, outcomes on some. `batch` names
 * a second load of new requests at the same times and dimensions (the rollup's upsert then adds into existing rows).
 */
function line(i: number, batch = ''): string {
  const at = new Date(Date.UTC(2026, 2, 9, 22) + i * 7 * 60_000).toISOString();
  const metadata: Record<string, string> = { team: ['core', 'growth'][i % 2], workflow: ['chat', 'extract', 'sum'][i % 3] };
  if (i % 7 !== 0) metadata.user = `u${i % 5}`;
  if (i % 5 !== 0) metadata.api_key = `k${i % 3}`;
  if (i % 4 === 0) metadata.project = 'p1';
  const reasoning = i % 3 === 1 ? { completion_tokens_details: { reasoning_tokens: 10 + i } } : {};
  return JSON.stringify({
    timestamp: at,
    request_id: `rk${batch}-${i}`,
    metadata,
    ...(i % 6 === 0 ? { outcome: { success: i % 12 === 0, source: 'log' } } : {}),
    response: {
      id: `chatcmpl-rk${batch}-${i}`,
      object: 'chat.completion',
      created: 1772359200,
      model: MODELS[i % MODELS.length],
      choices: [],
      usage: { prompt_tokens: 100 + i * 13, completion_tokens: 50 + i * 7, total_tokens: 150 + i * 20, ...reasoning },
    },
  });
}
const LINES = `${Array.from({ length: 600 }, (_, i) => line(i)).join('\n')}\n`;
const LINES_B = `${Array.from({ length: 300 }, (_, i) => line(i * 2, 'b')).join('\n')}\n`;
const BUCKETS = readFileSync(path.resolve('lib/ingest/__fixtures__/openai/completions_usage_2024-11-01_2024-11-02.csv'), 'utf8');

const COLS = `day, user_id, api_key, vendor, model, model_creator, project, team, workflow, environment, source, events, requests,
  input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, reasoning_known_events,
  reasoning_known_output_tokens, unpriced_events, unpriced_tokens, billed_cost_usd, list_cost_usd, unverified_list_cost_usd`;

/** Rows where usage_daily_keys and the aggregation of usage_events disagree, both ways; [] when exact (numeric equality). */
async function drift(conn: Connection) {
  return conn.query(`
    WITH r AS (${keyRollupSelect('usage_events')})
    (SELECT 'rollup only' AS side, ${COLS} FROM usage_daily_keys EXCEPT SELECT 'rollup only', ${COLS} FROM r)
    UNION ALL
    (SELECT 'events only', ${COLS} FROM r EXCEPT SELECT 'events only', ${COLS} FROM usage_daily_keys)`);
}

const snapshot = (conn: Connection) =>
  conn.query(`SELECT ${COLS.replace(/(billed_cost_usd|list_cost_usd|unverified_list_cost_usd)/g, '$1::text')}
    FROM usage_daily_keys ORDER BY ${COLS.split(',').slice(0, 11).join(',')}`);

/** usage_filter_values rows that disagree with counts over usage_events, both ways; [] when exact. */
async function filterDrift(conn: Connection) {
  const fromEvents = Object.entries(FILTER_VALUE_COLUMNS)
    .map(
      ([dim, col]) => `SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, '${dim}' AS dimension, ${col} AS value, count(*) AS events
        FROM usage_events GROUP BY 1, 3`,
    )
    .join(' UNION ALL ');
  return conn.query(`
    WITH e AS (${fromEvents})
    (SELECT 'rollup only' AS side, day, dimension, value, events FROM usage_filter_values EXCEPT SELECT 'rollup only', * FROM e)
    UNION ALL
    (SELECT 'events only', * FROM e EXCEPT SELECT 'events only', day, dimension, value, events FROM usage_filter_values)`);
}

async function allRows(conn: Connection, q: ExplorerQuery): Promise<ExplorerRow[]> {
  const out: ExplorerRow[] = [];
  for (let page = 1; ; page++) {
    const r = await queryExplorer(conn, { ...q, page, pageSize: 40 });
    out.push(...r.rows);
    if (page >= r.pageCount) return out;
  }
}

const PERIOD = { from: '2024-11-01', to: '2026-03-31' };
const VIEWS: { groupBy: ExplorerDimension[]; filters?: ExplorerQuery['filters']; grain: ExplorerQuery['grain'] }[] = [
  { groupBy: ['user'], grain: null },
  { groupBy: ['api_key', 'team'], grain: 'day', filters: { user: ['u1', null] } },
  { groupBy: ['user', 'model_family', 'workflow'], grain: 'month' },
  { groupBy: ['vendor'], grain: null, filters: { api_key: [null, 'k2', 'key_1'] } },
];

describe.each(testDatabases())('usage_daily_keys on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('ingest of log lines and of a bucket source: exact, with NULL users / keys and unpriced rows kept apart', async () => {
    expect(await load(conn, 'lines.jsonl', LINES)).toMatchObject({ status: 'succeeded', rowsInserted: 600 });
    expect((await load(conn, 'completions_usage.csv', BUCKETS)).rowsInserted).toBeGreaterThan(0);
    expect(await drift(conn)).toEqual([]);
    const [{ rows }] = await conn.query<{ rows: string }>('SELECT count(*)::text AS rows FROM usage_daily_keys');
    expect((await load(conn, 'lines-b.jsonl', LINES_B)).rowsInserted).toBe(300);
    // Same days and dimensions: the new events were added into existing rows, not beside them.
    expect((await conn.query<{ rows: string }>('SELECT count(*)::text AS rows FROM usage_daily_keys'))[0].rows).toBe(rows);
    expect(await drift(conn)).toEqual([]);
    const [c] = await conn.query<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE user_id IS NULL)::text AS no_user, count(*) FILTER (WHERE api_key IS NULL)::text AS no_key,
              sum(unpriced_events)::text AS unpriced, count(*) FILTER (WHERE list_cost_usd IS NULL)::text AS null_list,
              (SELECT count(*) FROM usage_events WHERE period_seconds > 0)::text AS buckets, sum(events)::text AS events
         FROM usage_daily_keys`,
    );
    expect(Number(c.no_user)).toBeGreaterThan(0);
    expect(Number(c.no_key)).toBeGreaterThan(0);
    expect(Number(c.unpriced)).toBeGreaterThan(0);
    expect(Number(c.null_list)).toBeGreaterThan(0); // groups of unpriced rows only: unknown, not 0
    expect(Number(c.buckets)).toBeGreaterThan(0);
    const [{ n }] = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM usage_events');
    expect(c.events).toBe(n);
  });

  test('re-ingesting the same files adds nothing', async () => {
    const before = await snapshot(conn);
    expect((await load(conn, 'lines-again.jsonl', LINES)).rowsInserted).toBe(0);
    expect((await load(conn, 'completions_usage-again.csv', BUCKETS)).rowsInserted).toBe(0);
    expect(await snapshot(conn)).toEqual(before);
  });

  test('outcomes arriving later rebuild their days: unverified cost moves, still exact', async () => {
    const [before] = await conn.query<{ u: string }>('SELECT sum(unverified_list_cost_usd)::text AS u FROM usage_daily_keys');
    const o = await load(conn, 'later.csv', 'request_id,trace_id,success,score,outcome_source\nrk-1,,true,,ci\nrk-301,,false,,ci\n');
    expect(o).toMatchObject({ status: 'succeeded', source: 'outcomes' });
    const [after] = await conn.query<{ u: string }>('SELECT sum(unverified_list_cost_usd)::text AS u FROM usage_daily_keys');
    expect(after.u).not.toBe(before.u);
    expect(await drift(conn)).toEqual([]);
  });

  test('repricing through rebuildRollupDays (amounts changed, some made unknown) stays exact', async () => {
    await conn.query(`UPDATE usage_events SET list_cost_usd = list_cost_usd * 3 + 0.0000000001
                       WHERE (occurred_at AT TIME ZONE 'UTC')::date = '2026-03-10'`);
    await conn.query(`UPDATE usage_events SET list_cost_usd = NULL WHERE request_id IN ('rk-150', 'rk-151', 'rk-152')`);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-09', '2026-03-11'));
    expect(await drift(conn)).toEqual([]);
  });

  test('a key row whose events are per-request and bucket alike sums both (usage_daily splits them, this table does not)', async () => {
    // The loader sums this table from usage_daily's batch aggregate (rollupCtes), which is_bucket splits: a bucket copy
    // of a logged request (same day, user, key and dimensions) must land in the same row, counted twice.
    const cols = EVENT_COLUMNS.join(', ');
    const copied = EVENT_COLUMNS.map((c) => (c === 'dedupe_key' ? `dedupe_key || ':bucket'` : c === 'period_seconds' ? '3600' : c));
    const [e] = await conn.query<{ day: string; user_id: string; api_key: string }>(
      `INSERT INTO usage_events (${cols}) SELECT ${copied.join(', ')} FROM usage_events
        WHERE period_seconds = 0 AND user_id IS NOT NULL AND api_key IS NOT NULL ORDER BY occurred_at LIMIT 1
        RETURNING to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, user_id, api_key`,
    );
    await conn.transaction((tx) => rebuildRollupDays(tx, e.day, e.day));
    expect(await drift(conn)).toEqual([]);
    const [mixed] = await conn.query<{ n: string }>(
      `SELECT count(DISTINCT is_bucket)::text AS n FROM usage_daily
        WHERE day = $1::date AND events > 0 AND (SELECT count(*) FROM usage_events WHERE period_seconds > 0 AND user_id = $2) > 0`,
      [e.day, e.user_id],
    );
    expect(mixed.n).toBe('2'); // the day really holds both kinds
  });

  test("the migration's backfill gives the same table", async () => {
    const before = await snapshot(conn);
    const sql = readFileSync(path.join(migrationsFolder(), '0015_usage_daily_keys.sql'), 'utf8').split('--> statement-breakpoint');
    const backfill = sql.find((s) => /INSERT INTO "usage_daily_keys"/.test(s));
    expect(backfill).toBeTruthy();
    await conn.transaction(async (tx) => {
      await tx.query('DELETE FROM usage_daily_keys');
      await tx.query(backfill!);
    });
    expect(await snapshot(conn)).toEqual(before);
  });

  test('usage_filter_values: events per day, dimension and value equal the counts over events; its backfill too', async () => {
    const [{ n }] = await conn.query<{ n: string }>(
      `SELECT count(DISTINCT dimension)::text AS n FROM usage_filter_values WHERE value IS NULL`,
    );
    expect(Number(n)).toBeGreaterThanOrEqual(3); // users, keys and projects left unset on some events: NULL values counted
    expect(await filterDrift(conn)).toEqual([]);
    const rows = () => conn.query('SELECT day::text, dimension, value, events::text FROM usage_filter_values ORDER BY 1, 2, 3 NULLS LAST');
    const before = await rows();
    const sql = readFileSync(path.join(migrationsFolder(), '0017_usage_filter_values.sql'), 'utf8').split('--> statement-breakpoint');
    const backfill = sql.find((s) => /INSERT INTO "usage_filter_values"/.test(s));
    expect(backfill).toBeTruthy();
    await conn.transaction(async (tx) => {
      await tx.query('DELETE FROM usage_filter_values');
      await tx.query(backfill!);
    });
    expect(await rows()).toEqual(before);
  });

  test.each(VIEWS)('explorer $groupBy from the key rollup equals the same view over events', async (v) => {
    const q: ExplorerQuery = { ...PERIOD, ...v, sort: { column: 'listCostUsd', dir: 'desc' } };
    const first = await queryExplorer(conn, q);
    expect(first.source).toBe('usage_daily_keys');
    const events = await queryExplorer(conn, { ...q, forceSource: 'usage_events' });
    expect(first.total).toEqual(events.total);
    expect(first.subtotals).toEqual(events.subtotals);
    const rows = await allRows(conn, q);
    expect(rows.length).toBeGreaterThan(0);
    expect(await allRows(conn, { ...q, forceSource: 'usage_events' })).toEqual(rows);
  });

  test.each(['user', 'api_key'] as const)('%s picker values come from the key rollup and equal counts over events', async (dim) => {
    const col = dim === 'user' ? 'user_id' : 'api_key';
    const got = await listDimensionValues(conn, { ...PERIOD, dimension: dim });
    const want = await conn.query<{ v: string | null; n: string }>(
      `SELECT ${col} AS v, count(*)::text AS n FROM usage_events GROUP BY 1 ORDER BY count(*) DESC, 1 NULLS LAST`,
    );
    expect(got).toEqual(want.map((r) => ({ value: r.v, events: Number(r.n) })));
    expect(got.some((r) => r.value === null)).toBe(true);
  });
});
