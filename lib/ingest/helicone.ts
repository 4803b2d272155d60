/**
 * Helicone request exports (FORMATS.md 6): one UsageEvent per `HeliconeRequest`, from `npx @helicone/export`
 * (`--format json|jsonl|csv`), the REST query endpoints (`{data: [...], error}`), or HQL/ClickHouse rows of
 * `request_response_rmt`. No real export was available: our fixtures follow the documented field list.
 *
 * Conventions:
 * - Money: REST/export `costUSD` is USD; the HQL/ClickHouse `cost` column is an integer of USD x 1,000,000,000, divided
 *   exactly (decimal, never float). Helicone computes it from its own price table: reportedCostUsd with reportedBy
 *   'helicone', never billed. A record with both uses costUSD.
 * - Tokens: Helicone stores `prompt_tokens` as the fresh (uncached) part and prices the cache buckets on top
 *   (its costOfPrompt; the OpenAI body processor subtracts cached and audio tokens, Anthropic's input_tokens is
 *   uncached already). So input = prompt_tokens + prompt_cache_read_tokens + prompt_cache_write_tokens
 *   (+ prompt_audio_tokens), output = completion_tokens (+ completion_audio_tokens); cached = cache read,
 *   cacheWrite = cache write. `total_tokens` does not decide anything (Helicone's Anthropic total leaves the cache
 *   out) and is kept in tags. There is no reasoning field: reasoningTokens stays null (reasoning is inside output).
 * - occurredAt = request_created_at (zone-less = UTC); latencyMs = delay_ms (HQL: latency); ttft in tags.
 * - vendor = `provider` mapped (OPENAI -> openai, AZURE -> azure_openai, BEDROCK/AWS -> aws_bedrock, X -> xai, ...;
 *   others lower-cased), else the model's creator (tagged vendorInferred). model = model, else response_model,
 *   else request_model.
 * - Properties (`properties` or `request_properties`, a map, a JSON string, or flattened `properties.<Name>` CSV
 *   columns): Helicone-Session-Id becomes traceId; Team / Workflow / Project / Environment (any case) their columns;
 *   all of them are kept in tags.properties. user = request_user_id (HQL: user_id).
 * - Outcome: feedback_rating (a user's thumbs up/down) is success, outcomeSource 'helicone:feedback'; a score named
 *   like correctness/pass (see langfuse-usage.ts) with a value in 0..1 is the score (and the success, value >= 0.5,
 *   when there is no feedback). All scores go to tags. response_status is transport status: tags only.
 * - dedupeKey = request_id (repeats within a file are duplicates).
 */
import { score as asScore, bool, IssueSink, isObj, money, nonNegativeNumber, type Obj, str, sumKnown, timestamp, tokens } from './fields';
import { OUTCOME_NAME } from './langfuse-usage';
import { decodeJsonish, litellmCreator, wholeMs } from './litellm';
import { normaliseModel } from './models';
import { brief, compactTags, isCsvRow, issuesOf, whereOf } from './openai-shared';
import { openRouterModel } from './openrouter-model';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem } from './types';

/** USD x 1e9: the unit of Helicone's ClickHouse `cost` column (COST_PRECISION_MULTIPLIER in Helicone's cost package). */
const HQL_COST_PER_USD = 1_000_000_000;

const VENDORS: Record<string, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  azure: 'azure_openai',
  aws: 'aws_bedrock',
  bedrock: 'aws_bedrock',
  google: 'google',
  vertex: 'google_vertex',
  openrouter: 'openrouter',
  x: 'xai',
  xai: 'xai',
  groq: 'groq',
  together: 'together',
  fireworks: 'fireworks',
  mistral: 'mistral',
  deepseek: 'deepseek',
  cohere: 'cohere',
  perplexity: 'perplexity',
};

/** Keys of a HeliconeRequest (or an HQL row) that tell it apart from other sources' records. */
function isHeliconeRequest(v: unknown): v is Obj {
  return (
    isObj(v) &&
    'request_id' in v &&
    'request_created_at' in v &&
    ['costUSD', 'cost', 'prompt_tokens', 'provider', 'delay_ms', 'request_model'].some((k) => k in v)
  );
}

