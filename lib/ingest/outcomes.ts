/**
 * Outcomes files: CSV or JSONL (or a JSON array) of rows
 *   request_id | trace_id, success (true/false/1/0), score (0..1), outcome_source
 * from CI test results, eval runs or user acceptance. Each row becomes an OutcomeRecord, which the loader stores in
 * the outcomes table and joins to usage whenever either arrives (db/queries/outcomes.ts).
 *
 * - Key: request_id when given (one request), else trace_id (every event of that trace). A row with both is a
 *   request-level outcome; at least one is required.
 * - success and score are each optional, but a row needs one of them. A score alone leaves success unknown (null):
 *   no threshold is guessed. Scores are stored with 5 decimals (the usage_events.score column).
 * - Within one file the last row for a key wins, as a later file replaces an earlier one.
 * - Precedence: an outcome stored here wins over one carried by the usage record itself (a response-log line's
 *   `outcome`, Langfuse or Helicone scores), whichever arrives first; a request-level outcome wins over its trace's.
 */
import { bool, IssueSink, isObj, type Obj, score, str } from './fields';
import { brief, isCsvRow, issuesOf, whereOf } from './openai-shared';
import type { FramedRecord, IngestSource, OutcomeRecord, ParseContext, ParsedItem } from './types';

const KEY_COLUMNS = ['request_id', 'trace_id'];
const VALUE_COLUMNS = ['success', 'score'];
/** Keys of usage records: an object carrying one is another source's, not an outcome row. */
const USAGE_MARKERS = ['response', 'usage', 'spend', 'prompt_tokens', 'request_created_at', 'resourceSpans', 'model', 'costUSD'];

export function isOutcomeRow(v: unknown): v is Obj {
  return isObj(v) && KEY_COLUMNS.some((k) => k in v) && VALUE_COLUMNS.some((k) => k in v) && !USAGE_MARKERS.some((k) => k in v);
}

function text(v: unknown, field: string, sink: IssueSink): string | null {
  const s = str(v)?.trim() || null;
  if (s === null && v !== undefined && v !== null && v !== '' && typeof v !== 'string')
    sink.add(field, `expected a string, got ${brief(v)}`);
  return s;
}

function parseRow(rec: FramedRecord, ctx: ParseContext): ParsedItem[] {
  const sink = new IssueSink(whereOf(rec, ctx));
  const v = rec.value;
  if (!isObj(v)) {
    sink.add(undefined, `expected an outcome row {request_id or trace_id, success, score, outcome_source}, got ${brief(v)}`);
    return [...issuesOf(sink)];
  }
  const requestId = text(v.request_id, 'request_id', sink);
  const traceId = text(v.trace_id, 'trace_id', sink);
  const success = bool(typeof v.success === 'string' ? v.success.trim() : v.success, 'success', sink);
  const s = score(v.score, 'score', sink);
  const outcomeSource = text(v.outcome_source, 'outcome_source', sink);
  if (sink.ok && requestId === null && traceId === null)
    sink.add('request_id', 'expected request_id (one request) or trace_id (every request of a trace), got neither');
  if (sink.ok && success === null && s === null) sink.add('success', 'expected success (true/false/1/0) or score (0..1), got neither');
  if (!sink.ok) return [...issuesOf(sink)];
  const outcome: OutcomeRecord = {
    keyKind: requestId !== null ? 'request_id' : 'trace_id',
    key: (requestId ?? traceId) as string,
    success,
    score: s,
    outcomeSource,
  };
  return [{ kind: 'outcome', outcome, line: rec.line, record: rec.record }];
}

export const outcomesSource: IngestSource = {
  id: 'outcomes',
  label: 'Outcomes (CSV or JSONL rows: request_id or trace_id, success, score, outcome_source)',
  framings: ['csv', 'jsonl', 'json'],
  detect: (first) => isOutcomeRow(first),
  async *parse(records, ctx) {
    let header: 'unchecked' | 'ok' | 'missing' = ctx.framing === 'csv' ? 'unchecked' : 'ok';
    for await (const rec of records) {
      if (header === 'missing') continue; // the header was reported; read no row
      if (header === 'unchecked') {
        const row = isCsvRow(rec.value) ? rec.value : {};
        const issues: ParsedItem[] = [];
        if (!KEY_COLUMNS.some((c) => c in row))
          issues.push({
            kind: 'issue',
            issue: {
              file: ctx.file,
              line: 1,
              header: true,
              field: 'request_id',
              message: 'missing column: an outcomes CSV needs request_id or trace_id; no rows were read',
            },
          });
        if (!VALUE_COLUMNS.some((c) => c in row))
          issues.push({
            kind: 'issue',
            issue: {
              file: ctx.file,
              line: 1,
              header: true,
              field: 'success',
              message: 'missing column: an outcomes CSV needs success or score; no rows were read',
            },
          });
        header = issues.length ? 'missing' : 'ok';
        yield* issues;
        if (header === 'missing') continue;
      }
      yield* parseRow(rec, ctx);
    }
  },
};
