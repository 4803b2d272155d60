/** Loader integration on both databases: exact totals from the real samples, idempotence, all-or-nothing. */
import { createReadStream, statSync } from 'node:fs';
import DecimalBase from 'decimal.js';

/** 50 significant digits: gateway floats such as 0.00022500000000000002 must add up exactly. */
const Decimal = DecimalBase.clone({ precision: 50 });

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingestFile } from '../../lib/ingest/load';
import { SAMPLE_EXPECTATIONS, samplePath } from '../../test/samples';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { getSummary } from './summary';

const MTIME = new Date('2026-01-01T00:00:00Z');

async function ingestPath(conn: Connection, rel: string, opts: { skipInvalid?: boolean } = {}) {
  const p = samplePath(rel);
  return ingestFile(conn, { file: p, input: createReadStream(p), fileMtime: statSync(p).mtime, ...opts });
}

async function ingestText(conn: Connection, file: string, text: string, opts: { skipInvalid?: boolean } = {}) {
  return ingestFile(conn, {
    file,
    input: (async function* () {
      yield Buffer.from(text);
    })(),
    fileMtime: MTIME,
    ...opts,
  });
}

const sumOf = (k: 'input' | 'cached' | 'cacheWrite' | 'output' | 'reasoning' | 'requests') =>
  SAMPLE_EXPECTATIONS.reduce((a, s) => a + s[k], 0);
const moneyOf = (k: 'billed' | 'reported') => SAMPLE_EXPECTATIONS.reduce((a, s) => (s[k] ? a.plus(s[k]!) : a), new Decimal(0)).toFixed();