export function isHeliconeRecord(v: unknown): boolean {
  if (isHeliconeRequest(v)) return true;
  return isObj(v) && Array.isArray(v.data) && v.data.length > 0 && isHeliconeRequest(v.data[0]);
}

/** A map given as an object, a JSON string, or flattened `<prefix>.<key>` CSV columns. */
function mapOf(r: Obj, names: string[], sink: IssueSink): { map: Obj | null; field: string | null } {
  for (const n of names) {
    const raw = decodeJsonish(r[n], n, sink);
    if (isObj(raw)) return { map: raw, field: n };
    if (raw !== undefined && raw !== null && raw !== '') sink.add(n, `expected an object (or a JSON-encoded one), got ${brief(raw)}`);
  }
  const flat: Obj = {};
  for (const n of names) for (const [k, v] of Object.entries(r)) if (k.startsWith(`${n}.`) && v !== '') flat[k.slice(n.length + 1)] = v;
  return Object.keys(flat).length ? { map: flat, field: names[0] } : { map: null, field: null };
}

function propertyColumn(props: Obj | null, name: string): string | null {
  if (!props) return null;
  for (const [k, v] of Object.entries(props)) if (k.toLowerCase() === name) return str(v);
  return null;
}

/** The outcome from feedback and scores; see the header. */
function outcomeOf(feedback: boolean | null, scores: Obj | null) {
  let best: { name: string; value: string } | null = null;
  for (const [name, raw] of Object.entries(scores ?? {})) {
    if (!OUTCOME_NAME.test(name) || best) continue;
    const probe = new IssueSink({ file: '' });
    const value = asScore(typeof raw === 'boolean' ? Number(raw) : raw, `scores.${name}`, probe);
    if (value !== null) best = { name, value };
  }
  if (feedback !== null) return { success: feedback, score: best?.value ?? null, outcomeSource: 'helicone:feedback' };
  if (best) return { success: Number(best.value) >= 0.5, score: best.value, outcomeSource: `helicone:${best.name}` };
  return { success: null, score: null, outcomeSource: null };
}

function* parseRequest(r: Obj, prefix: string, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const f = (name: string) => `${prefix}${name}`;
  const requestId = str(r.request_id);
  if (requestId === null) sink.add(f('request_id'), `expected Helicone's request id, got ${brief(r.request_id ?? null)}`);
  const createdAt = timestamp(r.request_created_at, f('request_created_at'), sink);
  if (!str(r.request_created_at)) sink.add(f('request_created_at'), 'expected the request time (ISO-8601), got nothing');
  const t = (k: string) => tokens(r[k], f(k), sink);
  const prompt = t('prompt_tokens');
  const cacheRead = t('prompt_cache_read_tokens');
  const cacheWrite = t('prompt_cache_write_tokens');
  const promptAudio = t('prompt_audio_tokens');
  const completion = t('completion_tokens');
  const completionAudio = t('completion_audio_tokens');
  const total = t('total_tokens');
  const hasUsd = r.costUSD !== undefined && r.costUSD !== null && r.costUSD !== '';
  const cost = hasUsd ? money(r.costUSD, f('costUSD'), sink) : money(r.cost, f('cost'), sink, HQL_COST_PER_USD);
  const latencyField = r.delay_ms !== undefined ? 'delay_ms' : 'latency';
  const latency = nonNegativeNumber(r[latencyField], f(latencyField), sink);
  const ttft = nonNegativeNumber(r.time_to_first_token, f('time_to_first_token'), sink);
  const feedback = bool(r.feedback_rating, f('feedback_rating'), sink);
  const props = mapOf(r, ['properties', 'request_properties'], sink).map;
  const scores = mapOf(r, ['scores'], sink).map;
  if (!sink.ok || requestId === null || createdAt === null) {
    yield* issuesOf(sink);
    return;
  }
  if (seen.has(requestId)) {
    yield { kind: 'duplicate', line: rec.line, record: rec.record };
    return;
  }
  seen.add(requestId);

  const modelRaw = str(r.model) ?? str(r.response_model) ?? str(r.request_model);
  const provider = str(r.provider)?.toLowerCase() ?? null;
  const mapped = provider ? VENDORS[provider] : undefined;
  const viaOpenRouter = mapped === 'openrouter';
  const model = viaOpenRouter ? openRouterModel(modelRaw).model : normaliseModel(modelRaw);
  const creator = viaOpenRouter ? openRouterModel(modelRaw).modelCreator : litellmCreator(model);
  const vendor = mapped ?? provider ?? creator ?? 'unknown';
  const outcome = outcomeOf(feedback, scores);
  // Helicone's convention (see the header): the cache and audio buckets are outside prompt_tokens.
  const input = prompt === null ? null : sumKnown(prompt, cacheRead, cacheWrite, promptAudio);
  const output = completion === null ? null : sumKnown(completion, completionAudio);

  yield {
    kind: 'event',
    ...where,
    event: makeEvent({
      dedupeKey: requestId,
      occurredAt: createdAt,
      vendor,
      model,
      modelRaw,
      modelCreator: creator,
      inputTokens: input,
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: output,
      reportedCostUsd: cost,
      reportedBy: cost === null ? null : 'helicone',
      requestId,
      user: str(r.request_user_id) ?? str(r.user_id),
      traceId: propertyColumn(props, 'helicone-session-id'),
      team: propertyColumn(props, 'team'),
      workflow: propertyColumn(props, 'workflow'),
      project: propertyColumn(props, 'project'),
      environment: propertyColumn(props, 'environment'),
      latencyMs: latency === null ? null : wholeMs(latency),
      success: outcome.success,
      score: outcome.score,
      outcomeSource: outcome.outcomeSource,
      tags: compactTags({
        provider: str(r.provider),
        vendorInferred: mapped || provider ? null : true,
        costUnit: cost !== null && !hasUsd ? 'usd_x1e9' : null,
        totalTokens: total,
        status: str(r.response_status) ?? str(r.status),
        responseId: str(r.response_id),
        requestModel: str(r.request_model),
        responseModel: str(r.response_model),
        modelOverride: str(r.model_override),
        path: str(r.request_path),
        targetUrl: str(r.target_url),
        ttftMs: ttft === null ? null : wholeMs(ttft),
        promptId: str(r.prompt_id),
        countryCode: str(r.country_code),
        feedbackId: str(r.feedback_id),
        properties: props,
        scores,
      }),
    }),
  };
}

