/**
 * The loader's own sums of usage_length_cells and usage_task_days (lib/ingest/batch-rollups.ts, staged by
 * staged-rollups.ts) against the database, on both: the Postgres numeric and bucket rules they reproduce, evaluated
 * by Postgres itself; and whole loads of awkward lines (names needing CSV quotes, '' apart from NULL, ties at one
 * instant, prices with many decimals, one that makes Postgres round) whose rollups must equal, row for row and
 * digit for digit, a rebuild of the same days by the SQL fold.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setPriceOverride } from '../../cli/prices';
import { BatchRollups } from '../../lib/ingest/batch-rollups';
import { ingestFile } from '../../lib/ingest/load';
import { divMillionScale, formatScaled } from '../../lib/ingest/pg-numeric';
import { parseInput } from '../../lib/ingest/pipeline';
import { listCost } from '../../lib/pricing';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { rebuildRollupDays } from './rollup';
import { QUARTER_OCTAVE } from './rollup-cells';
import { EVENT_ROLLUPS } from './rollups';
import { quarterOctaveBuckets } from './staged-rollups';

/** A seeded LCG: the same awkward values every run. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const TEAMS = ['core', 'a,b', 'quote"d', '', null, 'línea'];
const TRACES = ['t1', 't,2', null, 't"3'];

/** Itemized log lines over three days; every 13th pair shares an instant and a trace (the tie-break). */
function lines(n: number, seed: number): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const tie = i % 13 === 1;
    const at = new Date(Date.UTC(2026, 3, 1 + (i % 3), 0, 0, tie ? i - 1 : i)).toISOString();
    const team = TEAMS[i % TEAMS.length];
    const completion = Math.floor(r() * 5000);
    const reasoning =
      i % 4 === 0 ? {} : { completion_tokens_details: { reasoning_tokens: i % 4 === 1 ? 0 : Math.floor(completion * r()) } };
    out.push(
      JSON.stringify({
        timestamp: at,
        request_id: `q-${seed}-${i}`,
        metadata: {
          workflow: i % 5 === 0 ? 'draft' : 'w,1',
          ...(team === null ? {} : { team }),
          trace_id: TRACES[tie ? 0 : i % TRACES.length],
        },
        ...(i % 3 === 0 ? {} : { outcome: { success: r() < 0.5, source: 'test' } }),
        response: {
          id: `c-${seed}-${i}`,
          object: 'chat.completion',
          created: 1775001600,
          model: ['o4-mini', 'gpt-4.1-mini', 'odd-model', 'no-such-model-y'][i % 4],
          choices: [],
          usage: { prompt_tokens: Math.floor(r() * 9000), completion_tokens: completion, total_tokens: 0, ...reasoning },
        },
      }),
    );
  }
  return `${out.join('\n')}\n`;
}

function load(conn: Connection, file: string, text: string) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(text);
    })(),
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
}

/**
 * The rollups the loader may sum itself. (usage_daily is folded in SQL either way; its money columns are numeric(20, 10),
 * so a day loaded in two parts can differ from a rebuild in the tenth decimal where a price has many: not this test's.)
 */
async function snapshot(conn: Connection): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of EVENT_ROLLUPS.filter((r) => r.staged).map((r) => r.table)) {
    const rows = await conn.query<{ r: string }>(`SELECT t::text AS r FROM ${t} t`);
    out[t] = rows.map((x) => x.r).sort();
  }
  return out;
}

