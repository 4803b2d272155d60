/**
 * Langfuse (FORMATS.md 5): one UsageEvent per GENERATION (or EMBEDDING) observation that carries usage or cost.
 * Accepted records (JSON document, JSON array elements, or JSONL lines):
 * - a trace export `{trace, observations}` (the samples' shape),
 * - a trace with details `{id, name, ..., observations, scores}` (GET /api/public/traces/{id}),
 * - a bare observation `{id, traceId, type, startTime, usageDetails, ...}` (GET /api/public/observations rows),
 * - a page `{data: [...], meta}` of any of the above.
 *
 * Conventions:
 * - dedupeKey = requestId = observation id (repeats of an id within a file are reported as duplicates).
 * - Tokens: see langfuse-usage.ts (key style decided per key name: disjoint `input_*`/`output_*` buckets are summed,
 *   OpenAI-style `prompt_details.*`/`completion_details.*` are subsets and never added).
 * - reportedCostUsd = costDetails.total, else totalCost (else the deprecated calculatedTotalCost), reportedBy
 *   'langfuse' (Langfuse's own price table; tagged costProvided when the SDK sent providedCostDetails). A totalCost of
 *   0 beside an empty costDetails means "not priced" and is null; a costDetails.total of 0 stays 0.
 * - occurredAt = startTime (else the trace timestamp, else the fallback time); latencyMs = latency (seconds) x 1000,
 *   else endTime - startTime; timeToFirstToken (seconds) goes to tags as ttftMs.
 * - workflow = trace.name; user = trace.userId; traceId = the Langfuse trace id (one agent run); the sessionId (a
 *   conversation of many traces) goes to tags; environment = observation environment, else the trace's.
 * - vendor = the observation's OTel provider attribute (gen_ai.provider.name, gen_ai.system, llm.provider,
 *   llm.system) when it is a known provider, else the model's creator (tagged vendorInferred), else 'unknown'.
 * - Outcome: see outcomeOf in langfuse-usage.ts (correctness/accuracy/pass-like NUMERIC 0..1 or BOOLEAN scores;
 *   success = value >= 0.5). A trace-level score applies to every generation of the trace. All scores go to tags.
 */
import { timestamp as asTimestamp, IssueSink, isObj, money, nonNegativeNumber, type Obj, str } from './fields';
import { genAiVendor } from './genai-providers';
import { mapUsageDetails, outcomeOf, scoreTag } from './langfuse-usage';
import { wholeMs } from './litellm';
import { modelCreator, normaliseModel } from './models';
import { brief, compactTags, issuesOf, whereOf } from './openai-shared';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem, parseEach } from './types';

const OBSERVATION_TYPES = new Set([
  'GENERATION',
  'SPAN',
  'EVENT',
  'AGENT',
  'TOOL',
  'CHAIN',
  'RETRIEVER',
  'EVALUATOR',
  'EMBEDDING',
  'GUARDRAIL',
]);
const USAGE_TYPES = new Set(['GENERATION', 'EMBEDDING']);

const PROVIDER_ATTRIBUTES = ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system'];

function isObservation(v: unknown): v is Obj {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    typeof v.type === 'string' &&
    OBSERVATION_TYPES.has(v.type) &&
    'traceId' in v &&
    'startTime' in v
  );
}

function isTraceExport(v: unknown): v is Obj {
  return isObj(v) && isObj(v.trace) && Array.isArray(v.observations);
}

function isTraceWithObservations(v: unknown): v is Obj {
  return isObj(v) && typeof v.id === 'string' && Array.isArray(v.observations) && ('timestamp' in v || 'projectId' in v);
}

function isPage(v: unknown): v is Obj {
  if (!isObj(v) || !Array.isArray(v.data) || v.data.length === 0) return false;
  const d = v.data[0];
  return isObservation(d) || isTraceExport(d) || isTraceWithObservations(d);
}

export function isLangfuseRecord(v: unknown): boolean {
  return isTraceExport(v) || isTraceWithObservations(v) || isObservation(v) || isPage(v);
}

