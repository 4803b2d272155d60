/**
 * OpenAI organisation Usage API, completions (FORMATS.md 1a): one UsageEvent per result row, i.e. per
 * (bucket, group-by combination). Accepts API pages (one, several concatenated, a JSON array or JSONL of
 * them), lone buckets, lone result objects, and the dashboard export `completions_usage_<from>_<to>.csv`.
 *
 * Token convention: the Usage API already matches ours. input_tokens includes cache reads and writes,
 * output_tokens includes reasoning (billed as output; the API has no reasoning breakdown, so reasoning
 * stays null). The per-modality fields (input_text_tokens, ...) are components of those totals and are
 * never added.
 */
import { bool, IssueSink, type Obj, str, tokens } from './fields';
import { modelCreator, normaliseModel } from './models';
import {
  baseName,
  compactTags,
  contentHash,
  csvKind,
  isCsvRow,
  isEmptyOpenAiPage,
  issuesOf,
  parseOpenAiExport,
  type ResultRow,
  resultObjectOf,
  USAGE_RESULT,
  walkRecord,
  whereOf,
  wholeCount,
  windowOf,
} from './openai-shared';
import { type FramedRecord, type IngestSource, makeEvent, type ParseContext, type ParsedItem, type UsageEvent } from './types';

/** Without these the export cannot be read as usage at all, so a file missing one yields no events. */
const REQUIRED_CSV_COLUMNS = ['start_time', 'input_tokens', 'output_tokens'] as const;

export const openaiUsageSource: IngestSource = {
  id: 'openai_usage',
  label: 'OpenAI Usage API (completions) pages or dashboard usage CSV',
  framings: ['json', 'jsonl', 'csv'],
  detect(first, fileName) {
    if (isCsvRow(first)) return csvKind(first, fileName) === 'usage';
    if (resultObjectOf(first) === USAGE_RESULT) return true;
    const base = baseName(fileName);
    return isEmptyOpenAiPage(first) && /usage|completions/i.test(base) && !/cost/i.test(base);
  },
  parse(records, ctx) {
    return parseOpenAiExport(records, ctx, {
      what: 'a usage export',
      required: REQUIRED_CSV_COLUMNS,
      json: parseJsonRecord,
      csv: parseCsvRow,
    });
  },
};

function* parseJsonRecord(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const structure = new IssueSink(where);
  for (const r of walkRecord(rec.value, USAGE_RESULT, ctx, structure)) {
    const sink = new IssueSink(where);
    const event = usageEvent(r, sink);
    if (event) yield { kind: 'event', event, ...where };
    else yield* issuesOf(sink);
  }
  yield* issuesOf(structure);
}

/** A CSV row is a result row that carries its own window (start_time, end_time as unix seconds; ISO as fallback). */
function* parseCsvRow(rec: FramedRecord, ctx: ParseContext): Generator<ParsedItem> {
  const where = whereOf(rec, ctx);
  const sink = new IssueSink(where);
  const row = rec.value as Obj;
  const window = windowOf(row.start_time || row.start_time_iso, row.end_time || row.end_time_iso, 'start_time', 'end_time', sink);
  const event = window ? usageEvent({ row, path: '', window, lone: false }, sink) : null;
  if (event) yield { kind: 'event', event, ...where };
  else yield* issuesOf(sink);
}

/** Maps one result row; null (with issues in sink) when any field is unreadable. */
function usageEvent(r: ResultRow, sink: IssueSink): UsageEvent | null {
  const { row, path, window } = r;
  const f = (k: string) => `${path}${k}`;
  const inputTokens = tokens(row.input_tokens, f('input_tokens'), sink);
  const cachedInputTokens = tokens(row.input_cached_tokens, f('input_cached_tokens'), sink);
  // Newer field; absent in older payloads, where it stays null (unknown), not 0.
  const cacheWriteTokens = tokens(row.input_cache_write_tokens, f('input_cache_write_tokens'), sink);
  const outputTokens = tokens(row.output_tokens, f('output_tokens'), sink);
  const requestCount = wholeCount(row.num_model_requests, f('num_model_requests'), sink);
  const batch = bool(row.batch, f('batch'), sink);
  const serviceTier = str(row.service_tier);
  // Group-by echoes: null unless the query grouped by them (null means "not grouped", not "unknown project").
  const project = str(row.project_id);
  const user = str(row.user_id);
  const apiKey = str(row.api_key_id);
  const modelRaw = str(row.model);
  if (!sink.ok) return null;

  const model = normaliseModel(modelRaw);
  const startSeconds = Math.floor(window.start.getTime() / 1000);
  // Re-pulling an overlapping window returns the same buckets: identity is (bucket start and width, every
  // group-by field), in the same form for API pages and the CSV export so the two dedupe against each other.
  const keyParts: unknown[] = [startSeconds, window.periodSeconds, project, user, apiKey, modelRaw, batch, serviceTier];
  if (r.lone) keyParts.push(contentHash(row));
  return makeEvent({
    dedupeKey: JSON.stringify(keyParts),
    occurredAt: window.start,
    periodSeconds: window.periodSeconds,
    requestCount,
    vendor: 'openai',
    model,
    modelRaw,
    modelCreator: modelCreator(model),
    inputTokens,
    cachedInputTokens,
    cacheWriteTokens,
    outputTokens,
    reasoningTokens: null,
    project,
    apiKey,
    user,
    tags: compactTags({ batch, service_tier: serviceTier }),
    timeInferred: window.inferred,
  });
}