describe.each(testDatabases())('loader-summed rollups on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('divMillionScale is the scale Postgres gives x / 1000000, at every digit-group edge and at random', async () => {
    const cases: [number, number][] = [];
    const edges = [0, 1, 9, 99, 100, 101, 999, 1000, 9999, 10000, 10099, 10100, 10101, 99999, 1000000, 1009999, 1010000, 1010001];
    for (const s of [0, 1, 2, 3, 4, 5, 8, 10, 13]) for (const p of edges) for (const m of [1, 10_000, 100_000_000]) cases.push([p * m, s]);
    const r = rng(7);
    for (let i = 0; i < 2000; i++) cases.push([Math.floor(r() ** 4 * Number.MAX_SAFE_INTEGER), Math.floor(r() * 16)]);
    const rows = await conn.query<{ s: number }>(
      'SELECT scale(x::numeric / 1000000) AS s FROM unnest($1::text[]) WITH ORDINALITY AS u(x, ord) ORDER BY ord',
      [cases.map(([p, s]) => formatScaled(BigInt(p), s))],
    );
    const got = cases.map(([p, s], i) => [p, s, Number(rows[i].s)]);
    expect(got).toEqual(cases.map(([p, s]) => [p, s, divMillionScale(p, s)]));
  });

  test('quarterOctaveBuckets: the SQL bucket of every count near a threshold, and of random ones', async () => {
    await conn.transaction(async (tx) => {
      const bucketOf = await quarterOctaveBuckets(tx);
      expect(bucketOf).not.toBeNull();
      const ns = Array.from({ length: 3000 }, (_, i) => i);
      for (let k = 1; k < 160; k++) for (let d = -2; d <= 2; d++) ns.push(Math.max(0, Math.round(2 ** (k / 4)) + d));
      const r = rng(11);
      for (let i = 0; i < 2000; i++) ns.push(Math.floor(r() ** 3 * 2 ** 40));
      const rows = await tx.query<{ n: string; b: number }>(
        `SELECT n::text AS n, ${QUARTER_OCTAVE('n')} AS b FROM unnest($1::bigint[]) n`,
        [ns.map(String)],
      );
      expect(rows.map((x) => [x.n, bucketOf?.(Number(x.n))])).toEqual(rows.map((x) => [x.n, Number(x.b)]));
      expect(bucketOf?.(2 ** 40)).toBeNull();
    });
  });

  test('loads summed in the loader equal the SQL fold of the same days, digit for digit', async () => {
    // Prices with many decimals (scales past the catalog's); 1.000000000001 at 200M tokens makes Postgres round the
    // quotient, so that batch must be folded in SQL (and still agree).
    for (const [model, output] of [
      ['odd-model', '3.14159265'],
      ['gpt-4.1-mini', '1.60000'],
      ['big-model', '1.000000000001'],
    ])
      await setPriceOverride(conn, {
        vendor: null,
        model,
        effectiveFrom: new Date('2026-01-01T00:00:00Z'),
        effectiveTo: null,
        inputPerMtokUsd: '0.1',
        cachedInputPerMtokUsd: null,
        cacheWritePerMtokUsd: null,
        outputPerMtokUsd: output,
        note: 'test',
      });
    expect(await load(conn, 'a.jsonl', lines(400, 1))).toMatchObject({ status: 'succeeded', rowsInserted: 400 });
    const big = JSON.stringify({
      timestamp: '2026-04-02T12:00:00Z',
      request_id: 'big-1',
      metadata: { team: 'core', trace_id: 't1' },
      response: {
        id: 'c-big',
        object: 'chat.completion',
        created: 1775001600,
        model: 'big-model',
        choices: [],
        usage: {
          prompt_tokens: 1,
          completion_tokens: 200_000_000,
          total_tokens: 200_000_001,
          completion_tokens_details: { reasoning_tokens: 200_000_000 },
        },
      },
    });
    expect(await load(conn, 'b.jsonl', `${lines(300, 2)}${big}\n`)).toMatchObject({ status: 'succeeded', rowsInserted: 301 });
    const before = await snapshot(conn);
    expect(before.usage_task_days.length).toBeGreaterThan(20);
    expect(before.usage_length_cells.some((row) => row.includes('"a,b"'))).toBe(true);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-04-01', '2026-04-03'));
    expect(await snapshot(conn)).toEqual(before);
  });

  test('ordinary lines are summed in the loader: no silent fallback to the SQL fold', async () => {
    // The same parse and prices as the loader, on the database's bucket thresholds.
    const bucketOf = await conn.transaction((tx) => quarterOctaveBuckets(tx));
    const parsed = await parseInput(
      (async function* () {
        yield Buffer.from(lines(200, 3));
      })(),
      { file: 'c.jsonl', fileMtime: new Date() },
    );
    const r = new BatchRollups(bucketOf);
    for await (const run of parsed.batches)
      for (const item of run)
        if (item.kind === 'event') {
          const price = listCost(item.event, []);
          r.add(item.event, price.costUsd, price.outputPerMtokUsd);
        }
    expect(r.cellLines().length).toBeGreaterThan(10);
    expect(r.exact).toBe(true);
  });
});
