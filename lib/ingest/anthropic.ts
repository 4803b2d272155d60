/**
 * Anthropic sources (FORMATS.md 2a-2c):
 * - Messages API bodies (`mapAnthropicBody`, used by response-log.ts and, via `mapAnthropicUsage`, by claude-code.ts);
 * - Admin API usage report pages (`anthropic_usage`): token buckets, no cost, no request count;
 * - Admin API cost report pages (`anthropic_costs`): amounts as decimal strings in cents.
 * Anthropic's `input_tokens` / `uncached_input_tokens` EXCLUDE cache reads and writes; we convert to
 * our convention (input = every prompt token) by adding them back.
 */
import { at, IssueSink, isObj, money, type Obj, str, sumKnown, timestamp, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import {
  type BodyUsage,
  type CostLine,
  type FramedRecord,
  type IngestSource,
  makeEvent,
  type ParseContext,
  type ParsedItem,
} from './types';

/** Token counts of one Anthropic `usage` object in our convention, plus service_tier, inference_geo, speed,
 * the 5m/1h cache-write split and server-tool request counts as tags. */
export type AnthropicTokens = Pick<
  BodyUsage,
  'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens' | 'reasoningTokens'
> & {
  tags: Record<string, unknown>;
};

/** Copies the non-null entries of `from` into a tags map; null when nothing is left. */
function compact(from: Record<string, unknown>): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(from)) if (v !== null && v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : null;
}

/**
 * Maps a Messages API `usage` object (also found in Claude Code logs). `prefix` names the object in issues.
 * input = input_tokens (uncached only) + cache writes + cache reads; null when input_tokens itself is absent,
 * because a sum of the cache parts alone would understate the prompt.
 */
export function mapAnthropicUsage(usage: Obj, sink: IssueSink, prefix = 'usage'): AnthropicTokens {
  const f = (k: string) => `${prefix}.${k}`;
  const uncached = tokens(usage.input_tokens, f('input_tokens'), sink);
  const cacheRead = tokens(usage.cache_read_input_tokens, f('cache_read_input_tokens'), sink);
  const w5m = tokens(at(usage, 'cache_creation.ephemeral_5m_input_tokens'), f('cache_creation.ephemeral_5m_input_tokens'), sink);
  const w1h = tokens(at(usage, 'cache_creation.ephemeral_1h_input_tokens'), f('cache_creation.ephemeral_1h_input_tokens'), sink);
  // cache_creation_input_tokens is the billed total; the 5m/1h split only stands in when it is missing.
  const cacheWrite = tokens(usage.cache_creation_input_tokens, f('cache_creation_input_tokens'), sink) ?? sumKnown(w5m, w1h);
  const output = tokens(usage.output_tokens, f('output_tokens'), sink);
  // thinking_tokens is a read-only subset of output_tokens (newer models only): absent means unknown, not 0.
  const thinking = tokens(at(usage, 'output_tokens_details.thinking_tokens'), f('output_tokens_details.thinking_tokens'), sink);
  const tags: Record<string, unknown> = {
    service_tier: str(usage.service_tier),
    inference_geo: str(usage.inference_geo),
    speed: str(usage.speed),
    cache_write_5m_tokens: w5m,
    cache_write_1h_tokens: w1h,
  };
  // Server-tool request counts (web_search_requests, web_fetch_requests, …) are kept as facts, not billed tokens:
  // a key we do not know that is not a count is ignored rather than rejecting the whole record.
  if (isObj(usage.server_tool_use))
    for (const [k, v] of Object.entries(usage.server_tool_use)) if (Number.isSafeInteger(v) && (v as number) >= 0) tags[k] = v;
  return {
    inputTokens: uncached === null ? null : sumKnown(uncached, cacheWrite, cacheRead),
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens: output,
    reasoningTokens: thinking,
    tags: compact(tags) ?? {},
  };
}

