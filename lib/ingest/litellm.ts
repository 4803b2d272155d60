/**
 * LiteLLM proxy (FORMATS.md 4): one UsageEvent per request, from either
 * - a `LiteLLM_SpendLogs` row (4a): JSON object, JSON array of rows, JSONL, or a CSV export of the table, where
 *   `metadata`, `request_tags`, `messages` and `response` may be JSON-encoded strings; or
 * - a StandardLoggingPayload (4b): what LiteLLM callbacks (GCS/PubSub, S3, custom loggers) receive.
 *
 * Conventions:
 * - occurredAt = startTime. Naive timestamps ("2025-01-24 09:20:46.847371") are UTC unless told otherwise
 *   (ParseContext.naiveOffset: `ingest --timezone +02:00`, `?timezone=` on a push); epoch floats are seconds.
 * - input = prompt_tokens. LiteLLM reports prompt_tokens in the OpenAI convention (cache reads included), and for
 *   Anthropic it already ADDS cache reads and cache writes into prompt_tokens, so they are never added again.
 *   Older LiteLLM versions added only the cache reads: when the cache detail (reads + writes) exceeds prompt_tokens,
 *   the missing writes (then, if still short, the reads) are added and the row is tagged `promptTokensAdjusted`.
 * - cached = usage.prompt_tokens_details.cached_tokens, else usage.cache_read_input_tokens;
 *   cacheWrite = usage.cache_creation_input_tokens, else usage.prompt_tokens_details.cache_creation_tokens.
 *   The usage object is metadata.usage_object (SpendLogs), else response.usage (payload).
 * - output = completion_tokens (reasoning included); reasoning = completion_tokens_details.reasoning_tokens, else null.
 *   If reasoning exceeds completion_tokens (xAI-style exclusive counting) output = completion + reasoning, tagged.
 * - spend / response_cost is LiteLLM's price-table estimate: reportedCostUsd with reportedBy 'litellm', never billed.
 * - vendor = custom_llm_provider mapped to our ids (VENDORS), else the "provider/" prefix of the model, else the
 *   model's creator, else 'unknown'. modelCreator also reads Bedrock's maker prefix ("us.anthropic.claude-…").
 * - latencyMs = request_duration_ms, else response_time (s) x 1000, else endTime - startTime (whole ms).
 * - dedupeKey = request_id (payload: id); rows without one are keyed by a hash of their content.
 * - status (success/failure) is transport status, not an outcome: kept in tags; success stays null.
 * - Attribution: apiKey = api_key (already a hash; payload: metadata.user_api_key_hash); user = `user` column, else
 *   metadata.user_api_key_user_id; team = team_id, else metadata.user_api_key_team_id; project =
 *   metadata.user_api_key_project_id; traceId = session_id, else trace_id. end_user, key/team aliases, org,
 *   request_tags, spend_logs_metadata, model_group, call_type and cache_hit go to tags.
 */
import { at, bool, IssueSink, isObj, money, nonNegativeNumber, type Obj, str, timestamp, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import { brief, compactTags, contentHash, issuesOf, whereOf } from './openai-shared';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem, parseEach } from './types';

/** LiteLLM custom_llm_provider -> our vendor ids (who bills). Unlisted providers keep LiteLLM's name. */
const VENDORS: Record<string, string> = {
  openai: 'openai',
  text_completion_openai: 'openai',
  chatgpt: 'openai',
  azure: 'azure_openai',
  azure_text: 'azure_openai',
  azure_ai: 'azure_ai',
  anthropic: 'anthropic',
  anthropic_text: 'anthropic',
  bedrock: 'aws_bedrock',
  bedrock_converse: 'aws_bedrock',
  sagemaker: 'aws_sagemaker',
  vertex_ai: 'google_vertex',
  vertex_ai_beta: 'google_vertex',
  gemini: 'google',
  palm: 'google',
  xai: 'xai',
  deepseek: 'deepseek',
  mistral: 'mistral',
  codestral: 'mistral',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  groq: 'groq',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  cerebras: 'cerebras',
  databricks: 'databricks',
  watsonx: 'ibm_watsonx',
  moonshot: 'moonshot',
  dashscope: 'alibaba',
};

export function litellmVendor(provider: string | null, modelRaw: string | null): { vendor: string; inferred: boolean } {
  const p = provider?.trim().toLowerCase() || null;
  if (p) return { vendor: VENDORS[p] ?? p, inferred: false };
  const slash = modelRaw?.indexOf('/') ?? -1;
  if (modelRaw && slash > 0) {
    const prefix = modelRaw.slice(0, slash).toLowerCase();
    if (VENDORS[prefix]) return { vendor: VENDORS[prefix], inferred: true };
  }
  return { vendor: litellmCreator(normaliseModel(modelRaw)) ?? 'unknown', inferred: true };
}