/** Free-form metadata may be a JSON-encoded string; undecodable text is left alone (it is not ours to judge). */
function jsonish(v: unknown): unknown {
  if (typeof v !== 'string' || !/^\s*[{[]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function vendorOf(metadata: unknown, model: string | null): { vendor: string; inferred: boolean } {
  const attrs = isObj(metadata) && isObj(metadata.attributes) ? metadata.attributes : {};
  for (const k of PROVIDER_ATTRIBUTES) {
    const p = str(attrs[k])?.toLowerCase();
    const vendor = genAiVendor(p);
    if (vendor) return { vendor, inferred: false };
  }
  return { vendor: modelCreator(model) ?? 'unknown', inferred: true };
}

interface TraceCtx {
  trace: Obj | null;
  scores: Obj[];
  /** Names a trace field in issues: `trace.timestamp` in an export, `timestamp` on a trace with details. */
  traceField: (name: string) => string;
}

function scoresOf(...lists: unknown[]): Obj[] {
  const out: Obj[] = [];
  for (const l of lists) if (Array.isArray(l)) for (const s of l) if (isObj(s)) out.push(s);
  return out;
}

function* parseObservation(
  o: Obj,
  tc: TraceCtx,
  prefix: string,
  rec: FramedRecord,
  ctx: ParseContext,
  seen: Set<string>,
): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const type = str(o.type);
  if (type === null || !USAGE_TYPES.has(type)) return;
  const sink = new IssueSink(where);
  const f = (name: string) => `${prefix}${name}`;
  const id = str(o.id);
  if (id === null) sink.add(f('id'), `expected the observation id, got ${brief(o.id)}`);

  // Usage: usageDetails, else the deprecated `usage` {input, output, total} or flat promptTokens/completionTokens.
  let details: Obj = {};
  let fieldOf = (k: string) => f(`usageDetails.${k}`);
  if (isObj(o.usageDetails) && Object.keys(o.usageDetails).length) details = o.usageDetails;
  else if (isObj(o.usage)) {
    fieldOf = (k) => f(`usage.${k}`);
    for (const k of ['input', 'output', 'total'] as const) if (o.usage[k] !== undefined && o.usage[k] !== null) details[k] = o.usage[k];
  } else {
    const flatNames: Record<string, string> = { input: 'promptTokens', output: 'completionTokens', total: 'totalTokens' };
    fieldOf = (k) => f(flatNames[k] ?? k);
    const flat = { input: o.promptTokens, output: o.completionTokens, total: o.totalTokens };
    for (const [k, val] of Object.entries(flat)) if (val !== undefined && val !== null) details[k] = val;
  }
  if (o.usageDetails !== undefined && o.usageDetails !== null && !isObj(o.usageDetails))
    sink.add(f('usageDetails'), `expected an object of token counts, got ${brief(o.usageDetails)}`);
  const t = mapUsageDetails(details, fieldOf, sink);

  const costDetails = isObj(o.costDetails) ? o.costDetails : {};
  let cost: string | null;
  if (costDetails.total !== undefined && costDetails.total !== null) cost = money(costDetails.total, f('costDetails.total'), sink);
  else if (o.totalCost !== undefined && o.totalCost !== null && !(o.totalCost === 0 && Object.keys(costDetails).length === 0))
    cost = money(o.totalCost, f('totalCost'), sink);
  else cost = money(o.calculatedTotalCost, f('calculatedTotalCost'), sink);

  const trace = tc.trace ?? {};
  const start = asTimestamp(o.startTime, f('startTime'), sink);
  const end = asTimestamp(o.endTime, f('endTime'), sink);
  // The trace's time stands in only when the observation has none (and is only then checked).
  const traceTime = start === null ? asTimestamp(trace.timestamp, tc.traceField('timestamp'), sink) : null;
  const latencyS = nonNegativeNumber(o.latency, f('latency'), sink);
  const latencyMs = latencyS === null ? null : wholeMs(latencyS * 1000, f('latency'), sink);
  const ttftS = nonNegativeNumber(o.timeToFirstToken, f('timeToFirstToken'), sink);
  const ttftMs = ttftS === null ? null : wholeMs(ttftS * 1000, f('timeToFirstToken'), sink);
  if (!sink.ok || id === null) {
    yield* issuesOf(sink);
    return;
  }
  if (!t.any && cost === null) return; // a generation with nothing reported: no usage to count
  if (seen.has(id)) {
    yield { kind: 'duplicate', line: rec.line, record: rec.record };
    return;
  }
  seen.add(id);

  const modelRaw = str(o.model);
  const model = normaliseModel(modelRaw);
  const metadata = jsonish(o.metadata);
  const { vendor, inferred } = vendorOf(metadata, model);
  const occurredAt = start ?? traceTime ?? ctx.fallbackTime;
  const latency = latencyMs ?? (start && end ? wholeMs(end.getTime() - start.getTime()) : null);
  const scores = tc.scores.filter((s) => {
    const oid = str(s.observationId);
    return oid === null || oid === id;
  });
  const outcome = outcomeOf(scores, id);
  const traceTags = Array.isArray(trace.tags) && trace.tags.length ? trace.tags : null;
  const providedCost = isObj(o.providedCostDetails) && Object.keys(o.providedCostDetails).length > 0;

  yield {
    kind: 'event',
    ...where,
    event: makeEvent({
      dedupeKey: id,
      occurredAt,
      timeInferred: start === null && traceTime === null,
      vendor,
      model,
      modelRaw,
      modelCreator: modelCreator(model),
      inputTokens: t.inputTokens,
      cachedInputTokens: t.cachedInputTokens,
      cacheWriteTokens: t.cacheWriteTokens,
      outputTokens: t.outputTokens,
      reasoningTokens: t.reasoningTokens,
      reportedCostUsd: cost,
      reportedBy: cost === null ? null : 'langfuse',
      requestId: id,
      user: str(trace.userId),
      workflow: str(trace.name),
      environment: str(o.environment) ?? str(trace.environment),
      traceId: str(o.traceId) ?? str(trace.id),
      tags: compactTags({
        ...t.tags,
        observationType: type === 'GENERATION' ? null : type,
        observationName: str(o.name),
        sessionId: str(trace.sessionId),
        langfuseProjectId: str(o.projectId) ?? str(trace.projectId),
        traceTags,
        release: str(trace.release),
        version: str(o.version) ?? str(trace.version),
        level: str(o.level) === 'DEFAULT' ? null : str(o.level),
        statusMessage: str(o.statusMessage),
        promptName: str(o.promptName),
        promptVersion: str(o.promptVersion),
        internalModelId: str(o.internalModelId),
        usagePricingTierName: str(o.usagePricingTierName),
        vendorInferred: inferred ? true : null,
        costProvided: providedCost ? true : null,
        ttftMs,
        scores: scores.length ? scores.map(scoreTag) : null,
      }),
      success: outcome?.success ?? null,
      score: outcome?.score ?? null,
      outcomeSource: outcome?.outcomeSource ?? null,
      latencyMs: latency,
      toolCalls: Array.isArray(o.toolCalls) ? o.toolCalls.length : null,
    }),
  };
}

function* parseValue(v: unknown, prefix: string, rec: FramedRecord, ctx: ParseContext, seen: Set<string>): Generator<ParsedItem> {
  if (isTraceExport(v) || isTraceWithObservations(v)) {
    const trace = (isTraceExport(v) ? v.trace : v) as Obj;
    const base = `${prefix}${isTraceExport(v) ? 'trace.' : ''}`;
    const tc: TraceCtx = { trace, scores: scoresOf(trace.scores, v.scores), traceField: (n) => `${base}${n}` };
    const obs = v.observations as unknown[];
    for (const [i, o] of obs.entries()) {
      const p = `${prefix}observations[${i}].`;
      if (isObj(o)) yield* parseObservation(o, tc, p, rec, ctx, seen);
      else
        yield {
          kind: 'issue',
          issue: { ...whereOf(rec, ctx), field: p.slice(0, -1), message: `expected an observation object, got ${brief(o)}` },
        };
    }
    return;
  }
  if (isObservation(v)) {
    yield* parseObservation(v, { trace: null, scores: scoresOf(v.scores), traceField: (n) => `trace.${n}` }, prefix, rec, ctx, seen);
    return;
  }
  if (isObj(v) && Array.isArray(v.data) && prefix === '') {
    for (const [i, d] of v.data.entries()) yield* parseValue(d, `data[${i}].`, rec, ctx, seen);
    return;
  }
  yield {
    kind: 'issue',
    issue: {
      ...whereOf(rec, ctx),
      ...(prefix ? { field: prefix.slice(0, -1) } : {}),
      message: `expected a Langfuse trace export {trace, observations}, an observation {id, traceId, type, startTime, usageDetails, ...} or a page {data: [...]}, got ${brief(v)}`,
    },
  };
}

/** One record at a time; `seen` drops records repeated within the file. */
function recordParser(ctx: ParseContext): (rec: FramedRecord) => Iterable<ParsedItem> {
  const seen = new Set<string>();
  return (rec) => parseValue(rec.value, '', rec, ctx, seen);
}

export const langfuseSource: IngestSource = {
  id: 'langfuse',
  label: 'Langfuse (trace exports {trace, observations}, observation lists and pages)',
  framings: ['json', 'jsonl'],
  detect: (first) => isLangfuseRecord(first),
  parse: (records, ctx) => parseEach(records, recordParser(ctx)),
  recordParser,
};
