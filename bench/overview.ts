/**
 * npm run bench:overview — the overview's server time on the demo data (target < 1 s warm):
 *  - data time: every query the overview page runs, in parallel as the page does, p50/p95 over repeats;
 *  - page time: GET / on the built production server (`next start`), full HTML, p50/p95 (warm).
 * On PGlite (the embedded default), and on Postgres when TEST_DATABASE_URL is set.
 * Results: printed and written to bench/results/overview.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Connection, openConnection } from '../db/client';
import * as q from '../db/queries/overview';
import { postgresTestDatabase } from '../db/testing';
import { previousPeriod } from '../lib/analysis/compare';
import { measure } from './proc';
import { pct, writeResults } from './timing';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/itemized.mjs');
/** Timed requests per measurement (--repeats n; the test run's smoke step uses a few). */
const REPEATS = Math.max(1, Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 30);
const work = path.join(os.tmpdir(), 'itemized-bench-overview');

async function dataTimes(conn: Connection) {
  const db = conn.db;
  const extent = await q.getDataExtent(db);
  const to = extent.lastDay!;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const prev = previousPeriod({ from, to });
  const run = () =>
    Promise.all([
      q.getDataExtent(db),
      q.getUsageTotals(db, { from, to }),
      q.getUsageTotals(db, prev),
      q.getBilledTotals(db, { from, to }),
      q.getBilledTotals(db, prev),
      q.getDailyListSpendByVendor(db, { from, to }),
      q.getReasoningByModel(db, { from, to }),
      q.getUnpricedUsage(db, { from, to }),
      q.getTopModels(db, { from, to }),
      q.getTopWorkflows(db, { from, to }),
      q.getFilterOptions(db),
    ]);
  for (let i = 0; i < 3; i++) await run(); // warm
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95) };
}

async function pageTimes(env: Record<string, string | undefined>, port: number) {
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) return null;
  const server = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    // Auth off, as in bench/lcp.ts: with it on, / answers the sign-in page and the timing would be of that.
    env: { ...process.env, ...env, ITEMIZED_AUTH: 'off' },
    stdio: 'ignore',
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${url}api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (let i = 0; i < 3; i++) await (await fetch(url)).text();
    const ms: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t = performance.now();
      const res = await fetch(url);
      const html = await res.text();
      ms.push(performance.now() - t);
      if (!res.ok || !html.includes('Spend')) throw new Error(`GET / answered ${res.status} without the overview: ${html.slice(0, 200)}`);
    }
    return { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95) };
  } finally {
    server.kill('SIGTERM');
  }
}

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const results: Record<string, unknown> = {
    machine: `${os.cpus().length} cores, node ${process.version}`,
    repeats: REPEATS,
    target: 'page p95 < 1000 ms warm',
  };

  const liteDir = path.join(work, 'pglite');
  const demo = await measure(process.execPath, [CLI, 'demo', '--end', '2026-11-01'], {
    ITEMIZED_DATA_DIR: liteDir,
    DATABASE_URL: undefined,
  });
  if (demo.code !== 0) throw new Error(demo.stderr);
  const lite = await openConnection({ dataDir: liteDir });
  const liteData = await dataTimes(lite);
  await lite.close();
  results.pglite = {
    demo_load_seconds: +demo.seconds.toFixed(1),
    data: liteData,
    page: await pageTimes({ ITEMIZED_DATA_DIR: liteDir, DATABASE_URL: undefined }, 3311),
  };

  if (process.env.TEST_DATABASE_URL) {
    const pg = postgresTestDatabase(process.env.TEST_DATABASE_URL);
    await (await pg.open()).close();
    const d = await measure(process.execPath, [CLI, 'demo', '--end', '2026-11-01'], {
      ITEMIZED_DATA_DIR: path.join(work, 'pgdemo'),
      DATABASE_URL: pg.url,
    });
    if (d.code !== 0) throw new Error(d.stderr);
    const conn = await openConnection({ databaseUrl: pg.url });
    const data = await dataTimes(conn);
    await conn.close();
    results.postgres = { demo_load_seconds: +d.seconds.toFixed(1), data, page: await pageTimes({ DATABASE_URL: pg.url }, 3312) };
    await pg.dispose();
  }
  console.log(JSON.stringify(results, null, 2));
  writeResults('overview.json', results);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
