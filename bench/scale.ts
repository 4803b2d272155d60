/**
 * npm run bench:scale [-- --rows 1000000 --days 180 --users 400 --repeats 15 --pglite]
 * Issue 8's scale run on real Postgres (TEST_DATABASE_URL or the local server):
 *  - N generated per-request log lines (bench/gen-lines.ts; six months, 400 users in 5 teams, each with one or
 *    two (project, workflow, API key) contexts over 7 projects and 6 workflows, 4 models, traces of 16 calls);
 *  - rows per day of each rollup;
 *  - `psql \copy` of the same rows (the reference) and `itemized ingest` (bench/ingest.ts), rows/s,
 *    ratio, ingest peak RSS;
 *  - each page's server data time: all its catalogue queries (db/scale/page-queries.ts) in parallel, as
 *    the page issues them, p50/p95 over repeats after warm-up; the slowest query of each page beside it;
 *  - each page's largest-contentful-paint in Chromium on the production build (bench/lcp.ts; `--no-lcp` skips it,
 *    `--no-build` reuses an existing .next build);
 *  - with --pglite, the same ingest and pages on the embedded database.
 * The load average is recorded with every phase. Results merge into bench/results/scale.json by row count.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Connection, openConnection } from '../db/client';
import { EVENT_COLUMNS } from '../db/queries/ingest';
import { getDataExtent } from '../db/queries/overview';
import { ensurePartitionsFor, listPartitions } from '../db/queries/partitions';
import { EVENT_ROLLUPS } from '../db/queries/rollups';
import { generatedDataContext, type PageContext, pagesOf } from '../db/scale/page-queries';
import { generateLines } from './gen-lines';
import { foldAll, freshDb, ingestInto } from './ingest';
import { buildApp, measureLcp } from './lcp';
import { loadAverage, timeRuns } from './timing';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('rows', 1_000_000);
const DAYS = arg('days', 180);
const USERS = arg('users', 400);
const REPEATS = arg('repeats', 15);
const PGLITE = process.argv.includes('--pglite');
const LCP = !process.argv.includes('--no-lcp');
/** Pages for the LCP phase: every catalogued page at its default view, and the explorer's event-dimension view. */
const lcpPages = () =>
  [...pagesOf().keys()].filter((p) => p !== '/explorer/requests' && (!p.includes('?') || p === '/explorer?group=user'));
const ROOT = path.resolve(import.meta.dirname, '..');
const work = path.join(os.tmpdir(), 'itemized-bench-scale');
const TARGET_MS = 300;

async function pageTimes(label: string, conn: Connection, ctx: PageContext) {
  console.log(`page data on ${label}, ${ctx.from}..${ctx.to}:`);
  const out: Record<string, unknown> = {};
  for (const [page, queries] of pagesOf()) {
    const load = loadAverage();
    const whole = await timeRuns(() => Promise.all(queries.map((q) => q.run(conn, ctx))), REPEATS);
    // The slowest query alone (fewer repeats): says where a page's time goes.
    let slowest = { name: '', p50_ms: 0 };
    for (const q of queries) {
      const t = await timeRuns(() => q.run(conn, ctx), 3, 1);
      if (t.p50_ms > slowest.p50_ms) slowest = { name: `${q.name} (${q.reads})`, p50_ms: t.p50_ms };
    }
    out[page] = { ...whole, meets_300ms: whole.p95_ms < TARGET_MS, slowest_query: slowest, load_average: load };
    console.log(
      `${page.padEnd(20)} p50 ${whole.p50_ms} ms  p95 ${whole.p95_ms} ms  slowest: ${slowest.name} ${slowest.p50_ms} ms  [load ${load}]`,
    );
  }
  return out;
}

/** Rows per day of usage_daily and every further rollup (it stops growing with events once every combination occurs daily). */
async function rollupSizes(conn: Connection) {
  const out: Record<string, { rows: number; days: number; rows_per_day: number; max_rows_per_day: number }> = {};
  for (const table of ['usage_daily', ...EVENT_ROLLUPS.map((r) => r.table)]) {
    const [r] = await conn.query<{ rows: string; days: string; max: string | null }>(
      `SELECT sum(n)::text AS rows, count(*)::text AS days, max(n)::text AS max FROM (SELECT count(*) AS n FROM ${table} GROUP BY day) d`,
    );
    const rows = Number(r.rows ?? 0);
    const days = Number(r.days);
    out[table] = { rows, days, rows_per_day: days ? Math.round(rows / days) : 0, max_rows_per_day: Number(r.max ?? 0) };
  }
  console.log(`rollups: ${JSON.stringify(out)}`);
  return out;
}

async function contextOf(conn: Connection) {
  await conn.query('ANALYZE');
  const extent = await getDataExtent(conn.db);
  return generatedDataContext(extent.lastDay!);
}

