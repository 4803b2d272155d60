/**
 * Deterministic demo organisation: 90 days of AI usage written as REAL vendor-format files (never
 * database rows), to be loaded through the real ingestors by `itemized demo`. Same seed + end ->
 * byte-identical files; another seed -> other numbers with the same planted shapes (DEMO_PLAN).
 *
 * Layout (relative paths, forward slashes; see DEMO_PLAN.folders):
 *   itemized.yaml                                   dependency map (not an ingest input)
 *   logs/<openai|anthropic|xai|deepseek>/<YYYY-MM>.jsonl   Itemized log lines with real response bodies
 *   billing/openai-usage/<YYYY-MM>.json             Usage API pages (proj_nightly-batch only)
 *   billing/openai-costs/<YYYY-MM>.json             Costs API pages (all OpenAI API spend)
 *   billing/anthropic-usage/<YYYY-MM>.json          Admin usage report pages (wrkspc_analytics only)
 *   billing/anthropic-costs/<YYYY-MM>.json          Admin cost report pages (all Anthropic API spend)
 *   claude-code/projects/<encoded-cwd>/<session>.jsonl   Claude Code transcripts
 *   codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl  Codex CLI rollouts
 */
import { type ApiEvent, generateApiEvents } from './api-events';
import { addBillingOnly, addLoggedTraffic, billingFiles, DailyTotals } from './billing';
import { renderLogLine } from './bodies';
import { claudeCodeFiles } from './claude-code';
import { codexFiles } from './codex';
import { dependencyYaml } from './config-yaml';
import type { LogVendor } from './plan-types';
import { makeWindow, monthKey, windowMonths } from './time';

export { DEMO_PLAN, workflowById } from './plan';
export type * from './plan-types';

export interface DemoOptions {
  /** Any finite number; the same seed (with the same end and scale) gives byte-identical files. */
  seed: number;
  /** Exclusive UTC midnight; the demo covers the 90 days before it. */
  end: Date;
  /** Volume multiplier, 1 = default (~35k request-level events, ~30 MB). Session and trace shapes do not scale. */
  scale?: number;
}

export interface DemoFile {
  /** Relative, forward slashes. */
  path: string;
  content: string;
  /** Request-level usage events in this file (log lines, unique Claude Code messages, unique Codex calls); 0 for billing pages and itemized.yaml. */
  events: number;
}

const LOG_VENDORS: LogVendor[] = ['openai', 'anthropic', 'xai', 'deepseek'];

function* logFiles(events: ApiEvent[]): Generator<DemoFile> {
  const groups = new Map<string, ApiEvent[]>();
  for (const e of events) {
    const key = `${e.model.vendor}/${monthKey(e.t)}`;
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const months = [...new Set(events.map((e) => monthKey(e.t)))].sort();
  for (const vendor of LOG_VENDORS) {
    for (const month of months) {
      const g = groups.get(`${vendor}/${month}`);
      if (!g) continue;
      g.sort((a, b) => a.t - b.t || a.seq - b.seq);
      yield { path: `logs/${vendor}/${month}.jsonl`, content: `${g.map(renderLogLine).join('\n')}\n`, events: g.length };
    }
  }
}

/** Streams the demo's files one at a time (memory holds the compact request records, not the files). */
export function* generateDemo(opts: DemoOptions): Generator<DemoFile> {
  const w = makeWindow(opts.end);
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`demo scale must be a positive number, got ${scale}`);
  if (!Number.isFinite(opts.seed)) throw new RangeError(`demo seed must be a finite number, got ${opts.seed}`);

  yield { path: 'itemized.yaml', content: dependencyYaml(), events: 0 };

  const events = generateApiEvents(opts.seed, w, scale);
  const all = new DailyTotals();
  addLoggedTraffic(all, w, events);
  addBillingOnly(all, opts.seed, w, scale);
  const billingOnly = new DailyTotals();
  addBillingOnly(billingOnly, opts.seed, w, scale);

  yield* logFiles(events);
  events.length = 0;
  for (const f of billingFiles(w, all, billingOnly)) yield { ...f, events: 0 };
  for (const f of claudeCodeFiles(opts.seed, w, scale)) yield { path: f.path, content: f.content, events: f.messages };
  for (const f of codexFiles(opts.seed, w, scale)) yield { path: f.path, content: f.content, events: f.calls };
}

/** Month keys ("2026-09") the demo's monthly files cover for a given end. */
export function demoMonths(end: Date): string[] {
  return windowMonths(makeWindow(end));
}
