/**
 * The contract every ingestor meets (DESIGN.md "Normalised records").
 * Token counts are integers; money is an exact decimal string in USD; NULL (null) means unknown, never 0.
 */

export type SourceId =
  | 'openai_usage'
  | 'openai_costs'
  | 'response_log'
  | 'anthropic_usage'
  | 'anthropic_costs'
  | 'claude_code'
  | 'codex'
  | 'litellm'
  | 'langfuse'
  | 'focus'
  | 'aws_bedrock'
  | 'openrouter'
  | 'helicone'
  | 'otel_genai'
  | 'outcomes'
  /** Any CSV read through a column mapping (never detected: --mapping or the Imports page). */
  | 'mapped_csv';

/** One request (periodSeconds = 0) or one aggregated bucket of requests. */
export interface UsageEvent {
  /** Stable identity within a source: re-ingesting the same record yields the same key. */
  dedupeKey: string;
  /** UTC; for buckets, the bucket start. */
  occurredAt: Date;
  /** 0 for a single request, else the bucket width in seconds. */
  periodSeconds: number;
  /** 1 for a request; the bucket's request count; null when the source does not say. */
  requestCount: number | null;
  /** Who bills: openai, anthropic, xai, deepseek, google, ... */
  vendor: string;
  /** Normalised model id (lower case, no date suffix where known) and the raw string. */
  model: string | null;
  modelRaw: string | null;
  /** Whose model it is (differs from vendor for resellers and clouds). */
  modelCreator: string | null;
  /** Every prompt token, cache reads and writes included. */
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  /** Every billed output token, reasoning included. */
  outputTokens: number | null;
  /** The hidden part of output; null when the source does not say (null is not 0). */
  reasoningTokens: number | null;
  /** What the vendor charges (vendor cost APIs only). USD decimal string. */
  billedCostUsd: string | null;
  /** A cost some tool computed from its own price table (e.g. Claude Code costUSD). USD decimal string. */
  reportedCostUsd: string | null;
  reportedBy: string | null;
  requestId: string | null;
  project: string | null;
  apiKey: string | null;
  user: string | null;
  team: string | null;
  workflow: string | null;
  environment: string | null;
  /** One task or session; many calls of an agent loop share it. */
  traceId: string | null;
  tags: Record<string, unknown> | null;
  success: boolean | null;
  /** 0..1 as a decimal string; null unknown. */
  score: string | null;
  outcomeSource: string | null;
  latencyMs: number | null;
  toolCalls: number | null;
  /** True when occurredAt came from --at or the file's mtime, not from the record. */
  timeInferred: boolean;
}

/** An invoice-level charge (vendor cost APIs, cloud bills, subscriptions). */
export interface CostLine {
  dedupeKey: string;
  periodStart: Date;
  periodEnd: Date;
  vendor: string;
  service: string | null;
  /** SKU or the vendor's line-item text. */
  lineItem: string | null;
  /** usage | subscription | purchase | credit | tax | adjustment */
  chargeCategory: string;
  model: string | null;
  billedCostUsd: string;
  listCostUsd: string | null;
  /** ISO currency of the source amount, upper case. */
  currency: string;
  project: string | null;
  apiKey: string | null;
  quantity: string | null;
  quantityUnit: string | null;
  tags: Record<string, unknown> | null;
}

/**
 * An outcome signal for the usage it describes, joined by request id or by trace id (every event of the trace).
 * Stored apart from usage (table outcomes) so it applies whenever either arrives; a later one for the same key
 * replaces the earlier.
 */
export interface OutcomeRecord {
  keyKind: 'request_id' | 'trace_id';
  key: string;
  success: boolean | null;
  /** 0..1 as a decimal string; null unknown. */
  score: string | null;
  outcomeSource: string | null;
}

/** Where a problem was found: file plus line (JSONL, CSV) or record (JSON array element / page), plus field. */
export interface IngestIssue {
  file: string;
  line?: number;
  record?: number;
  field?: string;
  message: string;
  /** A problem of the CSV header (a required column missing): no record can be read, so --skip-invalid cannot help. */
  header?: true;
}

export type ParsedItem =
  /** line (JSONL/CSV) or record (JSON element/document) locate the source record for error messages. */
  | { kind: 'event'; event: UsageEvent; line?: number; record?: number }
  | { kind: 'cost'; cost: CostLine; line?: number; record?: number }
  | { kind: 'outcome'; outcome: OutcomeRecord; line?: number; record?: number }
  | { kind: 'issue'; issue: IngestIssue }
  /** A record the source itself repeats (e.g. Claude Code's one line per content block). */
  | { kind: 'duplicate'; line?: number; record?: number };

/** One framed record from the reader: a JSONL line, a JSON array element, a JSON document, or a CSV row. */
export interface FramedRecord {
  value: unknown;
  line?: number;
  record?: number;
}

export type Framing = 'jsonl' | 'json' | 'csv';

export interface ParseContext {
  /** File name as given by the user (for messages and defaults). */
  file: string;
  framing: Framing;
  /** Time for records without a timestamp: --at, else the file's mtime. */
  fallbackTime: Date;
  /** True when fallbackTime came from the file's modification time rather than --at. */
  fallbackIsMtime: boolean;
  /** Offset for zone-less timestamps in sources that write them (LiteLLM): 'Z' (UTC, the default) or ±HH:MM. */
  naiveOffset?: string;
}

