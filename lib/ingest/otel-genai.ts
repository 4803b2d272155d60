/**
 * OpenTelemetry GenAI spans as OTLP/JSON (FORMATS.md 8): ExportTraceServiceRequest documents
 * `{resourceSpans: [{resource, scopeSpans: [{scope, spans: [...]}]}]}`, one per file, several concatenated, or one per
 * line (the Collector's file exporter); the same body `POST /v1/traces` receives. One UsageEvent per GenAI span that
 * reports usage; other spans (HTTP, DB, tool calls) are read and skipped.
 *
 * - Attribute names, current and deprecated: input = gen_ai.usage.input_tokens | gen_ai.usage.prompt_tokens; output =
 *   gen_ai.usage.output_tokens | gen_ai.usage.completion_tokens; cached = gen_ai.usage.cache_read.input_tokens
 *   (OpenLLMetry: gen_ai.usage.cache_read_input_tokens); cacheWrite = gen_ai.usage.cache_creation.input_tokens
 *   (gen_ai.usage.cache_creation_input_tokens); reasoning = gen_ai.usage.reasoning.output_tokens
 *   (gen_ai.usage.reasoning_tokens; pydantic-ai's non-standard gen_ai.usage.details.thoughts_tokens /
 *   .reasoning_tokens). Counts may arrive as int64 strings, numbers or string values.
 * - The spec says input SHOULD include the cache and output SHOULD include reasoning (v1.40/v1.41); older
 *   instrumentations report Anthropic input without the cache. When cache read + write exceed input, input excluded
 *   them and they are added (tagged inputExcludedCache); when reasoning exceeds output, it is added (tagged
 *   reasoningExcludedFromOutput). Below those bounds the SHOULD rule is trusted: nothing in a span can tell otherwise.
 * - vendor = gen_ai.provider.name, else gen_ai.system, mapped by genai-providers.ts; a framework name or unknown value
 *   falls back to the model's creator (tagged vendorInferred), else the raw value. model = gen_ai.response.model,
 *   else gen_ai.request.model. There is no cost attribute: no billed or reported cost.
 * - occurredAt = span END (the usage exists once the response is complete; a call spanning midnight counts on the
 *   day it finished), else the start; latencyMs = end - start. traceId = the OTel trace id (hex), so a trace-level
 *   outcome covers every model call of the run; requestId = gen_ai.response.id; dedupeKey = traceId:spanId.
 * - Aggregates are not counted twice: spans of operation invoke_agent, create_agent, invoke_workflow and
 *   execute_tool are skipped, and so is any span with usage whose descendants in the same document report usage
 *   (frameworks that total a run's usage on its parent span). A parent exported in a later batch than its children
 *   cannot be recognised that way.
 * - project = resource service.name; environment = deployment.environment(.name); workflow = gen_ai.agent.name;
 *   user = enduser.id | user.id; conversation id, operation, span name, status and finish reasons go to tags.
 */
import { IssueSink, isObj, type Obj, str, tokens } from './fields';
import { genAiVendor } from './genai-providers';
import { wholeMs } from './litellm';
import { modelCreator, normaliseModel } from './models';
import { brief, compactTags, issuesOf, whereOf } from './openai-shared';
import { attributeMap, nanosToMs, otlpId } from './otlp';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem } from './types';

const INPUT = ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'];
const OUTPUT = ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'];
const CACHE_READ = ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'];
const CACHE_WRITE = ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'];
const REASONING = [
  'gen_ai.usage.reasoning.output_tokens',
  'gen_ai.usage.reasoning_tokens',
  'gen_ai.usage.details.thoughts_tokens',
  'gen_ai.usage.details.reasoning_tokens',
];
const USAGE_KEYS = [...INPUT, ...OUTPUT, ...CACHE_READ, ...CACHE_WRITE, ...REASONING];
/** Operations that wrap model calls (and may total their usage) rather than being one. */
const AGGREGATE_OPERATIONS = new Set(['invoke_agent', 'create_agent', 'invoke_workflow', 'execute_tool']);
/** OTLP status code 2 = ERROR (enums are integers in OTLP/JSON; some exporters write the name). */
const STATUS_ERROR = new Set([2, '2', 'STATUS_CODE_ERROR']);

export function isOtlpTraces(v: unknown): boolean {
  return isObj(v) && Array.isArray(v.resourceSpans);
}