describe.each(testDatabases())('ingest into $name', (tdb) => {
  let conn: Connection;
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test.each(SAMPLE_EXPECTATIONS)('sample $file loads exactly', async (s) => {
    const r = await ingestPath(conn, s.file);
    expect(r.issues).toEqual([]);
    expect(r.status).toBe('succeeded');
    expect(r.rowsInserted).toBe(s.events + s.costLines);
    expect(r.rowsDuplicate).toBe(s.sourceDuplicates);
  });

  test('summary totals equal the files own sums, and the rollup equals the raw events', async () => {
    const { totals } = await getSummary(conn, {});
    expect(totals).toMatchObject({
      requests: sumOf('requests'),
      input_tokens: sumOf('input'),
      cached_input_tokens: sumOf('cached'),
      cache_write_tokens: sumOf('cacheWrite'),
      output_tokens: sumOf('output'),
      reasoning_tokens: sumOf('reasoning'),
      billed_cost_usd: moneyOf('billed'),
      reported_cost_usd: moneyOf('reported'),
    });
    const [raw] = await conn.query<Record<string, string | number>>(
      `SELECT count(*) AS events, sum(input_tokens)::text AS input, sum(output_tokens)::text AS output,
              sum(reasoning_tokens)::text AS reasoning, sum(list_cost_usd)::text AS list FROM usage_events`,
    );
    const [roll] = await conn.query<Record<string, string | number>>(
      `SELECT sum(events)::text AS events, sum(input_tokens)::text AS input, sum(output_tokens)::text AS output,
              sum(reasoning_tokens)::text AS reasoning, sum(list_cost_usd)::text AS list FROM usage_daily`,
    );
    expect(String(roll.events)).toBe(String(raw.events));
    expect(roll.input).toBe(raw.input);
    expect(roll.output).toBe(raw.output);
    expect(roll.reasoning).toBe(raw.reasoning);
    expect(new Decimal(roll.list).eq(new Decimal(raw.list))).toBe(true);
    // Hidden reasoning spend: gpt-5-mini reasoned 128 (Responses sample) + 64 (LangGraph trace) tokens at $2/MTok output.
    const [r] = await conn.query<{ spend: string; raw: string }>(
      `SELECT (SELECT sum(reasoning_list_cost_usd)::text FROM usage_daily WHERE model = 'gpt-5-mini') AS spend,
              (SELECT sum(reasoning_tokens * output_price_per_mtok_usd / 1000000)::text FROM usage_events WHERE model = 'gpt-5-mini') AS raw`,
    );
    expect(new Decimal(r.spend).toFixed()).toBe('0.000384');
    expect(new Decimal(r.raw).eq(r.spend)).toBe(true);
  });

  test('reasoning never reported stays null (unknown); a reported 0 stays 0', async () => {
    const { by_model } = await getSummary(conn, {});
    const of = (model: string) => by_model.find((m) => m.model === model)?.reasoning_tokens;
    expect(of('claude-sonnet-4-5')).toBeNull(); // older Messages body: no output_tokens_details
    expect(of('claude-haiku-4-5')).toBeNull(); // Claude Code log lines carry no thinking count
    expect(of('gpt-4.1-nano')).toBe(0); // completion_tokens_details.reasoning_tokens: 0
    expect(of('gpt-5-mini')).toBe(128 + 64); // the Responses sample plus the LangGraph trace's output_reasoning
  });

  test('ingesting everything again adds 0 rows and changes no total', async () => {
    const before = await getSummary(conn, {});
    for (const s of SAMPLE_EXPECTATIONS) {
      const r = await ingestPath(conn, s.file);
      expect(r.status).toBe('succeeded');
      expect(r.rowsInserted).toBe(0);
      expect(r.rowsDuplicate).toBe(s.events + s.costLines + s.sourceDuplicates);
    }
    expect(await getSummary(conn, {})).toEqual(before);
  });

  test('a file with one bad record writes nothing, names line and field, and is recorded as failed', async () => {
    const good = JSON.stringify({
      request_id: 'req-ok-1',
      timestamp: '2026-03-01T10:00:00Z',
      response: {
        id: 'chatcmpl-ok1',
        object: 'chat.completion',
        created: 1772359200,
        model: 'gpt-4.1-mini',
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      },
    });
    const bad = JSON.stringify({
      request_id: 'req-bad-1',
      timestamp: '2026-03-01T10:01:00Z',
      response: {
        id: 'chatcmpl-bad1',
        object: 'chat.completion',
        created: 1772359260,
        model: 'gpt-4.1-mini',
        choices: [],
        usage: { prompt_tokens: -4, completion_tokens: 5, total_tokens: 1 },
      },
    });
    const before = await getSummary(conn, {});
    const r = await ingestText(conn, 'mixed.jsonl', `${good}\n${bad}\n`);
    expect(r.status).toBe('failed');
    expect(r.rowsInserted).toBe(0);
    expect(r.rowsRejected).toBe(1);
    expect(r.issues[0]).toMatchObject({ file: 'mixed.jsonl', line: 2 });
    expect(r.issues[0].field).toMatch(/prompt_tokens|input_tokens/);
    expect(await getSummary(conn, {})).toEqual(before);
    const [run] = await conn.query<{ status: string; errors: unknown }>('SELECT status, errors FROM ingest_runs WHERE id = $1', [r.runId]);
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.errors)).toContain('mixed.jsonl');

    const partial = await ingestText(conn, 'mixed.jsonl', `${good}\n${bad}\n`, { skipInvalid: true });
    expect(partial).toMatchObject({ status: 'partial', rowsInserted: 1, rowsRejected: 1 });
    expect((await getSummary(conn, {})).totals.input_tokens).toBe(before.totals.input_tokens + 10);
  });

  test('an unknown model is unpriced: list cost NULL and counted, never 0', async () => {
    const line = JSON.stringify({
      request_id: 'req-unpriced-1',
      timestamp: '2026-03-02T10:00:00Z',
      response: {
        id: 'chatcmpl-unp',
        object: 'chat.completion',
        created: 1772445600,
        model: 'gpt-internal-finetune-zz',
        choices: [],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      },
    });
    const before = (await getSummary(conn, {})).totals;
    const r = await ingestText(conn, 'unpriced.jsonl', `${line}\n`);
    expect(r.status).toBe('succeeded');
    const [row] = await conn.query<{ list_cost_usd: string | null; price_source: string | null }>(
      "SELECT list_cost_usd, price_source FROM usage_events WHERE request_id = 'req-unpriced-1'",
    );
    expect(row).toEqual({ list_cost_usd: null, price_source: null });
    const after = (await getSummary(conn, {})).totals;
    expect(after.unpriced_events).toBe(before.unpriced_events + 1);
    expect(after.list_cost_usd).toBe(before.list_cost_usd);
  });

  test('several COPY batches in one file: a bad record after merged batches still rolls back everything', async () => {
    const line = (i: number, prompt: number) =>
      JSON.stringify({
        request_id: `req-batch-${i}`,
        timestamp: new Date(Date.UTC(2026, 4, 1) + i * 1000).toISOString(),
        metadata: { team: `t${i % 3}` },
        response: {
          id: `chatcmpl-b${i}`,
          object: 'chat.completion',
          created: 1777593600,
          model: 'gpt-4.1-mini',
          choices: [],
          usage: { prompt_tokens: prompt, completion_tokens: 2, total_tokens: prompt + 2 },
        },
      });
    const n = 25_000; // 3 batches of 10,000
    const lines = Array.from({ length: n }, (_, i) => line(i, 10));
    const before = (await getSummary(conn, {})).totals;
    lines[22_000] = line(22_000, -1);
    const bad = await ingestText(conn, 'batches.jsonl', lines.join('\n'));
    expect(bad).toMatchObject({ status: 'failed', rowsInserted: 0, rowsRejected: 1 });
    expect(bad.issues[0].line).toBe(22_001);
    expect((await getSummary(conn, {})).totals).toEqual(before);
    lines[22_000] = line(22_000, 10);
    const good = await ingestText(conn, 'batches.jsonl', lines.join('\n'));
    expect(good).toMatchObject({ status: 'succeeded', rowsInserted: n });
    const after = (await getSummary(conn, {})).totals;
    expect(after.requests - before.requests).toBe(n);
    expect(after.input_tokens - before.input_tokens).toBe(10 * n);
    const [{ teams }] = await conn.query<{ teams: string }>(
      "SELECT count(DISTINCT team)::text AS teams FROM usage_daily WHERE team LIKE 't_'",
    );
    expect(teams).toBe('3');
  });

  test('batches copied straight in and merged ones agree: repeats within and across batches and files count once', async () => {
    const line = (i: number) =>
      JSON.stringify({
        request_id: `req-span-${i}`,
        timestamp: new Date(Date.UTC(2026, 6, 1) + Math.floor(i / 2) * 1000).toISOString(),
        metadata: { team: 'span' },
        response: {
          id: `c${i}`,
          object: 'chat.completion',
          created: 1782864000,
          model: 'gpt-4.1-mini',
          choices: [],
          usage: { prompt_tokens: 7, completion_tokens: 1, total_tokens: 8 },
        },
      });
    const n = 30_000; // batches of 2,000 + 25,000 + 3,000 rows
    const lines = Array.from({ length: n }, (_, i) => line(i));
    lines.push(line(5), line(29_999)); // repeats: within the first batch's span, and within the last batch
    const a = await ingestText(conn, 'span-a.jsonl', lines.join('\n'));
    expect(a).toMatchObject({ status: 'succeeded', rowsInserted: n, rowsDuplicate: 2 });
    // Overlapping time span, half new keys: the merge path.
    const b = await ingestText(conn, 'span-b.jsonl', Array.from({ length: 4_000 }, (_, i) => line(n - 2_000 + i)).join('\n'));
    expect(b).toMatchObject({ status: 'succeeded', rowsInserted: 2_000, rowsDuplicate: 2_000 });
    const [raw] = await conn.query<{ events: string; input: string }>(
      "SELECT count(*)::text AS events, sum(input_tokens)::text AS input FROM usage_events WHERE team = 'span'",
    );
    const [roll] = await conn.query<{ events: string; input: string }>(
      "SELECT sum(events)::text AS events, sum(input_tokens)::text AS input FROM usage_daily WHERE team = 'span'",
    );
    expect(raw).toEqual({ events: String(n + 2_000), input: String(7 * (n + 2_000)) });
    expect(roll).toEqual(raw);
  });

  test('text with commas, quotes, newlines and a backslash survives the CSV staging exactly', async () => {
    const team = 'Ops, "Tier 2"\nEU \\ night';
    const line = JSON.stringify({
      request_id: 'req-csv-1',
      timestamp: '2026-03-03T10:00:00Z',
      metadata: { team, workflow: ' padded ' },
      response: {
        id: 'chatcmpl-csv',
        object: 'chat.completion',
        created: 1772532000,
        model: 'gpt-4.1-mini',
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      },
    });
    expect((await ingestText(conn, 'csv.jsonl', `${line}\n`)).status).toBe('succeeded');
    const [row] = await conn.query<{ team: string; workflow: string }>(
      "SELECT team, workflow FROM usage_events WHERE request_id = 'req-csv-1'",
    );
    expect(row).toEqual({ team, workflow: ' padded ' });
  });
});
