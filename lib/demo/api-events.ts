/**
 * Phase 1 of the demo: every API request of the logged workflows as a compact record (numbers only).
 * Bodies are rendered later from these (bodies.ts), and billing files are aggregated from them, so the
 * logs and the vendor bills agree token for token.
 */
import { DEMO_PLAN } from './plan';
import type { DemoModel, DemoWorkflow, OutcomeSource } from './plan-types';
import { Rng } from './rng';
import { DAY_MS, growth, isWeekend, OFFICE_HOURS, ROUND_THE_CLOCK, timeInDay, type Window } from './time';

export interface Outcome {
  success: boolean;
  score: number;
  source: OutcomeSource;
}

export interface ApiEvent {
  wf: DemoWorkflow;
  model: DemoModel;
  /** Request start, ms since epoch (UTC). */
  t: number;
  /** Generation order: the tie-break when two requests share a millisecond. */
  seq: number;
  env: 'production' | 'staging';
  user: string;
  traceId: string;
  feature: string;
  /** data-extract chain step ("extract" | "verify"); undefined elsewhere. */
  step?: string;
  callIndex: number;
  callsInTrace: number;
  /** Our convention (DESIGN.md): every prompt token, cache reads and writes included. */
  input: number;
  cached: number;
  write5m: number;
  write1h: number;
  /** Every output token, reasoning included. */
  output: number;
  /** Hidden reasoning; null when the body does not report it (Anthropic without thinking). */
  reasoning: number | null;
  /** Reasoning effort label of the mixture part drawn (Responses bodies echo it). */
  effort?: string;
  outcome: Outcome | null;
  latencyMs: number;
  /** Seed for rendering this request's ids and texts. */
  seed: number;
}

const LATENCY: Record<string, { base: number; perToken: number }> = {
  'o4-mini': { base: 400, perToken: 8 },
  'gpt-5-mini': { base: 450, perToken: 7 },
  'gpt-5': { base: 700, perToken: 12 },
  'gpt-4.1-mini': { base: 300, perToken: 6 },
  'claude-sonnet-4-5': { base: 700, perToken: 16 },
  'claude-opus-4-1': { base: 1000, perToken: 28 },
  'claude-haiku-4-5': { base: 350, perToken: 6 },
  'grok-3-mini': { base: 300, perToken: 6 },
  'deepseek-reasoner': { base: 900, perToken: 22 },
};

function dayFactor(wf: DemoWorkflow, w: Window, day: number): number {
  const sp = DEMO_PLAN.spike;
  const spike = wf.id === sp.workflow && day >= sp.fromDay && day < sp.toDayExclusive ? sp.multiplier : 1;
  return growth(day) * (isWeekend(w, day) ? wf.weekendFactor : 1) * spike;
}

function agentCalls(rng: Rng, wf: DemoWorkflow): number {
  const { min, max } = wf.callsPerTrace;
  return Math.min(max, Math.max(min, min + Math.round(rng.lognormal(9, 0.6))));
}

/** Mean calls per trace, estimated once with a fixed stream (deterministic). */
function meanCalls(wf: DemoWorkflow): number {
  if (wf.pattern !== 'agent_loop') return wf.callsPerTrace.min;
  const rng = Rng.stream(0, `mean-calls:${wf.id}`);
  let total = 0;
  for (let i = 0; i < 20_000; i++) total += agentCalls(rng, wf);
  return total / 20_000;
}

function pickModel(rng: Rng, wf: DemoWorkflow, day: number): DemoModel {
  const fb = wf.fallback;
  if (fb && rng.bool(fb.degradedDays.includes(day) ? fb.degradedShare : fb.baseShare)) return fb.model;
  const f = day / (DEMO_PLAN.windowDays - 1);
  return wf.models[rng.weighted(wf.models.map((m) => m.share + ((m.shareEnd ?? m.share) - m.share) * f))];
}

function drawReasoning(rng: Rng, wf: DemoWorkflow, model: DemoModel, traceFactor: number): { r: number | null; effort?: string } {
  if (!model.reportsReasoning) return { r: null };
  const cfg = wf.reasoning;
  if (!cfg) return { r: 0 };
  const part = cfg.parts[rng.weighted(cfg.parts.map((p) => p.weight))];
  const raw = rng.lognormal(part.median * traceFactor * (model.reasoningFactor ?? 1), part.sigma);
  return { r: Math.round(Math.min(cfg.max, Math.max(cfg.min, raw))), effort: part.label };
}

function drawOutcome(rng: Rng, wf: DemoWorkflow, reasoning: number | null): Outcome | null {
  if (!wf.outcomeSource || !rng.bool(wf.outcomeCoverage)) return null;
  const success = rng.bool(wf.successAt(reasoning));
  let score: number;
  if (wf.outcomeSource === 'user-accept') score = success ? 1 : 0;
  else if (wf.outcomeSource === 'ci-tests') score = success ? 1 : Math.round(rng.float() * 90) / 100;
  else score = success ? 0.7 + Math.round(rng.float() * 30) / 100 : Math.round(rng.float() * 60) / 100;
  return { success, score, source: wf.outcomeSource };
}

/** OpenAI caches prompt prefixes of >= 1024 tokens in 128-token steps. */
function openAiCached(prefix: number): number {
  return prefix < 1024 ? 0 : 1024 + Math.floor((prefix - 1024) / 128) * 128;
}

interface Prompt {
  input: number;
  cached: number;
  write5m: number;
  write1h: number;
}

