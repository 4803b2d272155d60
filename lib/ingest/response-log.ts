/**
 * Response logs: one UsageEvent per logged request. Each record (JSONL line, JSON array element, or a
 * whole JSON document such as a saved response) is either
 * - a bare response body: OpenAI-style (openai-body.ts) or Anthropic Messages (anthropic.ts), or
 * - an Itemized log line wrapping one:
 *   {"timestamp": ISO-8601, "request_id": "...", "metadata": {team, workflow, project, user, environment,
 *    trace_id, api_key, ...other tags}, "outcome": {success, score 0..1, source}, "latency_ms": n, "response": <body>}
 *   Every key but `response` is optional.
 */
import { isAnthropicBody, mapAnthropicBody } from './anthropic';
import { bool, IssueSink, isObj, nonNegativeNumber, type Obj, score, str, timestamp } from './fields';
import { modelCreator, normaliseModel } from './models';
import { isOpenAiBody, mapOpenAiBody } from './openai-body';
import { brief, contentHash, issuesOf, whereOf } from './openai-shared';
import { type BodyUsage, type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem, parseEach } from './types';

/** Metadata keys with a column of their own; every other metadata key becomes a tag. */
const METADATA_COLUMNS = {
  team: 'team',
  workflow: 'workflow',
  project: 'project',
  user: 'user',
  environment: 'environment',
  trace_id: 'traceId',
  /** The key (or its alias / hash) the request was made with, as mapped CSV's api_key. */
  api_key: 'apiKey',
} as const;

type MetadataColumn = (typeof METADATA_COLUMNS)[keyof typeof METADATA_COLUMNS];

function isBody(v: unknown): v is Obj {
  return isOpenAiBody(v) || isAnthropicBody(v);
}

/** The keys an Itemized log line may have. */
const LOG_KEYS = new Set(['timestamp', 'request_id', 'metadata', 'outcome', 'latency_ms', 'response']);

function isLogLine(v: unknown): v is Obj {
  return isObj(v) && 'response' in v && !isBody(v);
}

export const responseLogSource: IngestSource = {
  id: 'response_log',
  label: 'Response log (OpenAI / Anthropic response bodies, or Itemized log lines wrapping them)',
  framings: ['jsonl', 'json'],
  detect(first) {
    if (isBody(first)) return true;
    // Other tools' records also wrap a body under `response` (LiteLLM's StandardLoggingPayload, with its own
    // metadata and cost); only a record made of log-line keys alone is taken for one of ours.
    return isLogLine(first) && Object.keys(first).every((k) => LOG_KEYS.has(k)) && isBody(first.response);
  },
  parse: (records, ctx) => parseEach(records, (rec) => parseRecord(rec, ctx)),
  recordParser: (ctx) => (rec) => parseRecord(rec, ctx),
};

/** A string-ish value (strings, numbers, booleans); an object or array is reported, not stringified. */
function text(v: unknown, field: string, sink: IssueSink): string | null {
  const s = str(v);
  if (s === null && v !== undefined && v !== null && v !== '') sink.add(field, `expected a string, got ${brief(v)}`);
  return s;
}

function mapBody(
  body: Obj,
  openAi: boolean,
  prefix: string,
  sink: IssueSink,
  where: ConstructorParameters<typeof IssueSink>[0],
): BodyUsage | null {
  const bodySink = new IssueSink(where);
  const usage = openAi ? mapOpenAiBody(body, bodySink) : mapAnthropicBody(body, bodySink);
  // Body mappers name fields relative to the body; inside a log line they live under `response`.
  for (const i of bodySink.issues) sink.add(i.field ? `${prefix}${i.field}` : prefix.replace(/\.$/, '') || undefined, i.message);
  return usage;
}