function* parseValue(v: unknown, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  if (isHeliconeRequest(v)) return yield* parseRequest(v, '', rec, ctx, seen);
  if (isObj(v) && Array.isArray(v.data)) {
    for (const [i, r] of v.data.entries()) {
      if (isObj(r)) yield* parseRequest(r, `data[${i}].`, rec, ctx, seen);
      else
        yield {
          kind: 'issue',
          issue: { ...whereOf(rec, ctx), field: `data[${i}]`, message: `expected a Helicone request object, got ${brief(r)}` },
        };
    }
    return;
  }
  yield {
    kind: 'issue',
    issue: {
      ...whereOf(rec, ctx),
      message: `expected a Helicone request {request_id, request_created_at, provider, model, prompt_tokens, costUSD, ...} or {data: [...]}, got ${brief(v)}`,
    },
  };
}

const CSV_REQUIRED = ['request_id', 'request_created_at'];

export const heliconeSource: IngestSource = {
  id: 'helicone',
  label: 'Helicone request exports (JSON, JSONL, CSV; REST and HQL rows)',
  framings: ['json', 'jsonl', 'csv'],
  detect: (first) => isHeliconeRecord(first),
  async *parse(records, ctx) {
    const seen = new Set<string>();
    let header: 'unchecked' | 'ok' | 'missing' = ctx.framing === 'csv' ? 'unchecked' : 'ok';
    for await (const rec of records) {
      if (header === 'missing') continue; // consume the stream: the header was reported
      if (header === 'unchecked') {
        const missing = isCsvRow(rec.value) ? CSV_REQUIRED.filter((c) => !(c in (rec.value as Obj))) : CSV_REQUIRED;
        header = missing.length ? 'missing' : 'ok';
        for (const c of missing)
          yield {
            kind: 'issue',
            issue: {
              file: ctx.file,
              line: 1,
              header: true,
              field: c,
              message: `missing column ${c}: a Helicone CSV export needs ${CSV_REQUIRED.join(', ')}; no rows were read`,
            },
          };
        if (header === 'missing') continue;
      }
      yield* parseValue(rec.value, rec, ctx, seen);
    }
  },
};
