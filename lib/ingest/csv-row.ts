/** Encodes staged rows as CSV for COPY ... WITH (FORMAT csv): unquoted empty = NULL, "" = empty string. */
import type { CostLine, OutcomeRecord, UsageEvent } from './types';

const NEEDS_QUOTES = /[",\n\r]/;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // Quote only when CSV needs it: empty ("" is an empty string, bare empty is NULL) or special characters.
  if (s !== '' && !NEEDS_QUOTES.test(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

export interface StageContext {
  source: string;
  runId: number;
  listCostUsd: string | null;
  priceSource: string | null;
  outputPerMtokUsd: string | null;
}

/*
 * Typed cells for the event hot path. cell() tests every value for null, Date, boolean, number and string in turn;
 * called 36 times a row with all of them, it is megamorphic and was the largest share of encoding. Each helper
 * takes the type its column holds and hands anything else to cell(), so the text is the same whatever arrives.
 */
function txt(v: string | null): string {
  if (v === null || typeof v !== 'string' || v === '') return cell(v);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One text column's CSV cell, as the event lines write it (batch-rollups.ts writes its keys with it). */
export const txtCell = txt;

function num(v: number | null): string {
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : '';
  return v === null ? '' : cell(v);
}

function yesNo(v: boolean | null): string {
  if (v === true) return 't';
  if (v === false) return 'f';
  return cell(v);
}

/**
 * d.toISOString(), the same text, remembering the minute of the last time written and its ISO text up to the seconds
 * ("2026-01-05T10:07:"): log lines come in time order, so most share the minute of the one before and only seconds
 * and milliseconds are spelled out. Date.prototype.toISOString was a fifth of a row's encoding. Each caller keeps its
 * own (a shared one would thrash between two streams of times). Years outside 1970..9999 (and invalid dates, which
 * throw) go to toISOString directly.
 */
export function isoTimeWriter(): (d: Date) => string {
  let isoMinute = Number.NaN;
  let isoPrefix = '';
  return (d) => {
    const t = d.getTime();
    const minute = Math.floor(t / 60_000);
    if (minute !== isoMinute) {
      if (!(t >= 0 && t < 253_402_300_800_000)) return d.toISOString();
      isoMinute = minute;
      isoPrefix = d.toISOString().slice(0, 17);
    }
    const inMinute = t - minute * 60_000;
    const ms = inMinute % 1000;
    const s = (inMinute - ms) / 1000;
    return `${isoPrefix}${s < 10 ? '0' : ''}${s}.${ms < 100 ? (ms < 10 ? '00' : '0') : ''}${ms}Z`;
  };
}

const isoTime = isoTimeWriter();

/**
 * Column order must match EVENT_COLUMNS in db/queries/ingest.ts. This runs once per event on the ingest hot path:
 * joining an array of cells makes one flat string, where concatenating them built a rope of ~70 pieces that
 * CsvBatch then had to walk and copy.
 */
export function eventCsvLine(e: UsageEvent, c: StageContext): string {
  const latency = e.latencyMs === null ? null : Math.round(e.latencyMs);
  return [
    txt(e.dedupeKey),
    e.occurredAt instanceof Date ? isoTime(e.occurredAt) : cell(e.occurredAt),
    num(e.periodSeconds),
    num(e.requestCount),
    txt(e.vendor),
    txt(e.model),
    txt(e.modelRaw),
    txt(e.modelCreator),
    num(e.inputTokens),
    num(e.cachedInputTokens),
    num(e.cacheWriteTokens),
    num(e.outputTokens),
    num(e.reasoningTokens),
    txt(e.billedCostUsd),
    txt(e.reportedCostUsd),
    txt(e.reportedBy),
    txt(c.listCostUsd),
    txt(c.priceSource),
    txt(c.outputPerMtokUsd),
    txt(e.requestId),
    txt(e.project),
    txt(e.apiKey),
    txt(e.user),
    txt(e.team),
    txt(e.workflow),
    txt(e.environment),
    txt(e.traceId),
    e.tags === null ? '' : cell(e.tags),
    yesNo(e.success),
    txt(e.score),
    txt(e.outcomeSource),
    num(latency),
    num(e.toolCalls),
    txt(c.source),
    num(c.runId),
    `${yesNo(e.timeInferred)}\n`,
  ].join(',');
}

/** Column order must match COST_COLUMNS in db/queries/ingest.ts. */
export function costCsvLine(l: CostLine, source: string, runId: number): string {
  return `${[
    l.dedupeKey,
    l.periodStart,
    l.periodEnd,
    l.vendor,
    l.service,
    l.lineItem,
    l.chargeCategory,
    l.model,
    l.billedCostUsd,
    l.listCostUsd,
    l.currency,
    l.project,
    l.apiKey,
    l.quantity,
    l.quantityUnit,
    l.tags,
    source,
    runId,
  ]
    .map(cell)
    .join(',')}\n`;
}

/** Column order must match OUTCOME_COLUMNS in db/queries/outcomes.ts; seq is the row's place in the file. */
export function outcomeCsvLine(o: OutcomeRecord, seq: number): string {
  return `${[seq, o.keyKind, o.key, o.success, o.score, o.outcomeSource].map(cell).join(',')}\n`;
}

/**
 * One batch's COPY text for a table. Rows built by concatenation are V8 rope strings (~2 KB of nodes a row
 * here, against ~0.4 KB flat), so rows are joined into flat chunks of ~64 KB as they come: memory stays at
 * about the text's own size (peak RSS went from ~300 to ~520 MB on the ingest bench while ropes were kept).
 */
export class CsvBatch {
  rows = 0;
  bytes = 0;
  private chunks: string[] = [];
  private pending: string[] = [];
  private pendingBytes = 0;
  push(line: string): void {
    this.pending.push(line);
    this.rows++;
    this.bytes += line.length;
    this.pendingBytes += line.length;
    if (this.pendingBytes >= 65_536) this.seal();
  }
  /** The text in chunks, for COPY. */
  finish(): string[] {
    this.seal();
    return this.chunks;
  }
  private seal(): void {
    if (this.pending.length) this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
