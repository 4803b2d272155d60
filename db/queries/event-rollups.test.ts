/**
 * The event pages' rollups (usage_length_cells, usage_task_days, usage_daily's unknown-reasoning output) against
 * the same aggregates computed straight from usage_events (event-rollups-reference.ts), on both databases, through
 * the real loader: per-request lines with reasoning known, zero and unknown, an unpriced model, calls with and
 * without a trace (tasks spanning days and teams), bucket rows, outcomes in the lines and arriving later (rebuild),
 * re-ingest (adds nothing) and repricing (rebuild). Periods cut tasks at a day; filters on vendor, team, workflow.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setPriceOverride } from '../../cli/prices';
import { log2Bin } from '../../lib/analysis/stats';
import { ingestFile } from '../../lib/ingest/load';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getAccuracyCells } from './accuracy';
import * as ref from './event-rollups-reference';
import { getExpensiveTasks, getLoopsPage, getTaskCallsDistribution } from './loops';
import type { UsagePeriod } from './overview';
import { getBucketOutputCostBy, getReasoningHistogram, getTopHiddenRequests, getTopHiddenTasks } from './reasoning';
import { rebuildRollupDays } from './rollup';
import { LOG2_BIN } from './rollup-cells';
import { EVENT_ROLLUPS } from './rollups';

function load(conn: Connection, file: string, text: string) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(text);
    })(),
    fileMtime: new Date('2026-01-01T00:00:00Z'),
  });
}

const TEAMS = ['platform', 'support', null];
const MODELS = ['o4-mini', 'gpt-4.1-mini', 'no-such-model-x'];

/** Log line i: the model, team, reasoning (known, 0 or unreported), trace (some none) and outcome vary with i. */
function line(i: number, day: number): string {
  const model = MODELS[i % 3];
  const completion = (i * 7919) % 3000;
  const details = i % 4 === 3 ? {} : { completion_tokens_details: { reasoning_tokens: i % 4 === 2 ? 0 : Math.floor(completion * 0.7) } };
  const team = TEAMS[i % 3 === 0 ? 0 : i % 2 === 0 ? 1 : 2];
  return JSON.stringify({
    timestamp: new Date(Date.UTC(2026, 2, day, (i * 5) % 24, i % 60)).toISOString(),
    request_id: `r-${i}`,
    metadata: { workflow: i % 5 === 0 ? 'draft' : 'triage', ...(team ? { team } : {}), ...(i % 7 === 0 ? {} : { trace_id: `t-${i % 9}` }) },
    ...(i % 3 === 1 ? { outcome: { success: i % 2 === 0, source: 'log' } } : {}),
    response: {
      id: `chatcmpl-${i}`,
      object: 'chat.completion',
      created: 1772359200,
      model,
      choices: [],
      usage: { prompt_tokens: 100 + i, completion_tokens: completion, total_tokens: 100 + i + completion, ...details },
    },
  });
}
/** Lines [from, to) over 2026-03-01..05 (a line's day depends on i only, so a repeated line is a duplicate). */
const lines = (from: number, to: number) =>
  `${Array.from({ length: to - from }, (_, k) => line(from + k, 1 + (Math.floor((from + k) / 3) % 5))).join('\n')}\n`;

/** An OpenAI usage API page: daily buckets per model (reasoning unknown), one model unpriced. */
function buckets(): string {
  const data = [3, 4].map((d) => ({
    object: 'bucket',
    start_time: Date.UTC(2026, 2, d) / 1000,
    end_time: Date.UTC(2026, 2, d + 1) / 1000,
    results: MODELS.map((model, k) => ({
      object: 'organization.usage.completions.result',
      input_tokens: 1000 * (k + 1),
      output_tokens: 333 * (k + d),
      num_model_requests: 3 + k,
      model,
    })),
  }));
  return JSON.stringify({ object: 'page', data, has_more: false, next_page: null });
}

const PERIODS: UsagePeriod[] = [
  { from: '2026-03-01', to: '2026-03-31' },
  { from: '2026-03-03', to: '2026-03-04' }, // cuts tasks that span days
  { from: '2026-03-01', to: '2026-03-31', team: 'support' },
  { from: '2026-03-01', to: '2026-03-31', workflow: 'triage', vendor: 'openai' },
  { from: '2026-03-01', to: '2026-03-31', vendor: 'anthropic' }, // nothing
];

