/**
 * npm run bench:ingest — N generated per-request log lines (default 1,000,000):
 *  - reference: `psql \copy` of the same rows (as CSV) into a freshly migrated database;
 *  - ours: `itemized ingest` of the JSONL into another fresh database (parse, validate, price,
 *    COPY, rollups) — rows/s and the ratio to the reference; both loads --repeats times (default 5),
 *    alternated, and the ratio taken of the medians (each pair's own ratio printed and recorded too);
 *  - peak memory of the ingest process at N/4 and N lines (flat = streaming works);
 *  - the same ingest into the embedded PGlite database;
 *  - CPU seconds of each side (Node, Postgres backends): unlike wall time, they do not depend on the load
 *    average, which is recorded beside the figures;
 *  - the floor of this design: after each \copy, the same rollups folded from the copied rows, a week per statement
 *    (rebuildRollupDays, the loader's own SQL), timed. \copy + that fold is the database work any loader keeping the
 *    rollups current must do, so ratio_to_copy cannot exceed copy / (copy + fold) whatever the parser costs.
 * Results: printed, and written to bench/results/ingest.json.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openConnection } from '../db/client';
import { EVENT_COLUMNS } from '../db/queries/ingest';
import { ensurePartitionsFor } from '../db/queries/partitions';
import { rebuildRollupDays, withHashAggregation } from '../db/queries/rollup';
import { postgresTestDatabase } from '../db/testing';
import { buildCli } from '../scripts/build-cli.mjs';
import { generateLines } from './gen-lines';
import { measure } from './proc';
import { writeResults } from './timing';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('rows', 1_000_000);
const PGLITE_N = arg('pglite-rows', N);
/**
 * Full-size loads per side (psql \copy and ours), alternated; the ratio is of the medians. One \copy of 1M rows took
 * 8.0 to 12.5 s on the same machine minutes apart and one pair's ratio ranged 0.43 to 0.63 in one sitting, so a single
 * pair can move the ratio by a quarter either way: five pairs by default (about 3.5 minutes at 1M).
 */
const REPEATS = Math.max(1, arg('repeats', 5));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const work = path.join(os.tmpdir(), 'itemized-bench');
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/itemized.mjs');

export async function freshDb() {
  const db = postgresTestDatabase(admin);
  await (await db.open()).close(); // create + migrate
  return db;
}

/**
 * The generated lines' months (2026-01-01 + 60 days) get their partitions before a timed load, as a live
 * deployment has them (created ahead at start): without them every row would land in the default partition
 * and our loader would move them after commit — a one-off backfill cost, not the steady-state ingest rate.
 * Untimed, and done for the psql reference too, so both write into the same partitions.
 */
async function withPartitions(db: Awaited<ReturnType<typeof freshDb>>) {
  const c = await db.open();
  await ensurePartitionsFor(c, '2026-01-01T00:00:00Z', '2026-03-31T00:00:00Z');
  await c.close();
  return db;
}

const dbOf = (url: string | undefined) => (url ? { adminUrl: admin, name: new URL(url).pathname.slice(1) } : undefined);
const load = () => os.loadavg().map((l) => +l.toFixed(2));

export async function ingestInto(file: string, env: Record<string, string | undefined>) {
  const r = await measure(process.execPath, [CLI, 'ingest', '--json', file], { DATABASE_URL: undefined, ...env }, dbOf(env.DATABASE_URL));
  if (r.code !== 0) throw new Error(`ingest failed: ${r.stderr.slice(0, 2000)}`);
  const inserted = JSON.parse(r.stdout).totals.rows_inserted as number;
  return { ...r, inserted };
}