/** Bedrock model ids carry their maker as a prefix: "anthropic.claude-…", "us.meta.llama3-…" (region first). */
const BEDROCK_MAKERS: Record<string, string> = {
  anthropic: 'anthropic',
  meta: 'meta',
  amazon: 'amazon',
  mistral: 'mistral',
  cohere: 'cohere',
  ai21: 'ai21',
  deepseek: 'deepseek',
  openai: 'openai',
  qwen: 'alibaba',
  writer: 'writer',
};

/** modelCreator(), plus the maker prefix of Bedrock ids that models.ts does not know. */
export function litellmCreator(model: string | null): string | null {
  const c = modelCreator(model);
  if (c || !model) return c;
  const m = /^(?:(?:us|eu|apac|global|us-gov)\.)?([a-z0-9]+)\.[a-z0-9]/.exec(model);
  return m ? (BEDROCK_MAKERS[m[1]] ?? null) : null;
}

/** A JSON-encoded string is decoded; anything else is returned as is. Undecodable strings are reported. */
export function decodeJsonish(v: unknown, field: string, sink: IssueSink): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  // Python's None and JSON null, as LiteLLM and CSV exports write an empty column.
  if (t === 'null' || t === 'None') return null;
  if (t === '' || !(t.startsWith('{') || t.startsWith('['))) return v;
  try {
    return JSON.parse(t);
  } catch {
    sink.add(field, `expected JSON-encoded ${t.startsWith('{') ? 'object' : 'array'}, got ${brief(v)}`);
    return undefined;
  }
}

function isSpendLogRow(v: unknown): v is Obj {
  return isObj(v) && 'request_id' in v && 'spend' in v && ('startTime' in v || 'call_type' in v);
}

function isStandardPayload(v: unknown): v is Obj {
  return (
    isObj(v) &&
    'id' in v &&
    'response_cost' in v &&
    'startTime' in v &&
    ('call_type' in v || 'model_map_information' in v || 'hidden_params' in v || 'custom_llm_provider' in v)
  );
}

export function isLitellmRecord(v: unknown): boolean {
  return isSpendLogRow(v) || isStandardPayload(v);
}

/** Whole milliseconds, or null when negative or beyond a safe integer (reported as an issue when a field is named). */
export function wholeMs(ms: number | null, field?: string, sink?: IssueSink): number | null {
  if (ms === null) return null;
  const n = Math.round(ms);
  if (Number.isSafeInteger(n) && n >= 0) return n;
  if (field && sink) sink.add(field, `expected a duration within range, got ${ms} ms`);
  return null;
}

function countToolCalls(response: unknown): number | null {
  if (!isObj(response) || !Array.isArray(response.choices)) return null;
  let n = 0;
  for (const c of response.choices) {
    const calls = at(c, 'message.tool_calls');
    if (Array.isArray(calls)) n += calls.length;
  }
  return n;
}

