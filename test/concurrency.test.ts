/**
 * The same file ingested by two commands at once is counted once, on both databases; two files that share half their
 * lines, ingested at once, give exactly the totals of one ingest of their union.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { logLine } from '../bench/gen-lines';
import { postgresTestDatabase } from '../db/testing';
import { readEnv } from '../lib/env';
import { runCli } from './cli';
import { SAMPLES_DIR } from './samples';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-conc-'));
const files = ['claude-code', 'anthropic'].map((d) => path.join(SAMPLES_DIR, d));
const pg = readEnv().TEST_DATABASE_URL ? postgresTestDatabase(readEnv().TEST_DATABASE_URL!) : null;
const pgOverlap = readEnv().TEST_DATABASE_URL ? postgresTestDatabase(readEnv().TEST_DATABASE_URL!) : null;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await pg?.dispose();
  await pgOverlap?.dispose();
});

async function twoAtOnce(env: Record<string, string | undefined>) {
  const [a, b] = await Promise.all([runCli(['ingest', '--json', ...files], env), runCli(['ingest', '--json', ...files], env)]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  const inserted = [a, b].map((r) => JSON.parse(r.stdout).totals.rows_inserted as number);
  const summary = JSON.parse((await runCli(['summary', '--json'], env)).stdout).totals;
  return { inserted, summary };
}

describe('two ingests of the same files at once', () => {
  test('embedded database: the second waits for the lock, then adds nothing', async () => {
    const { inserted, summary } = await twoAtOnce({ ITEMIZED_DATA_DIR: path.join(work, 'data') });
    // 3 + 3 + 2 Claude Code events, 2 Codex events, 2 Anthropic bodies = 12 rows, loaded once.
    expect(inserted.sort()).toEqual([0, 12]);
    expect(summary.requests).toBe(12);
  });

  test.runIf(pg)('Postgres server: concurrent transactions insert every row exactly once', async () => {
    await (await pg!.open()).close(); // create and migrate the fresh database
    const { inserted, summary } = await twoAtOnce({ DATABASE_URL: pg!.url });
    expect(inserted[0] + inserted[1]).toBe(12);
    expect(summary.requests).toBe(12);
  });
});

/**
 * Two generated Itemized log files of 4,000 lines each that share 2,000 (lines 2,000-3,999 of the 6,000-line union,
 * byte-identical in both), ingested by two CLI processes at once. Reasoning tokens, cached input and list prices vary
 * per line (bench/gen-lines.ts), so a shared line counted twice or lost shows in the totals.
 */
describe('two ingests of overlapping files at once', () => {
  const UNION = 6000;
  const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => logLine(from + k, UNION).json).join('');
  const a = path.join(work, 'overlap-a.jsonl');
  const b = path.join(work, 'overlap-b.jsonl');
  const union = path.join(work, 'overlap-union.jsonl');
  let expected: Record<string, unknown>;

  beforeAll(async () => {
    writeFileSync(a, lines(0, 4000));
    writeFileSync(b, lines(2000, 6000));
    writeFileSync(union, lines(0, UNION));
    // The reference: one ingest of the union into its own embedded database.
    const env = { ITEMIZED_DATA_DIR: path.join(work, 'overlap-reference') };
    const one = await runCli(['ingest', '--json', union], env);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout).totals.rows_inserted).toBe(UNION);
    expected = JSON.parse((await runCli(['summary', '--json'], env)).stdout).totals;
    expect(expected).toMatchObject({ requests: UNION, unpriced_events: 0 });
    expect(expected.reasoning_tokens).toBeGreaterThan(0);
    expect(expected.list_cost_usd).toMatch(/^\d+\.\d+$/);
  });

  async function overlapping(env: Record<string, string | undefined>) {
    const [ra, rb] = await Promise.all([runCli(['ingest', '--json', a], env), runCli(['ingest', '--json', b], env)]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const inserted = [ra, rb].map((r) => JSON.parse(r.stdout).totals.rows_inserted as number);
    expect(inserted[0] + inserted[1]).toBe(UNION); // every distinct line once, whichever process stored it
    const totals = JSON.parse((await runCli(['summary', '--json'], env)).stdout).totals;
    // Exact: requests, input, cached, output and reasoning tokens, and the list cost as the same decimal string.
    for (const k of ['requests', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_tokens', 'list_cost_usd'])
      expect(totals[k], k).toBe(expected[k]);
    expect(totals).toEqual(expected);
  }

  test('embedded database: totals equal one ingest of the union', async () => {
    await overlapping({ ITEMIZED_DATA_DIR: path.join(work, 'overlap-data') });
  });

  test.runIf(pgOverlap)('Postgres server: totals equal one ingest of the union', async () => {
    await (await pgOverlap!.open()).close();
    await overlapping({ DATABASE_URL: pgOverlap!.url });
  });
});