async function main() {
  // The CLI as installed runs precompiled (npm ci's prepare); build it from the current sources so that is measured.
  const cli = await buildCli();
  console.log(`CLI precompiled from ${cli.inputs} source files (scripts/build-cli.mjs)`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const quarter = Math.floor(N / 4);
  const files = {
    full: path.join(work, `lines-${N}.jsonl`),
    fullCsv: path.join(work, `rows-${N}.csv`),
    quarter: path.join(work, `lines-${quarter}.jsonl`),
    pglite: path.join(work, `lines-${PGLITE_N}.jsonl`),
  };
  console.log(`generating ${N.toLocaleString()} log lines in ${work} ...`);
  await generateLines(N, files.full, files.fullCsv);
  await generateLines(quarter, files.quarter);
  if (PGLITE_N !== N && PGLITE_N > 0) await generateLines(PGLITE_N, files.pglite);
  else files.pglite = files.full;
  const mb = statSync(files.full).size / 1e6;

  const loadBefore = load();
  const copies: Awaited<ReturnType<typeof measure>>[] = [];
  const folds: number[] = [];
  const ourRuns: Awaited<ReturnType<typeof ingestInto>>[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const refDb = await withPartitions(await freshDb());
    const copy = await measure(
      'psql',
      [refDb.url!, '-q', '-c', `\\copy usage_events (${EVENT_COLUMNS.join(', ')}) FROM '${files.fullCsv}' WITH (FORMAT csv)`],
      {},
      dbOf(refDb.url),
    );
    if (copy.code !== 0) throw new Error(`psql failed: ${copy.stderr.slice(0, 2000)}`);
    copies.push(copy);
    folds.push(await foldAll(refDb.url!, N));
    await refDb.dispose();
    const ourDb = await withPartitions(await freshDb());
    ourRuns.push(await ingestInto(files.full, { DATABASE_URL: ourDb.url }));
    await ourDb.dispose();
    console.log(
      `run ${i + 1}/${REPEATS}: psql \\copy ${copy.seconds.toFixed(2)} s (+ rollup fold ${folds[i].toFixed(2)} s), itemized ${ourRuns[i].seconds.toFixed(2)} s (ratio ${(copy.seconds / ourRuns[i].seconds).toFixed(3)})`,
    );
  }
  const copySeconds = median(copies.map((c) => c.seconds));
  const copy = { seconds: copySeconds, dbCpuSeconds: median(copies.map((c) => c.dbCpuSeconds)) };
  const floorSeconds = median(copies.map((c, i) => c.seconds + folds[i]));
  const ourSeconds = median(ourRuns.map((r) => r.seconds));
  const ours = {
    seconds: ourSeconds,
    inserted: ourRuns[0].inserted,
    peakRssMb: Math.max(...ourRuns.map((r) => r.peakRssMb)),
    cpuSeconds: median(ourRuns.map((r) => r.cpuSeconds)),
    dbCpuSeconds: median(ourRuns.map((r) => r.dbCpuSeconds)),
  };
  const qDb = await withPartitions(await freshDb());
  const small = await ingestInto(files.quarter, { DATABASE_URL: qDb.url });
  await qDb.dispose();

  // --pglite-rows 0 skips PGlite (an empty file is a failed ingest: "no readable records").
  const pgliteDir = path.join(work, 'pglite');
  const lite =
    PGLITE_N > 0 ? await ingestInto(files.pglite, { ITEMIZED_DATA_DIR: pgliteDir }) : { inserted: 0, seconds: Number.NaN, peakRssMb: 0 };
  rmSync(pgliteDir, { recursive: true, force: true });

  const copyRate = N / copySeconds;
  const ourRate = ours.inserted / ours.seconds;
  const results = {
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`,
    rows: N,
    file_mb: Math.round(mb),
    load_average_1_5_15: { before: loadBefore, after: load() },
    repeats: REPEATS,
    psql_copy: {
      seconds: +copySeconds.toFixed(2),
      seconds_each: copies.map((c) => +c.seconds.toFixed(2)),
      rows_per_s: Math.round(copyRate),
      postgres_cpu_s: +copy.dbCpuSeconds.toFixed(1),
    },
    psql_copy_then_fold: {
      seconds: +floorSeconds.toFixed(2),
      fold_seconds_each: folds.map((f) => +f.toFixed(2)),
      ratio_to_copy: +(copySeconds / floorSeconds).toFixed(3),
    },
    itemized_postgres: {
      seconds: +ours.seconds.toFixed(2),
      seconds_each: ourRuns.map((r) => +r.seconds.toFixed(2)),
      rows_per_s: Math.round(ourRate),
      ratio_to_copy: +(ourRate / copyRate).toFixed(3),
      ratio_to_copy_then_fold: +(floorSeconds / ours.seconds).toFixed(3),
      /** Each alternated pair's \copy / ours: the spread shows how much one pair alone can be trusted. */
      ratio_each_pair: ourRuns.map((r, i) => +(copies[i].seconds / r.seconds).toFixed(3)),
      peak_rss_mb: Math.round(ours.peakRssMb),
      node_cpu_s: +ours.cpuSeconds.toFixed(1),
      postgres_cpu_s: +ours.dbCpuSeconds.toFixed(1),
    },
    memory_flatness: {
      rows_quarter: quarter,
      peak_rss_mb_quarter: Math.round(small.peakRssMb),
      peak_rss_mb_full: Math.round(ours.peakRssMb),
    },
    itemized_pglite: {
      rows: lite.inserted,
      seconds: +lite.seconds.toFixed(2),
      rows_per_s: Math.round(lite.inserted / lite.seconds),
      peak_rss_mb: Math.round(lite.peakRssMb),
    },
    targets: { ratio_to_copy: '>= 0.5', peak_rss_mb: '< 400, flat as the file grows' },
  };
  console.table({
    'psql \\copy (reference)': {
      rows: N,
      seconds: results.psql_copy.seconds,
      'rows/s': results.psql_copy.rows_per_s,
      ratio: 1,
      'peak MB': '',
      'node cpu s': '',
      'pg cpu s': results.psql_copy.postgres_cpu_s,
    },
    '\\copy, then the rollup fold (floor)': {
      rows: N,
      seconds: results.psql_copy_then_fold.seconds,
      'rows/s': Math.round(N / floorSeconds),
      ratio: results.psql_copy_then_fold.ratio_to_copy,
      'peak MB': '',
      'node cpu s': '',
      'pg cpu s': '',
    },
    'itemized → Postgres': {
      rows: ours.inserted,
      seconds: results.itemized_postgres.seconds,
      'rows/s': results.itemized_postgres.rows_per_s,
      ratio: results.itemized_postgres.ratio_to_copy,
      'peak MB': results.itemized_postgres.peak_rss_mb,
      'node cpu s': results.itemized_postgres.node_cpu_s,
      'pg cpu s': results.itemized_postgres.postgres_cpu_s,
    },
    [`itemized → Postgres (${quarter})`]: {
      rows: small.inserted,
      seconds: +small.seconds.toFixed(2),
      'rows/s': Math.round(small.inserted / small.seconds),
      ratio: '',
      'peak MB': Math.round(small.peakRssMb),
    },
    'itemized → PGlite': {
      rows: lite.inserted,
      seconds: results.itemized_pglite.seconds,
      'rows/s': results.itemized_pglite.rows_per_s,
      ratio: +(results.itemized_pglite.rows_per_s / copyRate).toFixed(3),
      'peak MB': results.itemized_pglite.peak_rss_mb,
    },
  });
  console.log(`load average (1, 5, 15 min): ${loadBefore.join(', ')} before, ${load().join(', ')} after`);
  writeResults('ingest.json', results);
  rmSync(work, { recursive: true, force: true });
}

// Run only as a script: bench/scale.ts imports freshDb and ingestInto.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

const WEEK_MS = 7 * 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Folds every copied row (`rows` of them, from 2026-01-01 on) into the rollups in one transaction, a week of days per
 * statement (rebuildRollupDays, the loader's SQL, with its settings: 64 MB work_mem, hash grouping; a week of the 10M
 * data still hashes in memory); seconds. Checks that usage_daily then counts every row.
 */
export async function foldAll(url: string, rows: number): Promise<number> {
  const conn = await openConnection({ databaseUrl: url });
  try {
    const started = performance.now();
    await conn.transaction(async (tx) => {
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      const [{ first, last }] = await tx.query<{ first: string; last: string }>(
        `SELECT ((min(occurred_at) AT TIME ZONE 'UTC')::date)::text AS first, ((max(occurred_at) AT TIME ZONE 'UTC')::date)::text AS last
           FROM usage_events`,
      );
      for (let d = Date.parse(`${first}T00:00:00Z`); d <= Date.parse(`${last}T00:00:00Z`); d += WEEK_MS) {
        await withHashAggregation(tx, () => rebuildRollupDays(tx, isoDay(d), isoDay(d + WEEK_MS - 86_400_000)));
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const [row] = await conn.query<{ n: string }>('SELECT sum(events)::text AS n FROM usage_daily');
    if (Number(row.n) !== rows) throw new Error(`fold check: usage_daily counts ${row.n} events, expected ${rows}`);
    return seconds;
  } finally {
    await conn.close();
  }
}
