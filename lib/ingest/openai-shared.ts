/**
 * Shared by the OpenAI Usage and Costs sources: both APIs nest page -> bucket -> result rows, and both
 * dashboard exports are CSVs whose rows carry their own bucket window (FORMATS.md 1a, 1b).
 */
import { createHash } from 'node:crypto';
import { type IssueSink, isObj, type Obj, timestamp } from './fields';
import type { FramedRecord, IngestIssue, ParseContext, ParsedItem } from './types';

export const USAGE_RESULT = 'organization.usage.completions.result';
export const COSTS_RESULT = 'organization.costs.result';

/** The APIs' default bucket width (and the only one for costs), in seconds: used when a record states no end. */
export const DAY_SECONDS = 86_400;

/** A bucket's time span. inferred = taken from ctx.fallbackTime because the record carried no time. */
export interface Window {
  start: Date;
  periodSeconds: number;
  inferred: boolean;
}

/** One result row to map. path prefixes issue fields ("data[0].results[1]."; "" for a lone result or a CSV row). */
export interface ResultRow {
  row: Obj;
  path: string;
  window: Window;
  /** A lone result object: no bucket, so nothing in the record tells two such rows apart but their content. */
  lone: boolean;
}

/** Issue location for a framed record, without undefined keys. */
export function whereOf(rec: FramedRecord, ctx: ParseContext): Omit<IngestIssue, 'message' | 'field'> {
  // Assigned rather than spread from temporary objects: this runs once per record. Same keys, same order.
  const where: Omit<IngestIssue, 'message' | 'field'> = { file: ctx.file };
  if (rec.line !== undefined) where.line = rec.line;
  if (rec.record !== undefined) where.record = rec.record;
  return where;
}

/** A value for an issue message, cut short: a misplaced record can be megabytes. */
export function brief(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function issuesOf(sink: IssueSink): ParsedItem[] {
  return sink.issues.map((issue) => ({ kind: 'issue', issue }));
}

/** Older payloads and some clients spell a bucket's rows `result`; the spec says `results`. */
function rowsOf(bucket: Obj): unknown {
  return bucket.results ?? bucket.result;
}

function isBucket(v: unknown): v is Obj {
  return isObj(v) && Array.isArray(rowsOf(v));
}

/** The `object` tag of the first result row in a page, bucket or lone result; undefined when there is none. */
export function resultObjectOf(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  const buckets = Array.isArray(v.data) ? v.data : isBucket(v) ? [v] : null;
  if (!buckets) return typeof v.object === 'string' ? v.object : undefined;
  for (const b of buckets) {
    if (!isBucket(b)) continue;
    for (const r of rowsOf(b) as unknown[]) if (isObj(r) && typeof r.object === 'string') return r.object;
  }
  return undefined;
}

/**
 * A quiet period gives pages of empty buckets, which name no result type; then only the file name can
 * tell usage from costs. Restricted to OpenAI's own `object` tags so Anthropic report pages are not claimed.
 */
export function isEmptyOpenAiPage(v: unknown): boolean {
  return isObj(v) && (v.object === 'page' || v.object === 'bucket') && resultObjectOf(v) === undefined;
}

export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/** A CSV row: a flat object of strings (JSON records always carry numbers, nulls or nested objects). */
export function isCsvRow(v: unknown): v is Record<string, string> {
  return isObj(v) && Object.values(v).every((x) => typeof x === 'string') && !('object' in v);
}

/** Which dashboard export a CSV header is: both begin start_time,end_time,start_time_iso,end_time_iso. */
export function csvKind(row: Obj, fileName: string): 'usage' | 'costs' | undefined {
  const has = (k: string) => k in row;
  if (!has('start_time') && !has('start_time_iso')) return undefined;
  const base = baseName(fileName);
  if (has('amount_value') || has('amount_currency') || /^cost_/i.test(base)) return 'costs';
  if (['num_model_requests', 'input_tokens', 'output_tokens', 'input_cached_tokens'].some(has) || /^completions_usage/i.test(base))
    return 'usage';
  return undefined;
}

export function missingColumns(row: Obj, required: readonly string[]): string[] {
  return required.filter((c) => !(c in row));
}

/** A bucket window from start/end values (unix seconds or ISO); no end means the 1-day default width. */
export function windowOf(startV: unknown, endV: unknown, startField: string, endField: string, sink: IssueSink): Window | null {
  const before = sink.issues.length;
  const start = timestamp(startV, startField, sink);
  const end = timestamp(endV, endField, sink);
  if (sink.issues.length > before) return null;
  if (!start) {
    sink.add(startField, 'expected the bucket start time (unix seconds or ISO-8601), got nothing');
    return null;
  }
  const periodSeconds = end ? Math.round((end.getTime() - start.getTime()) / 1000) : DAY_SECONDS;
  if (end && periodSeconds <= 0) {
    sink.add(endField, `expected the bucket end after its start (${start.toISOString()}), got ${end.toISOString()}`);
    return null;
  }
  // At the edge of the Date range (year 275760) start + width is an Invalid Date (a cost line's periodEnd).
  if (Number.isNaN(new Date(start.getTime() + periodSeconds * 1000).getTime())) {
    sink.add(end ? endField : startField, `expected a bucket within the representable time range, got start ${start.toISOString()}`);
    return null;
  }
  return { start, periodSeconds, inferred: false };
}

/**
 * The result rows of one framed JSON record: a page, a bucket, or a lone result object (which has no
 * window, so it gets ctx.fallbackTime and the 1-day default width). Structural problems go to sink;
 * rows whose `object` names another result type are reported there too, not yielded.
 */
export function* walkRecord(v: unknown, resultObject: string, ctx: ParseContext, sink: IssueSink): Generator<ResultRow> {
  if (isObj(v) && Array.isArray(v.data)) {
    for (const [i, b] of v.data.entries()) yield* walkBucket(b, `data[${i}].`, resultObject, sink);
  } else if (isBucket(v)) {
    yield* walkBucket(v, '', resultObject, sink);
  } else if (isObj(v) && v.object === resultObject) {
    yield { row: v, path: '', window: { start: ctx.fallbackTime, periodSeconds: DAY_SECONDS, inferred: true }, lone: true };
  } else {
    const got = isObj(v) ? `an object with object=${brief(v.object ?? null)}` : brief(v);
    sink.add(undefined, `expected a page {object:"page", data:[buckets]}, a bucket, or an ${resultObject} object, got ${got}`);
  }
}

function* walkBucket(b: unknown, path: string, resultObject: string, sink: IssueSink): Generator<ResultRow> {
  if (!isBucket(b)) {
    sink.add(path.slice(0, -1) || undefined, `expected a bucket {start_time, end_time, results:[...]}, got ${brief(b)}`);
    return;
  }
  const window = windowOf(b.start_time, b.end_time, `${path}start_time`, `${path}end_time`, sink);
  if (!window) return;
  const key = b.results !== undefined ? 'results' : 'result';
  for (const [j, row] of (rowsOf(b) as unknown[]).entries()) {
    const rowPath = `${path}${key}[${j}]`;
    if (!isObj(row)) sink.add(rowPath, `expected an ${resultObject} object, got ${brief(row)}`);
    // Rows without an object tag are accepted: hand-trimmed exports drop it, and the bucket already says what they are.
    else if (row.object !== undefined && row.object !== resultObject)
      sink.add(`${rowPath}.object`, `expected ${JSON.stringify(resultObject)}, got ${brief(row.object)}`);
    else yield { row, path: `${rowPath}.`, window, lone: false };
  }
}

/** A count (requests): non-negative whole number, given as a number or a numeric string. */
export function wholeCount(v: unknown, field: string, sink: IssueSink): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    sink.add(field, `expected a non-negative whole number, got ${brief(v)}`);
    return null;
  }
  return n;
}

