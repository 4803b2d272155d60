#!/usr/bin/env bash
# Runs issue 2's benchmarks (ingest against psql \copy, the overview's page time) at toy sizes and checks that each
# produced its figures, so a change that breaks a benchmark fails the test run: bench:overview once stopped working
# unnoticed for a day (sign-in became the default). The figures go to a scratch folder, not bench/results.
# Needs the Postgres server (TEST_DATABASE_URL) and a production build (next build) for the page timings.
set -eu
cd "$(dirname "$0")/.."
BENCH_RESULTS_DIR=$(mktemp -d)
export BENCH_RESULTS_DIR
trap 'rm -rf "$BENCH_RESULTS_DIR"' EXIT
npx tsx bench/ingest.ts --rows 2000 --pglite-rows 400 --repeats 1
npx tsx bench/overview.ts --repeats 3
node - "$BENCH_RESULTS_DIR" <<'JS'
const { readFileSync } = require('node:fs');
const dir = process.argv[2];
const read = (f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const ingest = read('ingest.json');
const overview = read('overview.json');
const problems = [];
const positive = (what, v) => { if (!(typeof v === 'number' && v > 0)) problems.push(`${what}: ${JSON.stringify(v)}`); };
positive('ingest: psql \\copy rows/s', ingest.psql_copy?.rows_per_s);
positive('ingest: floor ratio', ingest.psql_copy_then_fold?.ratio_to_copy);
positive('ingest: ratio to \\copy', ingest.itemized_postgres?.ratio_to_copy);
positive('ingest: peak RSS', ingest.itemized_postgres?.peak_rss_mb);
if (ingest.itemized_pglite?.rows !== 400) problems.push(`ingest: PGlite rows ${ingest.itemized_pglite?.rows}, expected 400`);
for (const db of ['pglite', 'postgres']) {
  positive(`overview ${db}: data p95`, overview[db]?.data?.p95_ms);
  positive(`overview ${db}: page p95`, overview[db]?.page?.p95_ms);
}
if (problems.length) {
  console.error(`bench smoke: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('bench smoke: ingest and overview benchmarks produced their figures');
JS
