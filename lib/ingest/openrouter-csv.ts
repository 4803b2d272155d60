/**
 * OpenRouter's activity CSV export (FORMATS.md 3d): one row per generation. No real export was available; the
 * columns are the documented header:
 * generation_id, created_at, cost_total, cost_web_search, cost_cache, cost_file_processing, byok_usage_inference,
 * tokens_prompt, tokens_completion, tokens_reasoning, tokens_cached, model_permaslug, provider_name, variant,
 * cancelled, streamed, user, finish_reason_raw, finish_reason_normalized, generation_time_ms,
 * time_to_first_token_ms, api_key_disabled, api_key_name, app_name.
 *
 * - created_at has no zone ("2026-06-28 03:46:57.713"): read as UTC.
 * - billed = cost_total (USD, what OpenRouter charged). Its parts (web search, cache, file processing) and the BYOK
 *   inference the upstream provider bills directly (byok_usage_inference) go to tags as exact decimal strings.
 * - reasoning is inside tokens_completion, cached inside tokens_prompt (OpenRouter's billing convention).
 * - latencyMs = generation_time_ms; time_to_first_token_ms goes to tags.ttftMs. apiKey = api_key_name; user = user.
 */
import { bool, IssueSink, money, nonNegativeNumber, type Obj, str, timestamp, tokens } from './fields';
import { wholeMs } from './litellm';
import { compactTags, isCsvRow, issuesOf, missingColumns, whereOf } from './openai-shared';
import { openRouterModel } from './openrouter-model';
import type { FramedRecord, ParseContext, ParsedItem } from './types';
import { makeEvent } from './types';

export const OPENROUTER_CSV_REQUIRED = [
  'generation_id',
  'created_at',
  'cost_total',
  'tokens_prompt',
  'tokens_completion',
  'model_permaslug',
];

export function isOpenRouterCsvRow(v: unknown): boolean {
  return isCsvRow(v) && 'generation_id' in v && 'created_at' in v && 'model_permaslug' in v && ('cost_total' in v || 'tokens_prompt' in v);
}

function row(rec: FramedRecord, ctx: ParseContext, seen: Set<string>): ParsedItem[] {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const r = rec.value as Obj;
  const id = str(r.generation_id);
  if (id === null) sink.add('generation_id', 'expected the generation id (gen-…), got nothing');
  const createdAt = timestamp(r.created_at, 'created_at', sink);
  if (!str(r.created_at)) sink.add('created_at', 'expected the generation time, got nothing');
  const t = (k: string) => tokens(r[k], k, sink);
  const input = t('tokens_prompt');
  const output = t('tokens_completion');
  const reasoning = t('tokens_reasoning');
  const cached = t('tokens_cached');
  const billed = money(r.cost_total, 'cost_total', sink);
  const parts: Record<string, string | null> = {};
  for (const [col, tag] of [
    ['cost_web_search', 'costWebSearchUsd'],
    ['cost_cache', 'costCacheUsd'],
    ['cost_file_processing', 'costFileProcessingUsd'],
    ['byok_usage_inference', 'byokUsageInferenceUsd'],
  ])
    parts[tag] = money(r[col], col, sink);
  const generationMs = nonNegativeNumber(r.generation_time_ms, 'generation_time_ms', sink);
  const ttftMs = nonNegativeNumber(r.time_to_first_token_ms, 'time_to_first_token_ms', sink);
  const cancelled = bool(r.cancelled, 'cancelled', sink);
  const streamed = bool(r.streamed, 'streamed', sink);
  const keyDisabled = bool(r.api_key_disabled, 'api_key_disabled', sink);
  if (!sink.ok || id === null || createdAt === null) return [...issuesOf(sink)];
  if (seen.has(id)) return [{ kind: 'duplicate', line: rec.line, record: rec.record }];
  seen.add(id);
  const m = openRouterModel(str(r.model_permaslug));
  const variant = str(r.variant);
  return [
    {
      kind: 'event',
      ...where,
      event: makeEvent({
        dedupeKey: id,
        occurredAt: createdAt,
        vendor: 'openrouter',
        model: m.model,
        modelRaw: m.modelRaw,
        modelCreator: m.modelCreator,
        inputTokens: input,
        cachedInputTokens: cached,
        outputTokens: output,
        reasoningTokens: reasoning,
        billedCostUsd: billed,
        requestId: id,
        user: str(r.user),
        apiKey: str(r.api_key_name),
        latencyMs: generationMs === null ? null : wholeMs(generationMs),
        tags: compactTags({
          openrouterRecord: 'activity_csv',
          served_by: str(r.provider_name),
          ...parts,
          variant: variant ?? m.variant,
          app: str(r.app_name),
          ttftMs: ttftMs === null ? null : wholeMs(ttftMs),
          finishReason: str(r.finish_reason_normalized),
          nativeFinishReason: str(r.finish_reason_raw),
          cancelled,
          streamed,
          apiKeyDisabled: keyDisabled,
        }),
      }),
    },
  ];
}

/** Checks the header once (each missing column is an issue on line 1 and no row is read), then maps each row. */
export async function* parseOpenRouterCsv(
  records: AsyncIterable<FramedRecord>,
  ctx: ParseContext,
  seen: Set<string>,
): AsyncIterable<ParsedItem> {
  let state: 'unchecked' | 'ok' | 'missing' = 'unchecked';
  for await (const rec of records) {
    if (state === 'missing') continue;
    if (state === 'unchecked') {
      const missing = isCsvRow(rec.value) ? missingColumns(rec.value, OPENROUTER_CSV_REQUIRED) : [...OPENROUTER_CSV_REQUIRED];
      state = missing.length ? 'missing' : 'ok';
      for (const c of missing)
        yield {
          kind: 'issue',
          issue: {
            file: ctx.file,
            line: 1,
            header: true,
            field: c,
            message: `missing column ${c}: an OpenRouter activity CSV needs ${OPENROUTER_CSV_REQUIRED.join(', ')}; no rows were read`,
          },
        };
      if (state === 'missing') continue;
    }
    yield* row(rec, ctx, seen);
  }
}