async function main() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  console.log(`df: ${execFileSync('df', ['-h', os.tmpdir()], { encoding: 'utf8' }).split('\n')[1]}`);
  const jsonl = path.join(work, `lines-${N}.jsonl`);
  const csv = path.join(work, `rows-${N}.csv`);
  console.log(`generating ${N.toLocaleString()} lines over ${DAYS} days ...`);
  await generateLines(N, jsonl, csv, { days: DAYS, users: USERS });
  const result: Record<string, unknown> = {
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}, ${execFileSync(
      'psql',
      [process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', '-tAc', 'SHOW server_version'],
      { encoding: 'utf8' },
    ).trim()}`,
    rows: N,
    days: DAYS,
    users: USERS,
    file_mb: Math.round(statSync(jsonl).size / 1e6),
    repeats: REPEATS,
    started: new Date().toISOString(),
  };

  // Both loads go into partitions created beforehand (untimed): a backfill into months with no partition
  // would first land in the default partition and be moved after commit (db/queries/partitions.ts).
  const lastDay = new Date(Date.UTC(2026, 0, 1) + DAYS * 86_400_000).toISOString();
  const prepare = async (url: string) => {
    const c = await openConnection({ databaseUrl: url });
    await ensurePartitionsFor(c, '2026-01-01T00:00:00Z', lastDay);
    await c.close();
  };
  const refDb = await freshDb();
  await prepare(refDb.url!);
  const copyLoad = loadAverage();
  const t0 = process.hrtime.bigint();
  execFileSync('psql', [refDb.url!, '-q', '-c', `\\copy usage_events (${EVENT_COLUMNS.join(', ')}) FROM '${csv}' WITH (FORMAT csv)`]);
  const copySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // The floor of this design (bench/ingest.ts): the copied rows folded into the rollups by the loader's own SQL.
  const foldSeconds = await foldAll(refDb.url!, N);
  await refDb.dispose();
  rmSync(csv);

  const db = await freshDb();
  await prepare(db.url!);
  const ingestLoad = loadAverage();
  const ours = await ingestInto(jsonl, { DATABASE_URL: db.url });
  const copyRate = N / copySeconds;
  result.psql_copy = { seconds: +copySeconds.toFixed(2), rows_per_s: Math.round(copyRate), load_average: copyLoad };
  result.psql_copy_then_fold = {
    seconds: +(copySeconds + foldSeconds).toFixed(2),
    fold_seconds: +foldSeconds.toFixed(2),
    ratio_to_copy: +(copySeconds / (copySeconds + foldSeconds)).toFixed(3),
  };
  result.itemized_postgres = {
    seconds: +ours.seconds.toFixed(2),
    rows_per_s: Math.round(ours.inserted / ours.seconds),
    ratio_to_copy: +(ours.inserted / ours.seconds / copyRate).toFixed(3),
    ratio_to_copy_then_fold: +((copySeconds + foldSeconds) / ours.seconds).toFixed(3),
    peak_rss_mb: Math.round(ours.peakRssMb),
    load_average: ingestLoad,
  };
  console.log(
    JSON.stringify({ psql_copy: result.psql_copy, floor: result.psql_copy_then_fold, itemized_postgres: result.itemized_postgres }),
  );
  const conn = await openConnection({ databaseUrl: db.url });
  try {
    const [{ size }] = await conn.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
    const parts = await listPartitions(conn);
    result.database = { size, partitions: parts.filter((p) => p.rows > 0).map((p) => `${p.name}: ${p.rows}`) };
    result.rollups = await rollupSizes(conn);
    const ctx = await contextOf(conn);
    result.period = { from: ctx.from, to: ctx.to, month: ctx.month };
    result.postgres_pages = await pageTimes('Postgres', conn, ctx);
    if (LCP) {
      if (!process.argv.includes('--no-build')) buildApp();
      console.log('largest-contentful-paint in Chromium (Postgres):');
      const load = loadAverage();
      result.postgres_lcp = { pages: await measureLcp({ DATABASE_URL: db.url! }, lcpPages(), Math.min(REPEATS, 10)), load_average: load };
    }
  } finally {
    await conn.close();
    await db.dispose();
  }

  if (PGLITE) {
    const dir = path.join(work, 'pglite');
    const pre = await openConnection({ dataDir: dir });
    await ensurePartitionsFor(pre, '2026-01-01T00:00:00Z', lastDay);
    await pre.close();
    const lite = await ingestInto(jsonl, { ITEMIZED_DATA_DIR: dir });
    result.itemized_pglite = {
      seconds: +lite.seconds.toFixed(2),
      rows_per_s: Math.round(lite.inserted / lite.seconds),
      peak_rss_mb: Math.round(lite.peakRssMb),
    };
    const c = await openConnection({ dataDir: dir });
    try {
      result.pglite_pages = await pageTimes('PGlite', c, await contextOf(c));
    } finally {
      await c.close();
    }
    if (LCP) {
      // The server opens the folder itself (the embedded database allows one process), so after c is closed.
      console.log('largest-contentful-paint in Chromium (PGlite):');
      result.pglite_lcp = {
        pages: await measureLcp({ ITEMIZED_DATA_DIR: dir }, lcpPages(), Math.min(REPEATS, 5)),
        load_average: loadAverage(),
      };
    }
  }
  result.finished = new Date().toISOString();
  const file = path.join(ROOT, 'bench/results/scale.json');
  const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  all[String(N)] = result;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
