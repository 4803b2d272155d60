/**
 * OpenRouter exports (FORMATS.md 3b-3d), one source for three shapes:
 * - generation stats (`GET /api/v1/generation?id=gen-…`): `{data: {...}}` or the bare `data` objects as JSON/JSONL;
 *   one request event each;
 * - activity API pages (`GET /api/v1/activity`): `{data: [rows]}` or bare rows; one daily bucket event per
 *   date x model x endpoint (x workspace);
 * - the dashboard's activity CSV export (openrouter-csv.ts); one request event per generation.
 *
 * Conventions (all shapes):
 * - vendor = 'openrouter' (it bills, in credits = USD); model creator = the slug's author (openrouter-model.ts); the
 *   upstream provider that served it (`provider_name`) goes to tags.served_by, as for OpenRouter response bodies.
 * - billedCostUsd = what OpenRouter charged: generation `total_cost` (else `usage`), activity `usage`, CSV
 *   `cost_total`, digit for digit. Bring-your-own-key inference (`upstream_inference_cost` when is_byok,
 *   `byok_usage_inference`) is billed by the upstream provider, not OpenRouter: kept in tags, never added.
 * - Tokens: generation stats give the provider's own counts (`native_tokens_*`, what billing uses); the normalised
 *   `tokens_*` stand in only when no native count is present (tagged tokenCounts: 'normalized'). Prompt counts
 *   include cached tokens; completion counts include reasoning (OpenRouter's billing convention).
 * - dedupeKey: the generation id (`gen-…`), shared by generation stats and the CSV export so that loading both
 *   stores each generation once (same key and time); activity rows: date|model|endpoint|workspace. Activity pages
 *   fetched with different filters (api_key_hash, user_id) carry no filter column and cannot be told apart: load one.
 * - finish reason, cancelled and streamed are transport facts (tags), not outcomes: success stays null.
 */
import { IssueSink, isObj, money, nonNegativeNumber, type Obj, str, timestamp, tokens } from './fields';
import { wholeMs } from './litellm';
import { brief, compactTags, issuesOf, whereOf } from './openai-shared';
import { isOpenRouterCsvRow, parseOpenRouterCsv } from './openrouter-csv';
import { openRouterModel } from './openrouter-model';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem } from './types';

const DAY_SECONDS = 86_400;

function isGeneration(v: unknown): v is Obj {
  return isObj(v) && 'id' in v && 'created_at' in v && ('native_tokens_prompt' in v || ('tokens_prompt' in v && 'total_cost' in v));
}

function isActivityRow(v: unknown): v is Obj {
  return isObj(v) && 'date' in v && 'model' in v && ('usage' in v || 'requests' in v) && ('prompt_tokens' in v || 'completion_tokens' in v);
}

export function isOpenRouterRecord(v: unknown): boolean {
  if (isGeneration(v) || isActivityRow(v) || isOpenRouterCsvRow(v)) return true;
  if (!isObj(v)) return false;
  if (isGeneration(v.data)) return true;
  return Array.isArray(v.data) && v.data.length > 0 && isActivityRow(v.data[0]);
}

/** A value for tags that must stay exact: a decimal string, or null. */
function exactTag(v: unknown, field: string, sink: IssueSink): string | null {
  return money(v, field, sink);
}