function* parseRecord(rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const v = rec.value;
  const row = isSpendLogRow(v);
  if (!row && !isStandardPayload(v)) {
    sink.add(
      undefined,
      `expected a LiteLLM_SpendLogs row {request_id, spend, startTime, ...} or a StandardLoggingPayload {id, response_cost, startTime, ...}, got ${brief(v)}`,
    );
    yield* issuesOf(sink);
    return;
  }
  const r = v as Obj;
  const metaRaw = decodeJsonish(r.metadata, 'metadata', sink);
  const meta: Obj = isObj(metaRaw) ? metaRaw : {};
  if (metaRaw !== undefined && metaRaw !== null && metaRaw !== '' && !isObj(metaRaw))
    sink.add('metadata', `expected an object (or a JSON-encoded one), got ${brief(metaRaw)}`);
  const response = decodeJsonish(r.response, 'response', sink);
  const requestTags = decodeJsonish(r.request_tags, 'request_tags', sink);
  // Usage detail: SpendLogs keep it in metadata.usage_object; payloads in response.usage.
  const usageObj = [meta.usage_object, at(response, 'usage')].find(isObj) ?? {};
  const usagePath = isObj(meta.usage_object) ? 'metadata.usage_object' : 'response.usage';
  const u = (path: string) => tokens(at(usageObj, path), `${usagePath}.${path}`, sink);

  const occurredAt = timestamp(r.startTime, 'startTime', sink, ctx.naiveOffset);
  const endTime = timestamp(r.endTime, 'endTime', sink, ctx.naiveOffset);
  const prompt = tokens(r.prompt_tokens, 'prompt_tokens', sink) ?? u('prompt_tokens');
  const completion = tokens(r.completion_tokens, 'completion_tokens', sink) ?? u('completion_tokens');
  const total = tokens(r.total_tokens, 'total_tokens', sink);
  const cached = u('prompt_tokens_details.cached_tokens') ?? u('cache_read_input_tokens');
  const cacheWrite = u('cache_creation_input_tokens') ?? u('prompt_tokens_details.cache_creation_tokens');
  const reasoning = u('completion_tokens_details.reasoning_tokens');
  const costField = row ? 'spend' : 'response_cost';
  const cost = money(r[costField], costField, sink);
  const durationMs = wholeMs(nonNegativeNumber(r.request_duration_ms, 'request_duration_ms', sink), 'request_duration_ms', sink);
  const responseTime = nonNegativeNumber(r.response_time, 'response_time', sink);
  const responseMs = responseTime === null ? null : wholeMs(responseTime * 1000, 'response_time', sink);
  const cacheHit = r.cache_hit === 'None' ? null : bool(r.cache_hit, 'cache_hit', sink);
  if (!occurredAt && (r.startTime === undefined || r.startTime === null || r.startTime === ''))
    sink.add('startTime', 'expected the request start time');
  if (!sink.ok || !occurredAt) {
    yield* issuesOf(sink);
    return;
  }

  const requestId = str(row ? r.request_id : r.id);
  if (requestId !== null) {
    if (seen.has(requestId)) {
      yield { kind: 'duplicate', line: rec.line, record: rec.record };
      return;
    }
    seen.add(requestId);
  }
  const tags: Record<string, unknown> = {};
  // Token convention (see the header): prompt_tokens is already the full input.
  let input = prompt;
  const cacheParts = (cached ?? 0) + (cacheWrite ?? 0);
  if (input !== null && cacheParts > input) {
    input += cacheWrite ?? 0;
    if (cacheParts > input) input += cached ?? 0;
    tags.promptTokensAdjusted = true;
  }
  let output = completion;
  if (output !== null && reasoning !== null && reasoning > output) {
    output += reasoning;
    tags.reasoningExcludedFromCompletion = true;
  }

  const modelRaw = str(r.model);
  const model = normaliseModel(modelRaw);
  const provider = str(r.custom_llm_provider);
  const { vendor, inferred } = litellmVendor(provider, modelRaw);
  // request_duration_ms, else response_time (s), else endTime - startTime (Date precision: whole ms).
  const latency = durationMs ?? responseMs ?? (endTime ? wholeMs(endTime.getTime() - occurredAt.getTime()) : null);
  const m = (k: string) => str(meta[k]);

  Object.assign(tags, {
    litellmRecord: row ? 'spend_logs' : 'standard_logging_payload',
    status: str(r.status),
    callType: str(r.call_type),
    customLlmProvider: provider,
    vendorInferred: inferred ? true : null,
    modelGroup: str(r.model_group),
    modelId: str(r.model_id),
    apiBase: str(r.api_base),
    cacheHit,
    stream: typeof r.stream === 'boolean' ? r.stream : null,
    endUser: str(r.end_user) ?? m('user_api_key_end_user_id'),
    keyAlias: m('user_api_key_alias'),
    teamAlias: m('user_api_key_team_alias'),
    organization: str(r.organization_id) ?? m('user_api_key_org_id'),
    projectAlias: m('user_api_key_project_alias'),
    requestTags: Array.isArray(requestTags) && requestTags.length ? requestTags : null,
    spendLogsMetadata: isObj(meta.spend_logs_metadata) ? meta.spend_logs_metadata : null,
    agentId: str(r.agent_id),
    mcpTool: str(r.mcp_namespaced_tool_name),
    error: str(r.error_str),
    totalTokens: total,
  });

  yield {
    kind: 'event',
    ...where,
    event: makeEvent({
      dedupeKey: requestId ?? `sha256:${contentHash(v)}`,
      occurredAt,
      vendor,
      model,
      modelRaw,
      modelCreator: litellmCreator(model),
      inputTokens: input,
      cachedInputTokens: cached,
      cacheWriteTokens: cacheWrite,
      outputTokens: output,
      reasoningTokens: reasoning,
      reportedCostUsd: cost,
      reportedBy: cost === null ? null : 'litellm',
      requestId,
      project: m('user_api_key_project_id') ?? m('project_id'),
      apiKey: str(r.api_key) ?? m('user_api_key_hash') ?? m('user_api_key'),
      user: str(r.user) ?? m('user_api_key_user_id'),
      team: str(r.team_id) ?? m('user_api_key_team_id'),
      traceId: str(r.session_id) ?? str(r.trace_id),
      tags: compactTags(tags),
      latencyMs: latency,
      toolCalls: countToolCalls(response),
    }),
  };
}

/** One record at a time; `seen` drops records repeated within the file. */
function recordParser(ctx: ParseContext): (rec: FramedRecord) => Iterable<ParsedItem> {
  const seen = new Set<string>();
  return (rec) => parseRecord(rec, ctx, seen);
}

export const litellmSource: IngestSource = {
  id: 'litellm',
  label: 'LiteLLM proxy (LiteLLM_SpendLogs rows as JSON/JSONL/CSV, or StandardLoggingPayload callbacks)',
  framings: ['json', 'jsonl', 'csv'],
  detect: (first) => isLitellmRecord(first),
  parse: (records, ctx) => parseEach(records, recordParser(ctx)),
  recordParser,
};