/** A Messages API response body: `{type:"message", usage:{…}}`. */
export function isAnthropicBody(v: unknown): boolean {
  return isObj(v) && v.type === 'message' && isObj(v.usage) && ('output_tokens' in v.usage || 'input_tokens' in v.usage);
}

/** Number of tool_use blocks in a Messages `content` array; null when there is no array. */
export function countToolUse(content: unknown): number | null {
  if (!Array.isArray(content)) return null;
  return content.filter((b) => isObj(b) && b.type === 'tool_use').length;
}

/** Usage of one Messages API body. Messages bodies carry no time, so createdAt is always null. */
export function mapAnthropicBody(body: Obj, sink: IssueSink): BodyUsage | null {
  if (!isObj(body.usage)) return null;
  const { tags, ...t } = mapAnthropicUsage(body.usage, sink);
  const head = { responseId: str(body.id), vendor: 'anthropic', modelRaw: str(body.model), createdAt: null };
  return { ...head, ...t, billedCostUsd: null, toolCalls: countToolUse(body.content), tags: compact(tags) };
}

// ---------------------------------------------------------------- Admin API report pages (usage and cost)

/** Keys only a usage-report row has (both the documented and the flattened spelling of cache writes). */
const USAGE_KEYS = 'uncached_input_tokens cache_read_input_tokens cache_creation cache_creation_5m_input_tokens output_tokens'.split(' ');

interface Bucket {
  value: Obj;
  /** Path of the bucket inside the record, for issue fields ('' for a lone bucket). */
  path: string;
}

/**
 * A record is a page `{data:[bucket…], has_more, next_page}` or a lone bucket `{starting_at, ending_at, results}`.
 * OpenAI's pages say object:"page" and use unix start_time, so they never match.
 */
function bucketsOf(v: unknown): Bucket[] | null {
  if (!isObj(v) || v.object !== undefined) return null;
  if (Array.isArray(v.data) && ('has_more' in v || v.data.some((b) => isObj(b) && typeof b.starting_at === 'string')))
    return v.data.map((b, i) => ({ value: isObj(b) ? b : {}, path: `data[${i}].` }));
  if (typeof v.starting_at === 'string' && Array.isArray(v.results)) return [{ value: v, path: '' }];
  return null;
}

/** Which report a record belongs to, judged from its first non-empty result row. */
function reportKind(v: unknown): 'usage' | 'cost' | 'empty' | null {
  const buckets = bucketsOf(v);
  if (!buckets) return null;
  for (const { value: b } of buckets) {
    if (typeof b.starting_at !== 'string' || !Array.isArray(b.results)) return null;
    for (const r of b.results) {
      if (!isObj(r)) continue;
      if ('amount' in r) return 'cost';
      if (USAGE_KEYS.some((k) => k in r)) return 'usage';
    }
  }
  return 'empty';
}

/** An IssueSink whose field names carry the row's path inside the page (e.g. data[0].results[2].output_tokens). */
class PrefixSink extends IssueSink {
  constructor(
    where: ConstructorParameters<typeof IssueSink>[0],
    private readonly prefix: string,
  ) {
    super(where);
  }
  override add(field: string | undefined, message: string): void {
    super.add(`${this.prefix}${field ?? ''}`.replace(/\.$/, ''), message);
  }
}

type RowParser = (row: Obj, bucket: { start: Date; end: Date; seconds: number }, sink: IssueSink) => ParsedItem | null;