function flag(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

function* parseGeneration(g: Obj, prefix: string, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const f = (name: string) => `${prefix}${name}`;
  const id = str(g.id);
  if (id === null) sink.add(f('id'), `expected the generation id (gen-…), got ${brief(g.id)}`);
  const createdAt = timestamp(g.created_at, f('created_at'), sink);
  if (g.created_at === undefined || g.created_at === null || g.created_at === '')
    sink.add(f('created_at'), 'expected the generation time (ISO-8601), got nothing');
  const t = (k: string) => tokens(g[k], f(k), sink);
  const nativeInput = t('native_tokens_prompt');
  const nativeOutput = t('native_tokens_completion');
  const normalizedInput = t('tokens_prompt');
  const normalizedOutput = t('tokens_completion');
  const cached = t('native_tokens_cached');
  const reasoning = t('native_tokens_reasoning');
  const totalCost = money(g.total_cost, f('total_cost'), sink);
  const usageCost = money(g.usage, f('usage'), sink);
  const upstream = exactTag(g.upstream_inference_cost, f('upstream_inference_cost'), sink);
  const cacheDiscount = exactTag(g.cache_discount, f('cache_discount'), sink);
  const latency = nonNegativeNumber(g.latency, f('latency'), sink);
  const generationTime = nonNegativeNumber(g.generation_time, f('generation_time'), sink);
  if (!sink.ok || id === null || createdAt === null) {
    yield* issuesOf(sink);
    return;
  }
  if (seen.has(id)) {
    yield { kind: 'duplicate', line: rec.line, record: rec.record };
    return;
  }
  seen.add(id);
  const native = nativeInput !== null || nativeOutput !== null;
  const m = openRouterModel(str(g.model));
  yield {
    kind: 'event',
    ...where,
    event: makeEvent({
      dedupeKey: id,
      occurredAt: createdAt,
      vendor: 'openrouter',
      model: m.model,
      modelRaw: m.modelRaw,
      modelCreator: m.modelCreator,
      inputTokens: native ? nativeInput : normalizedInput,
      cachedInputTokens: cached,
      outputTokens: native ? nativeOutput : normalizedOutput,
      reasoningTokens: reasoning,
      billedCostUsd: totalCost ?? usageCost,
      requestId: id,
      user: str(g.external_user),
      project: str(g.workspace_id),
      traceId: str(g.session_id),
      latencyMs: latency === null ? null : wholeMs(latency),
      tags: compactTags({
        openrouterRecord: 'generation',
        served_by: str(g.provider_name),
        is_byok: flag(g.is_byok),
        // BYOK: the upstream provider bills this directly (not OpenRouter); otherwise what OpenRouter paid upstream.
        upstreamInferenceCostUsd: upstream,
        cacheDiscountUsd: cacheDiscount,
        tokenCounts: native ? null : normalizedInput !== null || normalizedOutput !== null ? 'normalized' : null,
        normalizedPromptTokens: native ? normalizedInput : null,
        normalizedCompletionTokens: native ? normalizedOutput : null,
        variant: m.variant,
        openrouterRequestId: str(g.request_id),
        upstreamId: str(g.upstream_id),
        generationTimeMs: generationTime,
        finishReason: str(g.finish_reason),
        nativeFinishReason: str(g.native_finish_reason),
        cancelled: flag(g.cancelled),
        streamed: flag(g.streamed),
        apiType: str(g.api_type),
        appId: str(g.app_id),
        router: str(g.router),
        presetId: str(g.preset_id),
        serviceTier: str(g.service_tier),
        fallbackAttempts: Array.isArray(g.provider_responses) ? g.provider_responses.length : null,
      }),
    }),
  };
}

function* parseActivity(a: Obj, prefix: string, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const f = (name: string) => `${prefix}${name}`;
  const date = str(a.date);
  const parsed = date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  // Round-tripped: Date accepts 2026-02-30 as March 2nd.
  const day = parsed && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? parsed : null;
  if (day === null) sink.add(f('date'), `expected the UTC day as YYYY-MM-DD, got ${brief(a.date ?? null)}`);
  const slug = str(a.model);
  if (slug === null) sink.add(f('model'), `expected the model slug, got ${brief(a.model ?? null)}`);
  const t = (k: string) => tokens(a[k], f(k), sink);
  const input = t('prompt_tokens');
  const output = t('completion_tokens');
  const reasoning = t('reasoning_tokens');
  const requests = t('requests');
  const billed = money(a.usage, f('usage'), sink);
  const byok = exactTag(a.byok_usage_inference, f('byok_usage_inference'), sink);
  if (!sink.ok || day === null || slug === null) {
    yield* issuesOf(sink);
    return;
  }
  const permaslug = str(a.model_permaslug);
  const key = `activity:${[date, permaslug ?? slug, str(a.endpoint_id) ?? '', str(a.workspace_id) ?? ''].join('|')}`;
  if (seen.has(key)) {
    yield { kind: 'duplicate', line: rec.line, record: rec.record };
    return;
  }
  seen.add(key);
  const m = openRouterModel(slug);
  yield {
    kind: 'event',
    ...where,
    event: makeEvent({
      dedupeKey: key,
      occurredAt: day,
      periodSeconds: DAY_SECONDS,
      requestCount: requests,
      vendor: 'openrouter',
      model: m.model,
      modelRaw: m.modelRaw,
      modelCreator: m.modelCreator,
      inputTokens: input,
      outputTokens: output,
      reasoningTokens: reasoning,
      billedCostUsd: billed,
      project: str(a.workspace_id),
      tags: compactTags({
        openrouterRecord: 'activity',
        served_by: str(a.provider_name),
        modelPermaslug: permaslug,
        endpointId: str(a.endpoint_id),
        variant: m.variant,
        // Billed by the upstream provider on the user's own key, not by OpenRouter (USD).
        byokUsageInferenceUsd: byok,
      }),
    }),
  };
}

function* parseValue(v: unknown, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  if (isGeneration(v)) return yield* parseGeneration(v, '', rec, ctx, seen);
  if (isActivityRow(v)) return yield* parseActivity(v, '', rec, ctx, seen);
  if (isObj(v) && isObj(v.data)) return yield* parseGeneration(v.data, 'data.', rec, ctx, seen);
  if (isObj(v) && Array.isArray(v.data)) {
    for (const [i, row] of v.data.entries()) {
      if (isObj(row)) yield* parseActivity(row, `data[${i}].`, rec, ctx, seen);
      else
        yield {
          kind: 'issue',
          issue: {
            ...whereOf(rec, ctx),
            field: `data[${i}]`,
            message: `expected an activity row {date, model, usage, ...}, got ${brief(row)}`,
          },
        };
    }
    return;
  }
  yield {
    kind: 'issue',
    issue: {
      ...whereOf(rec, ctx),
      message: `expected OpenRouter generation stats {data: {id, created_at, native_tokens_prompt, total_cost, ...}} or an activity page {data: [{date, model, usage, ...}]}, got ${brief(v)}`,
    },
  };
}

export const openrouterSource: IngestSource = {
  id: 'openrouter',
  label: 'OpenRouter (generation stats, activity API pages, activity CSV export)',
  framings: ['json', 'jsonl', 'csv'],
  detect: (first) => isOpenRouterRecord(first),
  async *parse(records, ctx) {
    const seen = new Set<string>();
    if (ctx.framing === 'csv') {
      yield* parseOpenRouterCsv(records, ctx, seen);
      return;
    }
    for await (const rec of records) yield* parseValue(rec.value, rec, ctx, seen);
  },
};
