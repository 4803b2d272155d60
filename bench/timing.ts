/** Shared timing helpers for the benchmarks: percentiles and warm repeated runs. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};

/** p50/p95 (ms) of `repeats` runs after `warm` unmeasured ones. */
export async function timeRuns(run: () => Promise<unknown>, repeats: number, warm = 2) {
  for (let i = 0; i < warm; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return { p50_ms: pct(ms, 50), p95_ms: pct(ms, 95), max_ms: pct(ms, 100) };
}

/** The machine's load averages now (other work on the cores makes every figure slower; recorded beside them). */
export const loadAverage = () =>
  execFileSync('uptime', { encoding: 'utf8' })
    .trim()
    .replace(/^.*load average:\s*/, '');

/**
 * Writes a benchmark's results as JSON to bench/results/<name>, or under BENCH_RESULTS_DIR when set: the test run's
 * smoke step (scripts/test-all.sh) runs benchmarks at toy sizes and must not overwrite the recorded figures.
 */
export function writeResults(name: string, results: unknown): void {
  const dir = process.env.BENCH_RESULTS_DIR || path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), `${JSON.stringify(results, null, 2)}\n`);
}
