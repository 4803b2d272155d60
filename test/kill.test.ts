/**
 * Crash safety: an ingest killed with SIGKILL midway leaves the database as it was (one transaction
 * per file), the run is marked failed when the database is next opened, and ingesting the file again
 * loads every row exactly once. On the Postgres server with 1,000,000 rows; on PGlite with 300,000.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateLines } from '../bench/gen-lines';
import { type Connection, openConnection } from '../db/client';
import { postgresTestDatabase } from '../db/testing';
import { readEnv } from '../lib/env';
import { ROOT, runCli } from './cli';

const work = mkdtempSync(path.join(tmpdir(), 'itemized-kill-'));
const adminUrl = readEnv().TEST_DATABASE_URL;
const pg = adminUrl ? postgresTestDatabase(adminUrl) : null;
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await pg?.dispose();
});

/**
 * How far (0..1) process `pid` has read `file`: the position of its descriptor on the file (Linux /proc). The reader
 * streams with backpressure, so this tracks the rows loaded; 0 until the file is open (after the run row exists).
 */
function readFraction(pid: number, file: string): number {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
      const pos = /^pos:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      return pos ? Number(pos[1]) / statSync(file).size : 0;
    }
  } catch {
    // the process has not opened it yet, or has exited
  }
  return 0;
}

/** Starts an ingest, waits until `ready` says it is midway, kills it with SIGKILL. */
async function killMidway(file: string, env: Record<string, string | undefined>, ready: (pid: number) => Promise<boolean>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/itemized.mjs'), 'ingest', file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  for (let i = 0; i < 1200 && !(await ready(child.pid!)); i++) await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function afterRestart(open: () => Promise<Connection>) {
  const conn = await open(); // opening runs recovery
  try {
    const runs = await conn.query<{ status: string; errors: { message: string }[] }>('SELECT status, errors FROM ingest_runs ORDER BY id');
    const events = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM usage_events');
    const rollup = await conn.query<{ n: string }>('SELECT count(*)::text AS n FROM usage_daily');
    return { runs, events: Number(events[0].n), rollupRows: Number(rollup[0].n) };
  } finally {
    await conn.close();
  }
}

async function reloadTwice(file: string, env: Record<string, string | undefined>, rows: number) {
  const first = await runCli(['ingest', '--json', file], env);
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(first.stdout).totals.rows_inserted).toBe(rows);
  const again = await runCli(['ingest', '--json', file], env);
  expect(JSON.parse(again.stdout).totals).toMatchObject({ rows_inserted: 0, rows_duplicate: rows });
  expect(JSON.parse((await runCli(['summary', '--json'], env)).stdout).totals.requests).toBe(rows);
}

describe('SIGKILL during ingest', () => {
  test.runIf(pg)(
    'Postgres server, 1,000,000 rows: nothing half-written, run marked failed, re-run loads once',
    async () => {
      const rows = 1_000_000;
      const file = path.join(work, 'pg.jsonl');
      await generateLines(rows, file);
      const watch = await pg!.open();
      // Midway: the run exists and has been loading for a while (its transaction is open).
      let seenAt = 0;
      await killMidway(file, { DATABASE_URL: pg!.url }, async () => {
        const r = await watch.query<{ n: string }>("SELECT count(*)::text AS n FROM ingest_runs WHERE status = 'running'");
        if (Number(r[0].n) > 0 && !seenAt) seenAt = Date.now();
        return seenAt > 0 && Date.now() - seenAt > 3000;
      });
      await watch.close();
      const state = await afterRestart(() => openConnection({ databaseUrl: pg!.url }));
      expect(state.events).toBe(0);
      expect(state.rollupRows).toBe(0);
      expect(state.runs).toHaveLength(1);
      expect(state.runs[0].status).toBe('failed');
      expect(state.runs[0].errors[0].message).toMatch(/interrupted/);
      await reloadTwice(file, { DATABASE_URL: pg!.url }, rows);
    },
    300_000,
  );

  test('embedded PGlite, 300,000 rows: the lock and the data survive the kill', async () => {
    const rows = 300_000;
    const file = path.join(work, 'lite.jsonl');
    await generateLines(rows, file);
    const dataDir = path.join(work, 'lite-data');
    // The folder is locked by the child, so the database cannot be watched: wait until the child has read a
    // third of the file (it opens it after recording the run, and reads as it loads), however loaded the machine.
    await killMidway(file, { ITEMIZED_DATA_DIR: dataDir }, async (pid) => {
      if (process.platform !== 'linux') return existsSync(path.join(dataDir, 'owner.json'));
      return readFraction(pid, file) >= 0.3;
    });
    const state = await afterRestart(() => openConnection({ dataDir }));
    expect(state.events).toBe(0);
    expect(state.runs.map((r) => r.status)).toEqual(['failed']);
    expect(state.runs[0].errors[0].message).toMatch(/interrupted/);
    await reloadTwice(file, { ITEMIZED_DATA_DIR: dataDir }, rows);
  }, 300_000);
});