const num = (v: unknown) => Number(v);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Every rollup-backed query equals the direct aggregate, for every period and filter. */
async function expectExact(conn: Connection) {
  for (const p of PERIODS) {
    const label = JSON.stringify(p);
    const cells = (await ref.refAccuracyCells(conn, p)).map((r) => ({
      model: str(r.model),
      workflow: str(r.workflow),
      measure: r.measure,
      bucket: num(r.bucket),
      minTokens: num(r.min_tokens),
      maxTokens: num(r.max_tokens),
      requests: num(r.requests),
      outcomes: num(r.outcomes),
      successes: num(r.successes),
      tokenPriceSum: String(r.token_price_sum),
      priceSum: String(r.price_sum),
    }));
    expect(await getAccuracyCells(conn, p), label).toEqual(cells);
    const hist = (await ref.refHistogram(conn, p)).map((r) => ({
      bin: num(r.bin),
      requests: num(r.requests),
      reasoningTokens: num(r.reasoning),
      hiddenSpendUsd: str(r.hidden),
    }));
    expect(await getReasoningHistogram(conn, p), label).toEqual(hist);
    for (const k of ['model', 'team', 'workflow', 'day'] as const) {
      const cost = (await ref.refBucketOutputCost(conn, p, k)).map((r) => ({
        key: str(r.key),
        model: str(r.model),
        outputTokens: num(r.output_tokens),
        outputCostUsd: str(r.output_cost),
      }));
      expect(await getBucketOutputCostBy(conn, p, k), `${label} ${k}`).toEqual(cost);
    }
    const top = (await ref.refTopHiddenTasks(conn, p, 5)).map((r) => ({
      traceId: String(r.trace_id),
      workflow: str(r.workflow),
      team: str(r.team),
      calls: num(r.calls),
      reasoningTokens: num(r.reasoning),
      outputTokens: num(r.output),
      hiddenSpendUsd: String(r.hidden),
      listCostUsd: str(r.list_cost),
    }));
    expect(await getTopHiddenTasks(conn, p, 5), label).toEqual(top);
    const requests = (await ref.refHiddenRequests(conn, p)).slice(0, 7).map((r) => Number(r.id));
    expect(
      (await getTopHiddenRequests(conn, p, 7)).map((r) => r.id),
      label,
    ).toEqual(requests);
    const dist = (await ref.refTaskCallsDistribution(conn, p)).map((r) => ({
      workflow: str(r.workflow),
      calls: num(r.calls),
      tasks: num(r.tasks),
      inputTokens: num(r.input_tokens),
      outputTokens: num(r.output_tokens),
      listCostUsd: str(r.list_cost),
      outcomeTasks: num(r.outcome_tasks),
      successTasks: num(r.success_tasks),
    }));
    expect(await getTaskCallsDistribution(conn, p), label).toEqual(dist);
    const expensive = (await ref.refExpensiveTasks(conn, p, 50)).map((r) => ({
      traceId: String(r.trace_id),
      workflow: str(r.workflow),
      team: str(r.team),
      calls: num(r.calls),
      inputTokens: num(r.input_tokens),
      outputTokens: num(r.output_tokens),
      reasoningTokens: num(r.reasoning_tokens),
      listCostUsd: str(r.list_cost),
      success: (r.success as boolean | null) ?? null,
      startedAt: new Date(r.started_at as string).toISOString(),
      endedAt: new Date(r.ended_at as string).toISOString(),
    }));
    expect(await getExpensiveTasks(conn, p, 50), label).toEqual(expensive);
    // The whole month holds multi-call tasks: the comparison is not between two empty lists.
    if (p === PERIODS[0]) expect([dist.length > 1, expensive.length > 1], label).toEqual([true, true]);
    expect(await getLoopsPage(conn, p, 50), `${label}: loops page in one statement`).toEqual({ distribution: dist, expensive });
  }
}

/** The rollup tables' rows as text, sorted: to compare the loader's incremental folds with a rebuild. */
async function snapshot(conn: Connection): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of ['usage_daily', ...EVENT_ROLLUPS.map((r) => r.table)]) {
    const rows = await conn.query<{ r: string }>(`SELECT t::text AS r FROM ${t} t`);
    out[t] = rows.map((x) => x.r).sort();
  }
  return out;
}

