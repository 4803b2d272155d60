/** The same file ingested by two commands at once is counted once, on both databases. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { postgresTestDatabase } from '../db/testing';
import { readEnv } from '../lib/env';
import { runCli } from './cli';
import { SAMPLES_DIR } from './samples';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-conc-'));
const files = ['claude-code', 'anthropic'].map((d) => path.join(SAMPLES_DIR, d));
const pg = readEnv().TEST_DATABASE_URL ? postgresTestDatabase(readEnv().TEST_DATABASE_URL!) : null;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await pg?.dispose();
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