interface SpanEntry {
  span: Obj;
  path: string;
  attrs: Obj;
  resource: Obj;
  scope: Obj;
  sink: IssueSink;
  spanId: string | null;
  parentId: string | null;
  hasUsage: boolean;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** The first of the names the span carries, and its field path for issues. */
function first(attrs: Obj, names: string[]): string | null {
  return names.find((n) => present(attrs[n])) ?? null;
}

/** Walks resourceSpans -> scopeSpans -> spans; structural problems become issues of the record. */
function collect(v: Obj, rec: FramedRecord, ctx: ParseContext, out: ParsedItem[]): SpanEntry[] {
  const where = whereOf(rec, ctx);
  const top = new IssueSink(where);
  const entries: SpanEntry[] = [];
  for (const [i, rs] of (v.resourceSpans as unknown[]).entries()) {
    const rsPath = `resourceSpans[${i}]`;
    if (!isObj(rs)) {
      top.add(rsPath, `expected a ResourceSpans object, got ${brief(rs)}`);
      continue;
    }
    const resource = attributeMap(isObj(rs.resource) ? rs.resource.attributes : undefined, `${rsPath}.resource.attributes`, top);
    const scopes = rs.scopeSpans ?? rs.instrumentationLibrarySpans;
    if (scopes === undefined || scopes === null) continue;
    if (!Array.isArray(scopes)) {
      top.add(`${rsPath}.scopeSpans`, `expected a list of ScopeSpans, got ${brief(scopes)}`);
      continue;
    }
    for (const [j, ss] of scopes.entries()) {
      const ssPath = `${rsPath}.scopeSpans[${j}]`;
      if (!isObj(ss) || !(ss.spans === undefined || Array.isArray(ss.spans))) {
        top.add(ssPath, `expected ScopeSpans {scope, spans: [...]}, got ${brief(ss)}`);
        continue;
      }
      const scope = isObj(ss.scope) ? ss.scope : isObj(ss.instrumentationLibrary) ? ss.instrumentationLibrary : {};
      for (const [k, span] of ((ss.spans as unknown[] | undefined) ?? []).entries()) {
        const path = `${ssPath}.spans[${k}]`;
        if (!isObj(span)) {
          top.add(path, `expected a Span object, got ${brief(span)}`);
          continue;
        }
        const sink = new IssueSink(where);
        const attrs = attributeMap(span.attributes, `${path}.attributes`, sink);
        const hasUsage = USAGE_KEYS.some((key) => present(attrs[key]));
        entries.push({
          span,
          path,
          attrs,
          resource,
          scope,
          sink,
          spanId: typeof span.spanId === 'string' ? span.spanId.toLowerCase() : null,
          parentId: typeof span.parentSpanId === 'string' && span.parentSpanId !== '' ? span.parentSpanId.toLowerCase() : null,
          hasUsage,
        });
      }
    }
  }
  out.push(...issuesOf(top));
  return entries;
}

/** Span ids (as written) with a descendant in the same document that reports usage. */
function aggregateIds(entries: SpanEntry[]): Set<string> {
  const parentOf = new Map<string, string>();
  for (const e of entries) if (e.spanId && e.parentId) parentOf.set(e.spanId, e.parentId);
  const out = new Set<string>();
  for (const e of entries) {
    if (!e.hasUsage || !e.spanId) continue;
    let p = parentOf.get(e.spanId);
    for (let guard = 0; p && guard < 1000; guard++) {
      out.add(p);
      p = parentOf.get(p);
    }
  }
  return out;
}

function spanEvent(e: SpanEntry, rec: FramedRecord, ctx: ParseContext, aggregates: Set<string>, seen: Set<string>): ParsedItem[] {
  const { span, path, attrs, sink } = e;
  const operation = str(attrs['gen_ai.operation.name']);
  if (operation && AGGREGATE_OPERATIONS.has(operation)) return [...issuesOf(sink)];
  if (e.spanId && aggregates.has(e.spanId)) return [...issuesOf(sink)];
  const attr = (name: string) => `${path}.attributes.${name}`;
  const read = (names: string[]) => {
    const n = first(attrs, names);
    return n === null ? null : tokens(attrs[n], attr(n), sink);
  };
  let input = read(INPUT);
  let output = read(OUTPUT);
  const cached = read(CACHE_READ);
  const cacheWrite = read(CACHE_WRITE);
  const reasoning = read(REASONING);
  const traceId = otlpId(span.traceId, 16, `${path}.traceId`, sink);
  const spanId = otlpId(span.spanId, 8, `${path}.spanId`, sink);
  if (!present(span.traceId)) sink.add(`${path}.traceId`, 'expected the trace id (32 hex digits), got nothing');
  if (!present(span.spanId)) sink.add(`${path}.spanId`, 'expected the span id (16 hex digits), got nothing');
  const startMs = nanosToMs(span.startTimeUnixNano, `${path}.startTimeUnixNano`, sink);
  const endMs = nanosToMs(span.endTimeUnixNano, `${path}.endTimeUnixNano`, sink);
  if (startMs === null && endMs === null && sink.ok)
    sink.add(`${path}.endTimeUnixNano`, 'expected the span end (or start) time in nanoseconds since the epoch, got nothing');
  if (startMs !== null && endMs !== null && endMs < startMs)
    sink.add(`${path}.endTimeUnixNano`, `expected the span to end at or after its start (${new Date(startMs).toISOString()})`);
  if (!sink.ok || traceId === null || spanId === null || (startMs === null && endMs === null)) return [...issuesOf(sink)];
  const key = `${traceId}:${spanId}`;
  if (seen.has(key)) return [{ kind: 'duplicate', line: rec.line, record: rec.record }];
  seen.add(key);

  const tags: Obj = {};
  const cacheParts = (cached ?? 0) + (cacheWrite ?? 0);
  if (input !== null && cacheParts > input) {
    input += cacheParts;
    tags.inputExcludedCache = true;
  }
  if (output !== null && reasoning !== null && reasoning > output) {
    output += reasoning;
    tags.reasoningExcludedFromOutput = true;
  }
  const providerRaw = str(attrs['gen_ai.provider.name']) ?? str(attrs['gen_ai.system']);
  const modelRaw = str(attrs['gen_ai.response.model']) ?? str(attrs['gen_ai.request.model']);
  const model = normaliseModel(modelRaw);
  const creator = modelCreator(model);
  const mapped = genAiVendor(providerRaw);
  const vendor = mapped ?? creator ?? providerRaw?.toLowerCase() ?? 'unknown';
  const res = e.resource;
  const finish = attrs['gen_ai.response.finish_reasons'];
  const status = isObj(span.status) ? span.status : {};
  return [
    {
      kind: 'event',
      ...whereOf(rec, ctx),
      event: makeEvent({
        dedupeKey: key,
        occurredAt: new Date(endMs ?? (startMs as number)),
        vendor,
        model,
        modelRaw,
        modelCreator: creator,
        inputTokens: input,
        cachedInputTokens: cached,
        cacheWriteTokens: cacheWrite,
        outputTokens: output,
        reasoningTokens: reasoning,
        requestId: str(attrs['gen_ai.response.id']),
        traceId,
        project: str(res['service.name']),
        environment: str(res['deployment.environment.name']) ?? str(res['deployment.environment']),
        workflow: str(attrs['gen_ai.agent.name']),
        user: str(attrs['enduser.id']) ?? str(attrs['user.id']),
        latencyMs: startMs !== null && endMs !== null ? wholeMs(endMs - startMs) : null,
        tags: compactTags({
          ...tags,
          provider: providerRaw,
          vendorInferred: mapped ? null : true,
          spanId,
          parentSpanId: e.parentId,
          spanName: str(span.name),
          operation,
          conversationId: str(attrs['gen_ai.conversation.id']),
          requestModel: str(attrs['gen_ai.request.model']) !== modelRaw ? str(attrs['gen_ai.request.model']) : null,
          finishReasons: Array.isArray(finish) ? finish : null,
          statusError: STATUS_ERROR.has(status.code as never) ? (str(status.message) ?? true) : null,
          scope: str(e.scope.name),
          serviceVersion: str(res['service.version']),
        }),
      }),
    },
  ];
}

function* parseRecord(rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  const v = rec.value;
  if (!isObj(v) || !isOtlpTraces(v)) {
    const sink = new IssueSink(whereOf(rec, ctx));
    sink.add(
      isObj(v) && 'resourceSpans' in v ? 'resourceSpans' : undefined,
      `expected an OTLP/JSON trace export {resourceSpans: [{resource, scopeSpans: [{scope, spans: [...]}]}]}, got ${brief(v)}`,
    );
    yield* issuesOf(sink);
    return;
  }
  const out: ParsedItem[] = [];
  const entries = collect(v, rec, ctx, out);
  yield* out;
  const aggregates = aggregateIds(entries);
  for (const e of entries) {
    if (!e.hasUsage) {
      yield* issuesOf(e.sink);
      continue;
    }
    yield* spanEvent(e, rec, ctx, aggregates, seen);
  }
}

export const otelGenAiSource: IngestSource = {
  id: 'otel_genai',
  label: 'OpenTelemetry GenAI spans (OTLP/JSON trace exports)',
  framings: ['json', 'jsonl'],
  detect: (v) => isOtlpTraces(v),
  async *parse(records, ctx) {
    const seen = new Set<string>();
    for await (const rec of records) yield* parseRecord(rec, ctx, seen);
  },
};