/** JSON with object keys sorted at every level, so equal content hashes equally whatever the key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** sha256 (hex) of the canonical JSON of v. */
export function contentHash(v: unknown): string {
  return createHash('sha256').update(canonicalJson(v)).digest('hex');
}

/** Drops null/undefined entries; null when nothing is left (tags are null, not {}, when there are none). */
export function compactTags(t: Record<string, unknown>): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const k of Object.keys(t)) {
    const v = t[k];
    if (v === null || v === undefined) continue;
    out ??= {};
    out[k] = v;
  }
  return out;
}

/**
 * The parse loop both OpenAI export sources share: JSON records go to `json`; a CSV export is checked
 * once for its required columns (each missing one is an issue on line 1 and no row is read), then each
 * row goes to `csv`. `what` names the export in messages ("a usage export").
 */
export async function* parseOpenAiExport(
  records: AsyncIterable<FramedRecord>,
  ctx: ParseContext,
  o: {
    what: string;
    required: readonly string[];
    json: (rec: FramedRecord, ctx: ParseContext) => Iterable<ParsedItem>;
    csv: (rec: FramedRecord, ctx: ParseContext) => Iterable<ParsedItem>;
  },
): AsyncIterable<ParsedItem> {
  let csvState: 'unchecked' | 'ok' | 'missing' = 'unchecked';
  for await (const rec of records) {
    if (ctx.framing !== 'csv') {
      yield* o.json(rec, ctx);
      continue;
    }
    if (csvState === 'missing') continue; // consume the stream, emit nothing: the header was reported
    if (csvState === 'unchecked') {
      const missing = isCsvRow(rec.value) ? missingColumns(rec.value, o.required) : [...o.required];
      csvState = missing.length ? 'missing' : 'ok';
      for (const c of missing)
        yield {
          kind: 'issue',
          issue: {
            file: ctx.file,
            line: 1,
            header: true,
            field: c,
            message: `missing column ${c}: ${o.what} needs ${o.required.join(', ')}; no rows were read`,
          },
        };
      if (csvState === 'missing') continue;
    }
    yield* o.csv(rec, ctx);
  }
}