/** Splits a prompt of `total` tokens whose first `prefix` tokens are a reusable prefix, by vendor caching rules. */
function cachePrompt(rng: Rng, wf: DemoWorkflow, model: DemoModel, total: number, prefix: number, hitRate: number): Prompt {
  const hit = rng.bool(hitRate);
  const p: Prompt = { input: total, cached: 0, write5m: 0, write1h: 0 };
  if (model.vendor === 'openai') p.cached = hit ? openAiCached(prefix) : 0;
  else if (model.vendor === 'deepseek') p.cached = hit ? Math.floor(prefix / 64) * 64 : 0;
  else if (model.vendor === 'xai') p.cached = hit ? prefix : 0;
  else if (hit) p.cached = prefix;
  else if (wf.team === 'research') p.write1h = prefix;
  else p.write5m = prefix;
  return p;
}

function latencyFor(rng: Rng, model: DemoModel, output: number): number {
  const l = LATENCY[model.model] ?? { base: 500, perToken: 10 };
  return Math.round((l.base + output * l.perToken) * rng.lognormal(1, 0.25));
}

const TOOL_MS = { agent_loop: [400, 9000], fixed_chain: [150, 1500], single_call: [0, 0] } as const;

/** Generates one trace (a ticket, a document, an incident) starting at t0. */
function genTrace(rng: Rng, wf: DemoWorkflow, w: Window, day: number, t0: number, seq: { n: number }): ApiEvent[] {
  const model = pickModel(rng, wf, day);
  const env = rng.bool(wf.stagingShare) ? 'staging' : 'production';
  const users = DEMO_PLAN.teamUsers[wf.team];
  const user = wf.pattern === 'agent_loop' && rng.bool(0.7) ? users[0] : rng.pick(users);
  const traceId = rng.hex(32);
  const feature = rng.pick(wf.features);
  const calls = wf.pattern === 'agent_loop' ? agentCalls(rng, wf) : wf.callsPerTrace.min;
  const traceFactor = wf.reasoning?.perTraceSigma ? rng.lognormal(1, wf.reasoning.perTraceSigma) : 1;
  const out: ApiEvent[] = [];
  let t = t0;
  let prompt = wf.input.prefix + Math.round(rng.lognormal(wf.input.median, wf.input.sigma));
  let prevPrompt = 0;
  for (let i = 0; i < calls; i++) {
    const { r, effort } = drawReasoning(rng, wf, model, traceFactor);
    const last = i === calls - 1;
    let visible = Math.max(1, Math.round(rng.lognormal(wf.visibleOutput.median, wf.visibleOutput.sigma)));
    if (wf.pattern === 'agent_loop' && last) visible *= 6;
    const output = (r ?? 0) + visible;
    const p =
      i > 0 && rng.bool(0.9)
        ? cachePrompt(rng, wf, model, prompt, prevPrompt, 1)
        : cachePrompt(rng, wf, model, prompt, wf.input.prefix, wf.input.cacheHitRate);
    const latencyMs = latencyFor(rng, model, output);
    out.push({
      wf,
      model,
      t,
      seq: seq.n++,
      env,
      user,
      traceId,
      feature,
      step: wf.pattern === 'fixed_chain' ? (i === 0 ? 'extract' : 'verify') : undefined,
      callIndex: i,
      callsInTrace: calls,
      ...p,
      output,
      reasoning: r,
      effort,
      outcome: drawOutcome(rng, wf, r),
      latencyMs,
      seed: rng.seed(),
    });
    const [lo, hi] = TOOL_MS[wf.pattern];
    t += latencyMs + rng.int(lo, hi);
    prevPrompt = prompt;
    const added = wf.pattern === 'agent_loop' ? Math.round(rng.lognormal(600, 0.8)) : 0;
    prompt = Math.min(120_000, prompt + visible + added);
  }
  const overflow = out[out.length - 1].t - (w.end - 1);
  if (overflow > 0) {
    const shift = overflow + rng.int(60_000, 3_600_000);
    for (const e of out) e.t -= shift;
  }
  return out;
}

/** All logged API requests of one workflow, in generation order. */
export function generateWorkflowEvents(seed: number, wf: DemoWorkflow, w: Window, scale: number, seq: { n: number }): ApiEvent[] {
  const rng = Rng.stream(seed, `api:${wf.id}`);
  const factors = Array.from({ length: w.days }, (_, d) => dayFactor(wf, w, d));
  const sum = factors.reduce((a, b) => a + b, 0);
  const tracesTotal = (wf.requests * scale) / meanCalls(wf);
  const hours = wf.hours === 'office' ? OFFICE_HOURS : ROUND_THE_CLOCK;
  const out: ApiEvent[] = [];
  for (let d = 0; d < w.days; d++) {
    const n = rng.poisson((tracesTotal * factors[d]) / sum);
    for (let k = 0; k < n; k++) {
      const t0 = timeInDay(rng, w, d, hours);
      for (const e of genTrace(rng, wf, w, d, t0, seq)) out.push(e);
    }
  }
  return out;
}

/** Every logged API request of the demo organisation. */
export function generateApiEvents(seed: number, w: Window, scale: number): ApiEvent[] {
  const seq = { n: 0 };
  const out: ApiEvent[] = [];
  for (const wf of DEMO_PLAN.workflows) for (const e of generateWorkflowEvents(seed, wf, w, scale, seq)) out.push(e);
  return out;
}

/** UTC day index of an event within the window. */
export function dayOf(w: Window, t: number): number {
  return Math.floor((t - w.start) / DAY_MS);
}
