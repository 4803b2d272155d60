/**
 * Aggregated vendor billing files: OpenAI Usage/Costs API pages and Anthropic Admin usage/cost report
 * pages, one file per UTC month, several pages per file chained by has_more/next_page (written as
 * concatenated pretty-printed JSON documents, as `curl ... >> file` would leave them).
 *
 * - openai-usage: ONLY proj_nightly-batch (traffic absent from the request logs), so it never double counts them.
 * - openai-costs: the whole OpenAI API spend (logged projects + nightly-batch), list price x tokens.
 * - anthropic-usage: ONLY wrkspc_analytics (absent from the request logs).
 * - anthropic-costs: the whole Anthropic API spend (research, support fallback, analytics).
 * Subscriptions (Claude Code, Codex) are in none of them.
 */
import { type ApiEvent, dayOf } from './api-events';
import { DEMO_PLAN } from './plan';
import { ANTHROPIC_NUSD, nusdToCentsString, nusdToUsdNumber, OPENAI_NUSD } from './prices';
import { Rng } from './rng';
import { DAY_MS, dayStart, daysInMonth, growth, isoSeconds, isWeekend, unixSeconds, type Window, windowMonths } from './time';

export interface Tokens {
  requests: number;
  /** Every prompt token (our convention). */
  input: number;
  cached: number;
  write5m: number;
  write1h: number;
  output: number;
}

function getOrSet<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  const cur = m.get(k);
  if (cur !== undefined) return cur;
  const v = make();
  m.set(k, v);
  return v;
}

/** Per vendor, per window day, per "project\u0000modelRaw": summed tokens. */
export class DailyTotals {
  private readonly m = new Map<string, Map<number, Map<string, Tokens>>>();

  add(vendor: string, day: number, project: string, modelRaw: string, t: Tokens): void {
    const v = getOrSet(this.m, vendor, () => new Map<number, Map<string, Tokens>>());
    const d = getOrSet(v, day, () => new Map<string, Tokens>());
    const key = `${project}\u0000${modelRaw}`;
    const cur = d.get(key);
    if (!cur) d.set(key, { ...t });
    else {
      cur.requests += t.requests;
      cur.input += t.input;
      cur.cached += t.cached;
      cur.write5m += t.write5m;
      cur.write1h += t.write1h;
      cur.output += t.output;
    }
  }

  /** Sorted [project, modelRaw, tokens] rows of one day. */
  rows(vendor: string, day: number): [string, string, Tokens][] {
    const d = this.m.get(vendor)?.get(day);
    if (!d) return [];
    return [...d.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, t]) => {
        const [project, model] = k.split('\u0000');
        return [project, model, t];
      });
  }
}

/** Adds the logged API requests (OpenAI and Anthropic only: xAI and DeepSeek have no billing files). */
export function addLoggedTraffic(totals: DailyTotals, w: Window, events: ApiEvent[]): void {
  for (const e of events) {
    if (e.model.vendor !== 'openai' && e.model.vendor !== 'anthropic') continue;
    const project = e.wf.fallback && e.model === e.wf.fallback.model ? e.wf.fallback.billingProject : e.wf.billingProject;
    if (!project) continue;
    totals.add(e.model.vendor, dayOf(w, e.t), project, e.model.modelRaw, {
      requests: 1,
      input: e.input,
      cached: e.cached,
      write5m: e.write5m,
      write1h: e.write1h,
      output: e.output,
    });
  }
}

