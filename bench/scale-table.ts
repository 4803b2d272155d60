/**
 * npm run bench:scale-table — prints docs/scale.md's benchmark tables (ingest, page data time, LCP) as Markdown from
 * bench/results/scale.json (the 1M and 10M runs of bench:scale), so the docs carry the figures of the last runs
 * rather than copies typed by hand. Paste the output under "Benchmarks" in docs/scale.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface PageFigure {
  p50_ms: number;
  p95_ms: number;
  meets_300ms: boolean;
  slowest_query: { name: string; p50_ms: number };
}
interface LcpFigure {
  lcp_p50_ms: number;
  lcp_p95_ms: number;
  ttfb_p50_ms: number;
}
interface Run {
  machine: string;
  started: string;
  finished: string;
  psql_copy: { seconds: number; rows_per_s: number; load_average: string };
  /** \copy, then the loader's rollup SQL over the copied rows (absent from runs before it was measured). */
  psql_copy_then_fold?: { seconds: number; fold_seconds: number; ratio_to_copy: number };
  itemized_postgres: { seconds: number; rows_per_s: number; ratio_to_copy: number; peak_rss_mb: number; load_average: string };
  itemized_pglite?: { seconds: number; rows_per_s: number; peak_rss_mb: number };
  database: { size: string };
  postgres_pages: Record<string, PageFigure>;
  pglite_pages?: Record<string, PageFigure>;
  postgres_lcp?: { pages: Record<string, LcpFigure> };
  pglite_lcp?: { pages: Record<string, LcpFigure> };
}

const file = path.resolve(import.meta.dirname, 'results/scale.json');
const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Run>;
const m1 = all['1000000'];
const m10 = all['10000000'];
if (!m1 || !m10) throw new Error(`${file} needs the 1000000 and 10000000 runs (npm run bench:scale -- --pglite; npm run bench:scale:10m)`);

const n = (x: number) => x.toLocaleString('en-US');
const pair = (f?: { p50: number; p95: number }) => (f ? `${f.p50} / ${f.p95}` : '—');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

const runs = [
  ['1M', m1],
  ['10M', m10],
] as const;
console.log(`Runs: 1M ${m1.started}–${m1.finished} (${m1.machine}); 10M ${m10.started}–${m10.finished} (${m10.machine}).\n`);

console.log(
  table(
    [
      'rows',
      '`psql \\copy`',
      'floor: `\\copy` + rollup fold (its ratio)',
      '`itemized ingest` → Postgres',
      'ratio',
      'peak RSS',
      'database size',
      'load average (copy; ingest)',
    ],
    runs.map(([label, r]) => [
      label,
      `${r.psql_copy.seconds} s (${n(r.psql_copy.rows_per_s)} /s)`,
      r.psql_copy_then_fold ? `${r.psql_copy_then_fold.seconds} s (${r.psql_copy_then_fold.ratio_to_copy})` : '— (not measured)',
      `${r.itemized_postgres.seconds} s (${n(r.itemized_postgres.rows_per_s)} /s)`,
      `**${r.itemized_postgres.ratio_to_copy}**`,
      `${r.itemized_postgres.peak_rss_mb} MB`,
      r.database.size,
      `${r.psql_copy.load_average}; ${r.itemized_postgres.load_average}`,
    ]),
  ),
);
if (m1.itemized_pglite)
  console.log(
    `\nPGlite, 1M: ${m1.itemized_pglite.seconds} s (${n(m1.itemized_pglite.rows_per_s)} rows/s), peak RSS ${m1.itemized_pglite.peak_rss_mb} MB.\n`,
  );

const pages = [...new Set([...Object.keys(m1.postgres_pages), ...Object.keys(m10.postgres_pages)])];
const fig = (f?: PageFigure) => (f ? { p50: f.p50_ms, p95: f.p95_ms } : undefined);
console.log(
  table(
    ['page', 'PGlite 1M', 'Postgres 1M', 'Postgres 10M', '10M p95 < 300 ms', 'slowest query at 10M (p50 ms)'],
    pages.map((p) => {
      const f10 = m10.postgres_pages[p];
      return [
        `\`${p}\``,
        pair(fig(m1.pglite_pages?.[p])),
        pair(fig(m1.postgres_pages[p])),
        pair(fig(f10)),
        f10 ? (f10.meets_300ms ? 'yes' : '**no**') : '—',
        f10 ? `${f10.slowest_query.name}: ${f10.slowest_query.p50_ms}` : '—',
      ];
    }),
  ),
);

const lcpPages = [...new Set([...Object.keys(m1.postgres_lcp?.pages ?? {}), ...Object.keys(m10.postgres_lcp?.pages ?? {})])];
const lcp = (f?: LcpFigure) => (f ? { p50: f.lcp_p50_ms, p95: f.lcp_p95_ms } : undefined);
console.log('\nLargest contentful paint (ms):\n');
console.log(
  table(
    ['page', 'Postgres 1M LCP p50 / p95', 'Postgres 10M LCP p50 / p95 (TTFB p50)', 'PGlite 1M LCP p50 / p95'],
    lcpPages.map((p) => {
      const f10 = m10.postgres_lcp?.pages[p];
      return [
        `\`${p}\``,
        pair(lcp(m1.postgres_lcp?.pages[p])),
        f10 ? `${pair(lcp(f10))} (${f10.ttfb_p50_ms})` : '—',
        pair(lcp(m1.pglite_lcp?.pages[p])),
      ];
    }),
  ),
);