/** Walks records -> buckets -> result rows; dedupes repeated rows within the file (overlapping pages). */
async function* walkReport(
  records: AsyncIterable<FramedRecord>,
  ctx: ParseContext,
  what: string,
  row: RowParser,
): AsyncIterable<ParsedItem> {
  const seen = new Set<string>();
  for await (const rec of records) {
    const where = { file: ctx.file, line: rec.line, record: rec.record };
    const buckets = bucketsOf(rec.value);
    if (!buckets) {
      const message = `expected an Anthropic ${what} page {data:[…], has_more, next_page} or a bucket {starting_at, ending_at, results:[…]}`;
      yield { kind: 'issue', issue: { ...where, message } };
      continue;
    }
    for (const { value: b, path } of buckets) {
      const sink = new IssueSink(where);
      const time = (k: 'starting_at' | 'ending_at') => {
        if (b[k] === undefined || b[k] === null) sink.add(`${path}${k}`, 'expected an RFC 3339 time');
        return timestamp(b[k], `${path}${k}`, sink);
      };
      const start = time('starting_at');
      const end = time('ending_at');
      if (start && end && end <= start)
        sink.add(`${path}ending_at`, `expected a bucket end after ${b.starting_at}, got ${JSON.stringify(b.ending_at)}`);
      if (!Array.isArray(b.results)) sink.add(`${path}results`, 'expected an array of result rows');
      if (!sink.ok || !start || !end || !Array.isArray(b.results)) {
        for (const issue of sink.issues) yield { kind: 'issue', issue };
        continue;
      }
      // Whole seconds: the column is an integer, and sub-second bucket edges are noise (buckets are minute-aligned).
      const seconds = Math.max(1, Math.round((end.getTime() - start.getTime()) / 1000));
      for (const [j, r] of b.results.entries()) {
        const rowSink = new PrefixSink(where, `${path}results[${j}].`);
        if (!isObj(r)) {
          rowSink.add('', `expected a result object, got ${JSON.stringify(r)}`);
          yield { kind: 'issue', issue: rowSink.issues[0] };
          continue;
        }
        const item = row(r, { start, end, seconds }, rowSink);
        for (const issue of rowSink.issues) yield { kind: 'issue', issue };
        if (!item || !rowSink.ok) continue;
        const key = item.kind === 'event' ? item.event.dedupeKey : item.kind === 'cost' ? item.cost.dedupeKey : '';
        if (seen.has(key)) {
          yield { kind: 'duplicate', line: rec.line, record: rec.record };
          continue;
        }
        seen.add(key);
        yield { ...item, line: rec.line, record: rec.record } as ParsedItem;
      }
    }
  }
}

/** Group-by echoes are null unless grouped; the key joins them all so each group tuple stays distinct. */
function groupKey(start: Date, seconds: number, row: Obj, fields: string[]): string {
  return [start.toISOString(), `${seconds}s`, ...fields.map((k) => str(row[k]) ?? '')].join('|');
}

const USAGE_GROUPS = 'api_key_id workspace_id model service_tier context_window inference_geo speed account_id service_account_id'.split(
  ' ',
);

const usageRow: RowParser = (r, b, sink) => {
  const uncached = tokens(r.uncached_input_tokens, 'uncached_input_tokens', sink);
  const cacheRead = tokens(r.cache_read_input_tokens, 'cache_read_input_tokens', sink);
  // The documented nesting first, then the flattened spelling some schema derivations use.
  const w5m =
    tokens(at(r, 'cache_creation.ephemeral_5m_input_tokens'), 'cache_creation.ephemeral_5m_input_tokens', sink) ??
    tokens(r.cache_creation_5m_input_tokens, 'cache_creation_5m_input_tokens', sink);
  const w1h =
    tokens(at(r, 'cache_creation.ephemeral_1h_input_tokens'), 'cache_creation.ephemeral_1h_input_tokens', sink) ??
    tokens(r.cache_creation_1h_input_tokens, 'cache_creation_1h_input_tokens', sink);
  const output = tokens(r.output_tokens, 'output_tokens', sink);
  const webSearch = tokens(at(r, 'server_tool_use.web_search_requests'), 'server_tool_use.web_search_requests', sink);
  const cacheWrite = sumKnown(w5m, w1h);
  const modelRaw = str(r.model);
  const model = normaliseModel(modelRaw);
  return {
    kind: 'event',
    event: makeEvent({
      dedupeKey: groupKey(b.start, b.seconds, r, USAGE_GROUPS),
      occurredAt: b.start,
      periodSeconds: b.seconds,
      requestCount: null, // the report has no request count
      vendor: 'anthropic',
      model,
      modelRaw,
      modelCreator: modelCreator(model),
      // As for Messages usage: without the uncached part, a sum of the cache parts would understate the prompt.
      inputTokens: uncached === null ? null : sumKnown(uncached, cacheRead, cacheWrite),
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: output,
      reasoningTokens: null, // no thinking breakdown in the report
      project: str(r.workspace_id),
      apiKey: str(r.api_key_id),
      user: str(r.account_id) ?? str(r.service_account_id),
      tags: compact({
        service_tier: str(r.service_tier),
        context_window: str(r.context_window),
        inference_geo: str(r.inference_geo),
        speed: str(r.speed),
        service_account_id: str(r.service_account_id),
        cache_write_5m_tokens: w5m,
        cache_write_1h_tokens: w1h,
        web_search_requests: webSearch,
        bucket_end: b.end.toISOString(),
      }),
    }),
  };
};