/** Adds the billing-only workloads (nightly-batch, analytics): daily buckets with noise. */
export function addBillingOnly(totals: DailyTotals, seed: number, w: Window, scale: number): void {
  for (const b of DEMO_PLAN.billingOnly) {
    const rng = Rng.stream(seed, `billing-only:${b.id}`);
    for (let d = 0; d < w.days; d++) {
      const f = d / (w.days - 1);
      const dayRate = b.requestsPerDay * scale * growth(d) * (isWeekend(w, d) ? b.weekendFactor : 1);
      for (const m of b.models) {
        const n = rng.poisson(dayRate * (m.share + (m.shareEnd - m.share) * f));
        if (n === 0) continue;
        const input = Math.round(n * b.perRequest.input * rng.lognormal(1, 0.12));
        const cached = Math.round(input * Math.min(0.9, b.perRequest.cachedShare * rng.lognormal(1, 0.1)));
        const writes = Math.min(input - cached, Math.round(input * b.perRequest.cacheWriteShare * rng.lognormal(1, 0.2)));
        const write1h = Math.round(writes * 0.3);
        const output = Math.round(n * b.perRequest.output * rng.lognormal(1, 0.15));
        totals.add(b.vendor, d, b.billingProject, m.modelRaw, { requests: n, input, cached, write5m: writes - write1h, write1h, output });
      }
    }
  }
}

/** A deterministic cursor shaped like the real ones ("page_" + base64 of 20 bytes). */
function cursor(kind: string, startMs: number): string {
  const b = Buffer.alloc(20);
  b.writeUInt32BE(unixSeconds(startMs) >>> 0, 4);
  b.writeUInt32BE((kind.length * 2654435761) >>> 0, 8);
  b.writeUInt32BE((unixSeconds(startMs) + 86_400) >>> 0, 16);
  return `page_${b.toString('base64')}`;
}

type Json = Record<string, unknown>;

/** Splits a month's buckets into pages of `perPage` chained by has_more/next_page. */
function pages(
  kind: string,
  days: number[],
  w: Window,
  perPage: number,
  bucket: (day: number) => Json,
  wrap: (data: Json[]) => Json,
): string {
  const docs: string[] = [];
  for (let i = 0; i < days.length; i += perPage) {
    const chunk = days.slice(i, i + perPage);
    const more = i + perPage < days.length;
    const page = wrap(chunk.map(bucket));
    page.has_more = more;
    page.next_page = more ? cursor(kind, dayStart(w, days[i + perPage])) : null;
    docs.push(JSON.stringify(page, null, 2));
  }
  return `${docs.join('\n')}\n`;
}

function openAiUsageResult(project: string, modelRaw: string, t: Tokens): Json {
  return {
    object: 'organization.usage.completions.result',
    input_tokens: t.input,
    input_cached_tokens: t.cached,
    input_cache_write_tokens: 0,
    input_uncached_tokens: t.input - t.cached,
    output_tokens: t.output,
    input_text_tokens: t.input,
    output_text_tokens: t.output,
    input_cached_text_tokens: t.cached,
    input_audio_tokens: 0,
    input_cached_audio_tokens: 0,
    output_audio_tokens: 0,
    input_image_tokens: 0,
    input_cached_image_tokens: 0,
    output_image_tokens: 0,
    num_model_requests: t.requests,
    project_id: project,
    user_id: null,
    api_key_id: null,
    model: modelRaw,
    batch: null,
    service_tier: null,
  };
}

function openAiCostResults(project: string, modelRaw: string, t: Tokens): Json[] {
  const p = OPENAI_NUSD[modelRaw];
  const lines: [string, number, number][] = [
    ['input', t.input - t.cached, p.input],
    ['cached input', t.cached, p.cachedInput],
    ['output', t.output, p.output],
  ];
  return lines
    .filter(([, q]) => q > 0)
    .map(([kind, q, price]) => ({
      object: 'organization.costs.result',
      amount: { value: nusdToUsdNumber(q * price), currency: 'usd' },
      line_item: `${modelRaw}, ${kind}`,
      project_id: project,
      api_key_id: null,
      quantity: q,
      quantity_unit: 'tokens',
    }));
}