/** The items of one record: its event, or its issues. An array, not a generator: this runs per record. */
function parseRecord(rec: FramedRecord, ctx: ParseContext): ParsedItem[] {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const v = rec.value;
  const vIsBody = isBody(v);
  const log: Obj | null = vIsBody ? null : isObj(v) && 'response' in v ? v : null; // isLogLine(v), isBody(v) known
  if (!log && !vIsBody) {
    sink.add(
      undefined,
      'expected an OpenAI or Anthropic response body, or an Itemized log line {timestamp, request_id, metadata, outcome, latency_ms, response}',
    );
    return issuesOf(sink);
  }
  const body = log ? log.response : v;
  const openAi = isOpenAiBody(body);
  if (!openAi && !isAnthropicBody(body)) {
    sink.add('response', `expected an OpenAI or Anthropic response body, got ${isObj(body) ? 'an object of another shape' : brief(body)}`);
    return issuesOf(sink);
  }
  const usage = mapBody(body as Obj, openAi, log ? 'response.' : '', sink, where);

  // Log-line fields: all optional.
  const l = log ?? {};
  const loggedAt = timestamp(l.timestamp, 'timestamp', sink);
  const requestIdLogged = text(l.request_id, 'request_id', sink);
  const columns: Partial<Record<MetadataColumn, string | null>> = {};
  let metaTags: Record<string, unknown> = {};
  const meta = l.metadata;
  if (isObj(meta)) {
    for (const k of Object.keys(meta)) {
      const val = meta[k];
      if (Object.hasOwn(METADATA_COLUMNS, k))
        columns[METADATA_COLUMNS[k as keyof typeof METADATA_COLUMNS]] = text(val, `metadata.${k}`, sink);
      else if (val !== null && val !== undefined) metaTags[k] = val;
    }
  } else if (l.metadata !== undefined && l.metadata !== null) sink.add('metadata', `expected an object, got ${brief(l.metadata)}`);
  const outcome = isObj(l.outcome) ? l.outcome : {};
  if (l.outcome !== undefined && l.outcome !== null && !isObj(l.outcome))
    sink.add('outcome', `expected an object, got ${brief(l.outcome)}`);
  const success = bool(outcome.success, 'outcome.success', sink);
  const outcomeScore = score(outcome.score, 'outcome.score', sink);
  const outcomeSource = text(outcome.source, 'outcome.source', sink);
  const latency = nonNegativeNumber(l.latency_ms, 'latency_ms', sink);

  if (!sink.ok) return issuesOf(sink);
  if (!usage) return []; // a stream chunk without usage, or an unfinished response: nothing billed yet

  const model = normaliseModel(usage.modelRaw);
  const fallback = loggedAt === null && usage.createdAt === null;
  const requestId = requestIdLogged ?? usage.responseId;
  // Facts read off the body (reasoning convention, service tier) win over a metadata tag of the same name.
  if (usage.tags) metaTags = { ...metaTags, ...usage.tags };
  const item: ParsedItem = {
    kind: 'event',
    ...where,
    event: makeEvent({
      // The logger's request id, else the vendor's response id, else the record's content (stable across re-reads).
      dedupeKey: requestId ?? `sha256:${contentHash(v)}`,
      occurredAt: loggedAt ?? usage.createdAt ?? ctx.fallbackTime,
      timeInferred: fallback,
      periodSeconds: 0,
      requestCount: 1,
      vendor: usage.vendor,
      model,
      modelRaw: usage.modelRaw,
      modelCreator: modelCreator(model),
      inputTokens: usage.inputTokens,
      cachedInputTokens: usage.cachedInputTokens,
      cacheWriteTokens: usage.cacheWriteTokens,
      outputTokens: usage.outputTokens,
      reasoningTokens: usage.reasoningTokens,
      billedCostUsd: usage.billedCostUsd,
      requestId,
      team: columns.team ?? null,
      workflow: columns.workflow ?? null,
      project: columns.project ?? null,
      user: columns.user ?? null,
      apiKey: columns.apiKey ?? null,
      environment: columns.environment ?? null,
      traceId: columns.traceId ?? null,
      tags: Object.keys(metaTags).length ? metaTags : null,
      success,
      score: outcomeScore,
      outcomeSource,
      // The column is whole milliseconds.
      latencyMs: latency === null ? null : Math.round(latency),
      toolCalls: usage.toolCalls,
    }),
  };
  return [item];
}