const COST_GROUPS = 'workspace_id description model cost_type token_type service_tier context_window inference_geo'.split(' ');

const costRow: RowParser = (r, b, sink) => {
  // amount is a decimal string in cents ("123.45" = $1.2345); divide exactly, never through a float.
  const billed = money(r.amount, 'amount', sink, 100);
  if (billed === null && (r.amount === undefined || r.amount === null || r.amount === ''))
    sink.add('amount', 'expected a decimal amount in cents');
  // The docs say currency is always "USD"; an absent currency is read as USD, any other value is refused.
  const currency = str(r.currency)?.toUpperCase() ?? 'USD';
  if (currency !== 'USD') sink.add('currency', `expected "USD" (amounts are in US cents), got ${JSON.stringify(r.currency)}`);
  if (billed === null || !sink.ok) return null;
  const costType = str(r.cost_type);
  const tokenType = str(r.token_type);
  const modelRaw = str(r.model);
  const cost: CostLine = {
    dedupeKey: groupKey(b.start, b.seconds, r, COST_GROUPS),
    periodStart: b.start,
    periodEnd: b.end,
    vendor: 'anthropic',
    service: costType,
    lineItem: str(r.description) ?? (costType ? (tokenType ? `${costType}:${tokenType}` : costType) : null),
    chargeCategory: 'usage',
    model: normaliseModel(modelRaw),
    billedCostUsd: billed,
    listCostUsd: null,
    currency: 'USD',
    project: str(r.workspace_id),
    apiKey: null,
    quantity: null,
    quantityUnit: null,
    tags: compact({
      cost_type: costType,
      token_type: tokenType,
      description: str(r.description),
      model_raw: modelRaw,
      service_tier: str(r.service_tier),
      context_window: str(r.context_window),
      inference_geo: str(r.inference_geo),
    }),
  };
  return { kind: 'cost', cost };
};

/** A record whose rows cannot tell (every bucket empty) goes by the file name: "cost" in it means the cost report. */
const costHint = (fileName: string) => /cost/i.test(fileName);

export const anthropicUsageSource: IngestSource = {
  id: 'anthropic_usage',
  label: 'Anthropic Admin API usage report (/v1/organizations/usage_report/messages)',
  framings: ['json', 'jsonl'],
  detect(first, fileName) {
    const k = reportKind(first);
    return k === 'usage' || (k === 'empty' && !costHint(fileName));
  },
  parse: (records, ctx) => walkReport(records, ctx, 'usage report', usageRow),
};

export const anthropicCostsSource: IngestSource = {
  id: 'anthropic_costs',
  label: 'Anthropic Admin API cost report (/v1/organizations/cost_report)',
  framings: ['json', 'jsonl'],
  detect(first, fileName) {
    const k = reportKind(first);
    return k === 'cost' || (k === 'empty' && costHint(fileName));
  },
  parse: (records, ctx) => walkReport(records, ctx, 'cost report', costRow),
};
