/**
 * Page largest-contentful-paint in Chromium (issue 8): the production build (`next build`) served by `next start` on
 * the benchmark's database, each page loaded `repeats` times in one browser context after a warm-up load (the
 * scripts and styles cached, as for a user moving between pages), default period (the last 30 days with data).
 * Per page: LCP (ms from navigation start, the last candidate Chromium reports once the network is idle) and
 * time to first byte (the server's render and data time as the browser sees it), p50 / p95.
 * Auth is off for the measurement (demo mode, loopback only): sign-in would only add a redirect on the first load.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { pct } from './timing';

const ROOT = path.resolve(import.meta.dirname, '..');
const NEXT = path.join(ROOT, 'node_modules/.bin/next');

export interface LcpFigures {
  lcp_p50_ms: number;
  lcp_p95_ms: number;
  ttfb_p50_ms: number;
  ttfb_p95_ms: number;
  /** Tag of the element Chromium reported as largest (on the last load): says what the figure is the paint of. */
  lcp_element: string;
}

/** `next build` (about 2-3 minutes on 2 cores): the figures must come from the code being benchmarked. */
export function buildApp(): void {
  console.log('next build (for the LCP phase) ...');
  execFileSync(NEXT, ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn(NEXT, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...env, ITEMIZED_AUTH: 'off', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error('next start did not answer /api/health within 120 s');
}

/** Reads the final LCP candidate and the navigation's responseStart (both ms since navigation start). */
const READ_PAINT = () =>
  new Promise<{ lcp: number | null; ttfb: number; element: string }>((resolve) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    new PerformanceObserver((list) => {
      const all = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
      const last = all[all.length - 1];
      resolve({ lcp: last.startTime, ttfb: nav.responseStart, element: last.element?.tagName.toLowerCase() ?? '?' });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => resolve({ lcp: null, ttfb: nav.responseStart, element: 'none' }), 3000);
  });

/**
 * Serves the app on `env` (DATABASE_URL or ITEMIZED_DATA_DIR) and measures every page in `pages` (paths with an
 * optional query). A page that answers with an error status fails the run rather than timing an error page.
 */
export async function measureLcp(env: Record<string, string>, pages: string[], repeats: number, port = 3391) {
  const server = await startServer(env, port);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const out: Record<string, LcpFigures> = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    for (const p of pages) {
      const page = await context.newPage();
      const url = `http://127.0.0.1:${port}${p}`;
      const lcp: number[] = [];
      const ttfb: number[] = [];
      let element = '';
      for (let i = 0; i <= repeats; i++) {
        const res = await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
        if (!res || res.status() >= 400) throw new Error(`${p}: HTTP ${res?.status()}`);
        const m = await page.evaluate(READ_PAINT);
        if (i === 0) continue; // warm-up: compiles nothing (production build) but fills the HTTP cache
        if (m.lcp === null) throw new Error(`${p}: Chromium reported no largest-contentful-paint`);
        lcp.push(m.lcp);
        ttfb.push(m.ttfb);
        element = m.element;
      }
      await page.close();
      out[p] = {
        lcp_p50_ms: pct(lcp, 50),
        lcp_p95_ms: pct(lcp, 95),
        ttfb_p50_ms: pct(ttfb, 50),
        ttfb_p95_ms: pct(ttfb, 95),
        lcp_element: element,
      };
      console.log(
        `${p.padEnd(28)} LCP p50 ${out[p].lcp_p50_ms} ms  p95 ${out[p].lcp_p95_ms} ms  TTFB p50 ${out[p].ttfb_p50_ms} ms  (<${element}>)`,
      );
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  return out;
}