function anthropicUsageResult(project: string, modelRaw: string, t: Tokens): Json {
  return {
    uncached_input_tokens: t.input - t.cached - t.write5m - t.write1h,
    cache_creation: { ephemeral_1h_input_tokens: t.write1h, ephemeral_5m_input_tokens: t.write5m },
    cache_read_input_tokens: t.cached,
    output_tokens: t.output,
    server_tool_use: { web_search_requests: 0 },
    api_key_id: null,
    workspace_id: project,
    model: modelRaw,
    service_tier: null,
    context_window: null,
    inference_geo: null,
  };
}

function anthropicCostResults(project: string, modelRaw: string, t: Tokens): Json[] {
  const p = ANTHROPIC_NUSD[modelRaw];
  const lines: [string, string, number, number][] = [
    ['uncached_input_tokens', 'Input Tokens', t.input - t.cached - t.write5m - t.write1h, p.input],
    ['output_tokens', 'Output Tokens', t.output, p.output],
    ['cache_read_input_tokens', 'Input Tokens, Cache Hit', t.cached, p.cacheRead],
    ['cache_creation.ephemeral_5m_input_tokens', 'Input Tokens, Cache Write', t.write5m, p.cacheWrite5m],
    ['cache_creation.ephemeral_1h_input_tokens', 'Input Tokens, Cache Write (1h)', t.write1h, p.cacheWrite1h],
  ];
  return lines
    .filter(([, , q]) => q > 0)
    .map(([tokenType, what, q, price]) => ({
      currency: 'USD',
      amount: nusdToCentsString(q * price),
      workspace_id: project,
      description: `${p.label} Usage - ${what}`,
      cost_type: 'tokens',
      model: modelRaw,
      token_type: tokenType,
      service_tier: 'standard',
      context_window: '0-200k',
      inference_geo: null,
    }));
}

export interface BillingFile {
  path: string;
  content: string;
}

/** Every billing file, month by month. `usageTotals` holds only the billing-only workloads. */
export function* billingFiles(w: Window, all: DailyTotals, usageOnly: DailyTotals): Generator<BillingFile> {
  const bucketOpenAi = (totals: DailyTotals, results: (p: string, m: string, t: Tokens) => Json[]) => (d: number) => ({
    object: 'bucket',
    start_time: unixSeconds(dayStart(w, d)),
    end_time: unixSeconds(dayStart(w, d) + DAY_MS),
    results: totals.rows('openai', d).flatMap(([p, m, t]) => results(p, m, t)),
  });
  const bucketAnthropic = (totals: DailyTotals, results: (p: string, m: string, t: Tokens) => Json[]) => (d: number) => ({
    starting_at: isoSeconds(dayStart(w, d)),
    ending_at: isoSeconds(dayStart(w, d) + DAY_MS),
    results: totals.rows('anthropic', d).flatMap(([p, m, t]) => results(p, m, t)),
  });
  const openAiPage = (data: Json[]) => ({ object: 'page', data });
  const anthropicPage = (data: Json[]) => ({ data });
  for (const month of windowMonths(w)) {
    const days = daysInMonth(w, month);
    yield {
      path: `billing/openai-usage/${month}.json`,
      content: pages(
        'ou',
        days,
        w,
        7,
        bucketOpenAi(usageOnly, (p, m, t) => [openAiUsageResult(p, m, t)]),
        openAiPage,
      ),
    };
    yield {
      path: `billing/openai-costs/${month}.json`,
      content: pages('oc', days, w, 7, bucketOpenAi(all, openAiCostResults), openAiPage),
    };
    yield {
      path: `billing/anthropic-usage/${month}.json`,
      content: pages(
        'au',
        days,
        w,
        7,
        bucketAnthropic(usageOnly, (p, m, t) => [anthropicUsageResult(p, m, t)]),
        anthropicPage,
      ),
    };
    yield {
      path: `billing/anthropic-costs/${month}.json`,
      content: pages('ac', days, w, 7, bucketAnthropic(all, anthropicCostResults), anthropicPage),
    };
  }
}
