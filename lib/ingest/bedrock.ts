/**
 * AWS Bedrock model invocation logs (FORMATS.md 9): one UsageEvent per `ModelInvocationLog` record, from the S3
 * delivery (gzip'd JSONL; framing handles gzip), a JSON array of records, or the CloudWatch Logs CLI output
 * (`aws logs get-log-events` / `filter-log-events`: `{events:[{message:"<record JSON>"}]}`).
 *
 * - Tokens: Bedrock reports uncached input apart from cache reads and writes (AWS prompt-caching docs; FORMATS.md
 *   marks this inferred), so inputTokens = inputTokenCount + cacheRead + cacheWrite. Both cache spellings
 *   (`cacheReadInputTokenCount` / `cacheReadInputTokens`) are read. Reasoning is inside outputTokenCount with no
 *   separate count: reasoningTokens stays null. When the log omits the counts, the response body's usage is used.
 * - No cost field: billedCostUsd is null (cost comes from CUR/FOCUS or our price catalog).
 * - dedupeKey = requestId (a content hash when a record has none). vendor = aws_bedrock.
 * - Who: the IAM caller ARN is shortened to its resource part (`assumed-role/App/session`); the account id is
 *   kept only as a short sha256 in tags, and emptied in ARN model ids (FORMATS.md: account ids and ARNs are
 *   sensitive). requestMetadata
 *   (caller tags) feeds project/team/workflow/environment/user/trace when those keys are present, and tags.
 */
import { createHash } from 'node:crypto';
import { at, IssueSink, isObj, type Obj, str, sumKnown, timestamp, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import { brief, compactTags, contentHash, issuesOf, whereOf } from './openai-shared';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem, parseEach } from './types';

const SCHEMA = 'ModelInvocationLog';

/** A record the source can read: the log schema tag, or the telltale request/model/input shape. */
function isInvocationLog(v: unknown): v is Obj {
  if (!isObj(v)) return false;
  if (v.schemaType === SCHEMA) return true;
  return typeof v.requestId === 'string' && typeof v.modelId === 'string' && isObj(v.input) && 'inputTokenCount' in v.input;
}

/** The records inside a CloudWatch Logs CLI page ({events:[{message}]}), or null when v is not one. */
function cloudWatchRecords(v: unknown): unknown[] | null {
  if (!isObj(v) || !Array.isArray(v.events)) return null;
  return v.events.map((e) => {
    const m = isObj(e) ? e.message : undefined;
    if (typeof m !== 'string') return e;
    try {
      return JSON.parse(m);
    } catch {
      return m;
    }
  });
}

export const bedrockSource: IngestSource = {
  id: 'aws_bedrock',
  label: 'AWS Bedrock model invocation logs (S3 JSONL or CloudWatch)',
  framings: ['jsonl', 'json'],
  detect(first) {
    if (isInvocationLog(first)) return true;
    const inner = cloudWatchRecords(first);
    return inner !== null && inner.length > 0 && isInvocationLog(inner[0]);
  },
  parse: (records, ctx) => parseEach(records, (rec) => parseFramed(rec, ctx)),
  recordParser: (ctx) => (rec) => parseFramed(rec, ctx),
};

function* parseFramed(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const inner = cloudWatchRecords(rec.value);
  if (inner === null) yield* parseRecord(rec.value, '', rec, ctx);
  else for (const [i, r] of inner.entries()) yield* parseRecord(r, `events[${i}].message.`, rec, ctx);
}

/** Bedrock geo prefixes of cross-region inference profiles. */
const GEO_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;
/** Bedrock model-provider prefixes to our creator ids where they differ. */
const CREATORS: Record<string, string> = { qwen: 'alibaba', moonshotai: 'moonshot', mistralai: 'mistral' };

/**
 * modelId -> normalised model and creator: ARN resource part, then no geo prefix, no `provider.` prefix, no
 * `-v1:0` / `:0` / `:200k` version suffix, no date stamp. "us.anthropic.claude-sonnet-4-5-20250929-v1:0" ->
 * claude-sonnet-4-5 by anthropic. An application inference profile (an opaque id) names no model.
 */