describe.each(testDatabases())('event page rollups on $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test("the cells' SQL log2 bin equals log2Bin at every power of two, either side of it, and at the extremes", async () => {
    const values = [-5n, 0n, 1n, 2n, 3n, 9_223_372_036_854_775_807n];
    for (let k = 2n; k < 63n; k++) values.push((1n << k) - 1n, 1n << k, (1n << k) + 1n);
    const rows = await conn.query<{ v: string; bin: number }>(`SELECT v::text AS v, ${LOG2_BIN('v')} AS bin FROM unnest($1::bigint[]) v`, [
      values.map(String),
    ]);
    expect(rows).toHaveLength(values.length);
    for (const { v, bin } of rows) expect([v, Number(bin)]).toEqual([v, BigInt(v) < 1n ? 0 : BigInt(v).toString(2).length]);
    // log2Bin (JS numbers) agrees wherever a number holds the count exactly.
    for (const { v, bin } of rows.filter((r) => Math.abs(Number(r.v)) < 2 ** 53)) expect([v, Number(bin)]).toEqual([v, log2Bin(Number(v))]);
  });

  test('loaded lines and buckets: every rollup read equals the events; a rebuild changes no row', async () => {
    // Copied straight in (an empty span), then merged (the same days again, with repeats).
    expect(await load(conn, 'a.jsonl', lines(0, 120))).toMatchObject({ status: 'succeeded', rowsInserted: 120 });
    expect(await load(conn, 'b.jsonl', lines(100, 260))).toMatchObject({ rowsInserted: 140, rowsDuplicate: 20 });
    expect(await load(conn, 'usage.json', buckets())).toMatchObject({ status: 'succeeded', rowsInserted: 6 });
    const [{ n }] = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM usage_length_cells');
    expect(Number(n)).toBeGreaterThan(10);
    await expectExact(conn);
    const before = await snapshot(conn);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-01', '2026-03-31'));
    expect(await snapshot(conn)).toEqual(before);
  });

  test('re-ingest adds nothing', async () => {
    const before = await snapshot(conn);
    expect(await load(conn, 'b-again.jsonl', lines(100, 260))).toMatchObject({ rowsInserted: 0 });
    expect(await load(conn, 'usage-again.json', buckets())).toMatchObject({ rowsInserted: 0 });
    expect(await snapshot(conn)).toEqual(before);
  });

  test('outcomes arriving later rebuild their days exactly', async () => {
    const o = [
      { trace_id: 't-1', success: false, outcome_source: 'eval' },
      { trace_id: 't-4', success: true, outcome_source: 'eval' },
      { request_id: 'r-13', success: true, outcome_source: 'ci' },
      { request_id: 'r-14', success: false, outcome_source: 'ci' },
    ];
    expect(await load(conn, 'late.jsonl', `${o.map((x) => JSON.stringify(x)).join('\n')}\n`)).toMatchObject({ status: 'succeeded' });
    await expectExact(conn);
    const after = await snapshot(conn);
    await conn.transaction((tx) => rebuildRollupDays(tx, '2026-03-01', '2026-03-31'));
    expect(await snapshot(conn)).toEqual(after);
  });

  test("a task's last outcome: at one instant the later event (higher id) wins, else the later time", async () => {
    // Two tasks, each with outcomes of opposite success at the same millisecond (file order = id order), and a
    // third whose later call comes first in the file: the folds' max() over [epoch, id, success] must order exactly
    // as the reference's ORDER BY occurred_at DESC, id DESC.
    const call = (i: number, trace: string, at: string, success: boolean) =>
      JSON.stringify({
        timestamp: at,
        request_id: `tie-${i}`,
        metadata: { workflow: 'triage', team: 'platform', trace_id: trace },
        outcome: { success, source: 'log' },
        response: {
          id: `tie-${i}`,
          object: 'chat.completion',
          created: 1772359200,
          model: 'o4-mini',
          choices: [],
          usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
        },
      });
    const at = '2026-03-02T10:00:00.000Z';
    const text = [
      call(1, 'tie-a', at, true),
      call(2, 'tie-a', at, false),
      call(3, 'tie-b', at, false),
      call(4, 'tie-b', at, true),
      call(5, 'tie-c', '2026-03-02T11:00:00.001Z', true),
      call(6, 'tie-c', '2026-03-02T11:00:00.000Z', false),
    ].join('\n');
    expect(await load(conn, 'ties.jsonl', `${text}\n`)).toMatchObject({ status: 'succeeded', rowsInserted: 6 });
    const tasks = await getExpensiveTasks(conn, PERIODS[0], 500);
    const success = Object.fromEntries(tasks.filter((t) => t.traceId.startsWith('tie-')).map((t) => [t.traceId, t.success]));
    expect(success).toEqual({ 'tie-a': false, 'tie-b': true, 'tie-c': true });
    await expectExact(conn);
  });

  test('repricing rebuilds the days with the new output prices', async () => {
    const before = await getReasoningHistogram(conn, PERIODS[0]);
    const r = await setPriceOverride(conn, {
      vendor: null,
      model: 'o4-mini',
      effectiveFrom: new Date('2026-03-03T00:00:00Z'),
      effectiveTo: null,
      inputPerMtokUsd: '0.123',
      cachedInputPerMtokUsd: null,
      cacheWritePerMtokUsd: null,
      outputPerMtokUsd: '7.0000001',
      note: 'test',
    });
    expect(r.repriced).toBeGreaterThan(0);
    expect(await getReasoningHistogram(conn, PERIODS[0])).not.toEqual(before);
    await expectExact(conn);
  });
});
