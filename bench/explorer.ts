/**
 * npm run bench:explorer — the spend explorer's server time on the demo (scale 1, target < 1 s warm):
 * representative views (rollup dimensions, non-rollup dimensions such as user and API key, filters
 * and search, a month grain over the whole demo), the drill-down to a cell's requests, and the
 * monthly statement; each p50/p95 over repeats after warm-up. On PGlite (the embedded default), and on
 * Postgres when TEST_DATABASE_URL is set. Results: printed and written to bench/results/explorer.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Connection, openConnection } from '../db/client';
import { type ExplorerQuery, queryExplorer } from '../db/queries/explorer';
import { listExplorerRequests } from '../db/queries/explorer-requests';
import { getDataExtent } from '../db/queries/overview';
import { getMonthlyStatement } from '../db/queries/statement';
import { postgresTestDatabase } from '../db/testing';
import { addDays } from '../lib/analysis/timeseries';
import { drilldownScope } from '../lib/explorer-view';
import { measure } from './proc';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/itemized.mjs');
const REPEATS = 30;
const work = path.join(os.tmpdir(), 'itemized-bench-explorer');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run(); // warm
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95) };
}

async function views(conn: Connection) {
  const extent = await getDataExtent(conn.db);
  const to = extent.lastDay!;
  const last30 = { from: addDays(to, -29), to };
  const all = { from: extent.firstDay!, to };
  const [{ n }] = await conn.query<{ n: number }>('SELECT count(*)::int AS n FROM usage_events');
  const cases: Record<string, ExplorerQuery> = {
    'vendor x model, 30 days (rollup)': {
      ...last30,
      groupBy: ['vendor', 'model'],
      grain: null,
      sort: { column: 'listCostUsd', dir: 'desc' },
    },
    'team x workflow by week, 30 days (rollup)': { ...last30, groupBy: ['team', 'workflow'], grain: 'week' },
    'month grain x vendor, all data (rollup)': { ...all, groupBy: ['vendor'], grain: 'month', sort: { column: 'period', dir: 'asc' } },
    'user, 30 days (events)': { ...last30, groupBy: ['user'], grain: null, sort: { column: 'listCostUsd', dir: 'desc' } },
    'user x model by day, all data (events)': { ...all, groupBy: ['user', 'model'], grain: 'day', pageSize: 100 },
    'api key x team, filtered + search, 30 days (events)': {
      ...last30,
      groupBy: ['api_key', 'team'],
      grain: null,
      filters: { vendor: ['openai', 'anthropic'] },
      search: 'a',
    },
  };
  const out: Record<string, unknown> = { usage_events: n, period_30d: last30, period_all: all };
  for (const [name, q] of Object.entries(cases)) {
    const r = await queryExplorer(conn, q);
    out[name] = { source: r.source, groups: r.totalRows, ...(await time(() => queryExplorer(conn, q))) };
  }
  const top = await queryExplorer(conn, cases['user, 30 days (events)']);
  const scope = drilldownScope(last30, { filters: {}, grain: null }, top.rows[0]);
  const first = await listExplorerRequests(conn, { ...scope, limit: 100 });
  out['drill-down: first 100 requests of the top user'] = {
    cell_events: top.rows[0].events,
    ...(await time(() => listExplorerRequests(conn, { ...scope, limit: 100 }))),
  };
  out['drill-down: second page (keyset)'] = await time(() =>
    listExplorerRequests(conn, { ...scope, limit: 100, cursor: first.nextCursor }),
  );
  const month = to.slice(0, 7);
  out[`monthly statement ${month}`] = await time(() => getMonthlyStatement(conn, month));
  return out;
}

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const results: Record<string, unknown> = {
    machine: `${os.cpus().length} cores, node ${process.version}`,
    repeats: REPEATS,
    target: 'explorer server time p95 < 1000 ms warm (demo, scale 1)',
  };
  const liteDir = path.join(work, 'pglite');
  const demo = await measure(process.execPath, [CLI, 'demo', '--end', '2026-11-01'], {
    ITEMIZED_DATA_DIR: liteDir,
    DATABASE_URL: undefined,
  });
  if (demo.code !== 0) throw new Error(demo.stderr);
  const lite = await openConnection({ dataDir: liteDir });
  results.pglite = await views(lite);
  await lite.close();

  if (process.env.TEST_DATABASE_URL) {
    const pg = postgresTestDatabase(process.env.TEST_DATABASE_URL);
    await (await pg.open()).close();
    const d = await measure(process.execPath, [CLI, 'demo', '--end', '2026-11-01'], {
      ITEMIZED_DATA_DIR: path.join(work, 'pgdemo'),
      DATABASE_URL: pg.url,
    });
    if (d.code !== 0) throw new Error(d.stderr);
    const conn = await openConnection({ databaseUrl: pg.url });
    results.postgres = await views(conn);
    await conn.close();
    await pg.dispose();
  }
  console.log(JSON.stringify(results, null, 2));
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/results/explorer.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
