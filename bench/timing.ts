/** Shared timing helpers for the benchmarks: percentiles and warm repeated runs. */
import { execFileSync } from 'node:child_process';

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