export interface IngestSource {
  id: SourceId;
  label: string;
  framings: Framing[];
  /** Decide from the first record's content (and the file name only as a hint). */
  detect(first: unknown, fileName: string): boolean;
  /**
   * When detect says no: whether the first record still looks like this source with something missing, said as
   * "looks like ... but lacks ..." for the unrecognised-format message (e.g. a FOCUS CSV without BilledCost).
   */
  nearMiss?(first: unknown): string | undefined;
  parse(records: AsyncIterable<FramedRecord>, ctx: ParseContext): AsyncIterable<ParsedItem>;
  /**
   * Optional synchronous form of parse for sources that read record by record: returns a function (state in
   * its closure) that maps one record to its items. The pipeline then works a run of records at a time,
   * without an async hop per record (the ingest hot path). Must give exactly what parse gives.
   */
  recordParser?(ctx: ParseContext): (rec: FramedRecord) => Iterable<ParsedItem>;
}

/** parse() for a source that has a recordParser. */
export async function* parseEach(
  records: AsyncIterable<FramedRecord>,
  parseOne: (rec: FramedRecord) => Iterable<ParsedItem>,
): AsyncIterable<ParsedItem> {
  for await (const rec of records) yield* parseOne(rec);
}

/** Raised only for a whole-file problem: unrecognised format, unreadable stream. */
export class IngestFileError extends Error {
  readonly code: string;
  readonly issue: IngestIssue;
  constructor(code: string, issue: IngestIssue) {
    super(formatIssue(issue));
    this.code = code;
    this.issue = issue;
  }
}

export function formatIssue(i: IngestIssue): string {
  const where = [i.file, i.line !== undefined ? `line ${i.line}` : undefined, i.record !== undefined ? `record ${i.record}` : undefined]
    .filter(Boolean)
    .join(', ');
  return `${where}${i.field ? `: field ${i.field}` : ''}: ${i.message}`;
}

export function emptyEvent(): Omit<UsageEvent, 'dedupeKey' | 'occurredAt' | 'vendor'> {
  return {
    periodSeconds: 0,
    requestCount: 1,
    model: null,
    modelRaw: null,
    modelCreator: null,
    inputTokens: null,
    cachedInputTokens: null,
    cacheWriteTokens: null,
    outputTokens: null,
    reasoningTokens: null,
    billedCostUsd: null,
    reportedCostUsd: null,
    reportedBy: null,
    requestId: null,
    project: null,
    apiKey: null,
    user: null,
    team: null,
    workflow: null,
    environment: null,
    traceId: null,
    tags: null,
    success: null,
    score: null,
    outcomeSource: null,
    latencyMs: null,
    toolCalls: null,
    timeInferred: false,
  };
}

/** Usage read off one vendor response body (OpenAI-style or Anthropic Messages), already converted to our convention. */
export interface BodyUsage {
  /** The response id (chatcmpl-…, resp_…, msg_…); null if the body has none. */
  responseId: string | null;
  vendor: string;
  modelRaw: string | null;
  /** From created / created_at when the body has it. */
  createdAt: Date | null;
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** Only when the body states what the vendor charged (e.g. xAI cost_in_usd_ticks). */
  billedCostUsd: string | null;
  toolCalls: number | null;
  /** Extra facts worth keeping (service_tier, cache 5m/1h split, reasoning convention detected, ...). */
  tags: Record<string, unknown> | null;
}

/**
 * Builds a full event with one fixed key order. Cheaper than spreading emptyEvent() into a literal:
 * the ingest hot path builds millions of these and a stable shape keeps V8 on its fast path.
 */
export function makeEvent(f: Partial<UsageEvent> & Pick<UsageEvent, 'dedupeKey' | 'occurredAt' | 'vendor'>): UsageEvent {
  return {
    dedupeKey: f.dedupeKey,
    occurredAt: f.occurredAt,
    periodSeconds: f.periodSeconds ?? 0,
    requestCount: f.requestCount === undefined ? 1 : f.requestCount,
    vendor: f.vendor,
    model: f.model ?? null,
    modelRaw: f.modelRaw ?? null,
    modelCreator: f.modelCreator ?? null,
    inputTokens: f.inputTokens ?? null,
    cachedInputTokens: f.cachedInputTokens ?? null,
    cacheWriteTokens: f.cacheWriteTokens ?? null,
    outputTokens: f.outputTokens ?? null,
    reasoningTokens: f.reasoningTokens ?? null,
    billedCostUsd: f.billedCostUsd ?? null,
    reportedCostUsd: f.reportedCostUsd ?? null,
    reportedBy: f.reportedBy ?? null,
    requestId: f.requestId ?? null,
    project: f.project ?? null,
    apiKey: f.apiKey ?? null,
    user: f.user ?? null,
    team: f.team ?? null,
    workflow: f.workflow ?? null,
    environment: f.environment ?? null,
    traceId: f.traceId ?? null,
    tags: f.tags ?? null,
    success: f.success ?? null,
    score: f.score ?? null,
    outcomeSource: f.outcomeSource ?? null,
    latencyMs: f.latencyMs ?? null,
    toolCalls: f.toolCalls ?? null,
    timeInferred: f.timeInferred ?? false,
  };
}

/**
 * Whether any record of a file was one of the source's own lines, and where the file began: a file read as a source it
 * is not (forced with --source) then gets one clear issue at its first record instead of loading nothing, silently.
 */
export class FormatRecognition {
  private first: Omit<IngestIssue, 'message'> | null = null;
  private recognised = false;

  /** Notes a record at `where`, and whether it is one of the format's own lines. */
  see(where: Omit<IngestIssue, 'message'>, ownLine: boolean): void {
    this.first ??= where;
    this.recognised ||= ownLine;
  }

  /** After the last record: the issue to report when none was recognised (`message` says what was expected). */
  unrecognised(message: string): ParsedItem | null {
    return !this.recognised && this.first ? { kind: 'issue', issue: { ...this.first, message } } : null;
  }
}
