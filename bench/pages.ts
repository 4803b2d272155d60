/**
 * npm run bench:pages — server time of the audit and finance pages on the demo data (target < 1 s
 * warm): GET /reasoning, /accuracy, /loops, / and the finance pages (/explorer in a rollup view and in
 * a view aggregated from usage_events, a drill-down to requests, /statement, /budgets) on the built
 * production server (`next start`), full HTML including every streamed section (each marker is
 * rendered by the page's data section, not its shell), p50/p95 over repeats after warm-up. PGlite
 * (embedded) only. BENCH_PORT overrides the port (default 3313).
 * Needs a build (`npx next build`). Results: printed and written to bench/results/pages.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measure } from './proc';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/itemized.mjs');
const REPEATS = 20;
const PORT = Number(process.env.BENCH_PORT ?? 3313);
const PAGES = [
  ['/reasoning', 'Hidden reasoning spend'],
  ['/accuracy', 'Verdicts and recommended caps'],
  ['/loops', 'Patterns by workflow'],
  ['/', 'Spend'],
  // Finance pages; the markers are data-testids of figures rendered once the data has been read.
  ['/explorer', 'explorer-total-list'],
  ['/explorer?group=user,model&grain=day&sort=listCostUsd&dir=desc', 'explorer-total-list'],
  ['/explorer/requests?from=2026-10-01&to=2026-10-31&team=research', 'drilldown-list'],
  ['/statement?month=2026-10', 'statement-list'],
  ['/budgets?month=2026-10&asof=2026-10-15', 'forecast-total'],
] as const;
const work = path.join(os.tmpdir(), 'itemized-bench-pages');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};

async function main() {
  if (!existsSync(path.join(ROOT, '.next/BUILD_ID'))) throw new Error('no build: run `npx next build` first');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dataDir = path.join(work, 'pglite');
  const demo = await measure(process.execPath, [CLI, 'demo', '--end', '2026-11-01'], {
    ITEMIZED_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
  });
  if (demo.code !== 0) throw new Error(demo.stderr);
  const server = spawn(path.join(ROOT, 'node_modules/.bin/next'), ['start', '-p', String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, ITEMIZED_DATA_DIR: dataDir, DATABASE_URL: undefined },
    stdio: 'ignore',
  });
  const pages: Record<string, { p50_ms: number; p95_ms: number; bytes: number }> = {};
  try {
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const [url, marker] of PAGES) {
      for (let i = 0; i < 3; i++) await (await fetch(base + url)).text();
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REPEATS; i++) {
        const t = performance.now();
        const res = await fetch(base + url);
        const html = await res.text();
        ms.push(performance.now() - t);
        bytes = html.length;
        if (!res.ok || !html.includes(marker)) throw new Error(`GET ${url} failed: ${res.status}`);
      }
      pages[url] = { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95), bytes };
    }
  } finally {
    server.kill('SIGTERM');
  }
  const results = {
    machine: `${os.cpus().length} cores, node ${process.version}`,
    // Shared machines: the load when the run ended, so a slow figure can be read against it.
    load_average_1m: +os.loadavg()[0].toFixed(2),
    data: 'itemized demo --end 2026-11-01 (scale 1), default 30-day period, PGlite',
    demo_load_seconds: +demo.seconds.toFixed(1),
    repeats: REPEATS,
    target: 'page p95 < 1000 ms warm',
    pages,
    meets_target: Object.values(pages).every((p) => p.p95_ms < 1000),
  };
  console.log(JSON.stringify(results, null, 2));
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench/results/pages.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