export function bedrockModel(modelId: string | null): { model: string | null; creator: string | null } {
  if (!modelId) return { model: null, creator: null };
  let id = modelId.trim().toLowerCase();
  if (id.startsWith('arn:')) {
    if (/:application-inference-profile\//.test(id) || /:(provisioned-model|custom-model|imported-model)\//.test(id))
      return { model: null, creator: null };
    id = id.slice(id.lastIndexOf('/') + 1);
  }
  id = id.replace(GEO_PREFIX, '');
  const dot = /^([a-z0-9-]+)\.(.+)$/.exec(id);
  const provider = dot ? dot[1] : null;
  const rest = dot ? dot[2] : id;
  const model = normaliseModel(rest.replace(/(-v\d+)?(:\d+)?(:\d+k)?$/, ''));
  const creator = provider ? (CREATORS[provider] ?? provider) : modelCreator(model);
  return { model, creator };
}

/** Usage read off a Bedrock response body: Converse (`usage.inputTokens`) or Anthropic InvokeModel (`usage.input_tokens`). */
export interface BedrockBodyUsage {
  uncachedInput: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  output: number | null;
  total: number | null;
  latencyMs: number | null;
  toolCalls: number | null;
}

export function bedrockBodyUsage(body: unknown, path: string, sink: IssueSink): BedrockBodyUsage {
  const u = at(body, 'usage');
  const t = (k: string) => tokens(at(u, k), `${path}usage.${k}`, sink);
  const pick = (...keys: string[]) => {
    for (const k of keys) if (isObj(u) && u[k] !== undefined && u[k] !== null) return t(k);
    return null;
  };
  const latency = at(body, 'metrics.latencyMs');
  const content = at(body, 'output.message.content') ?? at(body, 'content');
  const toolCalls = Array.isArray(content)
    ? content.filter((c) => isObj(c) && ('toolUse' in c || c.type === 'tool_use' || c.type === 'server_tool_use')).length
    : null;
  return {
    uncachedInput: pick('inputTokens', 'input_tokens'),
    cacheRead: pick('cacheReadInputTokens', 'cacheReadInputTokenCount', 'cache_read_input_tokens'),
    cacheWrite: pick('cacheWriteInputTokens', 'cacheWriteInputTokenCount', 'cache_creation_input_tokens'),
    output: pick('outputTokens', 'output_tokens'),
    total: pick('totalTokens'),
    latencyMs: typeof latency === 'number' && latency >= 0 && Number.isSafeInteger(Math.round(latency)) ? Math.round(latency) : null,
    toolCalls,
  };
}

/** The resource part of an IAM ARN (`user/alice`, `assumed-role/App/session`): no partition or account id. */
export function callerOf(arn: string | null): string | null {
  if (!arn) return null;
  const m = /^arn:[^:]*:(?:iam|sts):[^:]*:[^:]*:(.+)$/.exec(arn);
  return m ? m[1] : arn;
}

function shortHash(v: string): string {
  return createHash('sha256').update(v).digest('hex').slice(0, 16);
}

function* parseRecord(v: unknown, path: string, rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  if (!isInvocationLog(v)) {
    sink.add(path.slice(0, -1) || undefined, `expected a Bedrock ModelInvocationLog record, got ${brief(v)}`);
    yield* issuesOf(sink);
    return;
  }
  const f = (k: string) => `${path}${k}`;
  const input = isObj(v.input) ? v.input : {};
  const output = isObj(v.output) ? v.output : {};
  const body = output.outputBodyJson;
  const fromBody = bedrockBodyUsage(body, f('output.outputBodyJson.'), sink);
  const t = (o: Obj, k: string, field: string) => tokens(o[k], f(field), sink);
  const uncached = t(input, 'inputTokenCount', 'input.inputTokenCount') ?? fromBody.uncachedInput;
  const cacheRead =
    t(input, 'cacheReadInputTokenCount', 'input.cacheReadInputTokenCount') ??
    t(input, 'cacheReadInputTokens', 'input.cacheReadInputTokens') ??
    fromBody.cacheRead;
  const cacheWrite =
    t(input, 'cacheWriteInputTokenCount', 'input.cacheWriteInputTokenCount') ??
    t(input, 'cacheWriteInputTokens', 'input.cacheWriteInputTokens') ??
    fromBody.cacheWrite;
  const outputTokens = t(output, 'outputTokenCount', 'output.outputTokenCount') ?? fromBody.output;
  const when = timestamp(v.timestamp, f('timestamp'), sink);
  // Every ModelInvocationLog carries its time (FORMATS.md 9); a record without one is malformed, not "time unknown".
  if (v.timestamp === undefined || v.timestamp === null || v.timestamp === '')
    sink.add(f('timestamp'), 'expected the invocation time (ISO-8601), got nothing');
  if (!sink.ok || !when) {
    yield* issuesOf(sink);
    return;
  }

  // ARNs carry the account id: kept as the ARN with that field emptied (see the header).
  const modelRaw = str(v.modelId)?.replace(/^(arn:[^:]*:[^:]*:[^:]*:)\d+:/, '$1:') ?? null;
  let { model, creator } = bedrockModel(modelRaw);
  // An application inference profile hides the model; an Anthropic InvokeModel body still names it.
  if (!model) {
    model = normaliseModel(str(at(body, 'model')));
    creator = modelCreator(model);
  }
  const meta = isObj(v.requestMetadata) ? v.requestMetadata : {};
  const m = (...keys: string[]) => {
    for (const k of keys) if (str(meta[k])) return str(meta[k]);
    return null;
  };
  const accountId = str(v.accountId);
  const errorCode = str(v.errorCode) ?? str(at(v, 'error.code')) ?? str(output.errorCode);
  const requestId = str(v.requestId);

  const event = makeEvent({
    dedupeKey: requestId ?? `hash:${contentHash(v)}`,
    occurredAt: when,
    vendor: 'aws_bedrock',
    model,
    modelRaw,
    modelCreator: creator,
    inputTokens: uncached === null ? null : sumKnown(uncached, cacheRead, cacheWrite),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens,
    reasoningTokens: null,
    requestId,
    project: m('project', 'Project'),
    user: m('user', 'userId', 'user_id') ?? callerOf(str(at(v, 'identity.arn'))),
    team: m('team', 'Team'),
    workflow: m('workflow', 'feature', 'Workflow'),
    environment: m('environment', 'env', 'Environment'),
    traceId: m('trace_id', 'traceId', 'session_id', 'sessionId'),
    success: errorCode ? false : null,
    latencyMs: fromBody.latencyMs,
    toolCalls: fromBody.toolCalls,
    tags: compactTags({
      ...meta,
      operation: str(v.operation),
      region: str(v.region),
      inference_region: str(v.inferenceRegion),
      aws_account: accountId ? shortHash(accountId) : null,
      stop_reason: str(at(body, 'stopReason')) ?? str(at(body, 'stop_reason')),
      error_code: errorCode,
      schema_version: str(v.schemaVersion),
    }),
  });
  yield { kind: 'event', event, ...where };
}
