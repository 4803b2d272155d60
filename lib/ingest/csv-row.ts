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

/**
 * Column order must match EVENT_COLUMNS in db/queries/ingest.ts. Concatenated cell by cell, without the array,
 * map and join of costCsvLine: this runs once per event on the ingest hot path.
 */
export function eventCsvLine(e: UsageEvent, c: StageContext): string {
  const latency = e.latencyMs === null ? null : Math.round(e.latencyMs);
  return (
    `${cell(e.dedupeKey)},` +
    `${cell(e.occurredAt)},` +
    `${cell(e.periodSeconds)},` +
    `${cell(e.requestCount)},` +
    `${cell(e.vendor)},` +
    `${cell(e.model)},` +
    `${cell(e.modelRaw)},` +
    `${cell(e.modelCreator)},` +
    `${cell(e.inputTokens)},` +
    `${cell(e.cachedInputTokens)},` +
    `${cell(e.cacheWriteTokens)},` +
    `${cell(e.outputTokens)},` +
    `${cell(e.reasoningTokens)},` +
    `${cell(e.billedCostUsd)},` +
    `${cell(e.reportedCostUsd)},` +
    `${cell(e.reportedBy)},` +
    `${cell(c.listCostUsd)},` +
    `${cell(c.priceSource)},` +
    `${cell(c.outputPerMtokUsd)},` +
    `${cell(e.requestId)},` +
    `${cell(e.project)},` +
    `${cell(e.apiKey)},` +
    `${cell(e.user)},` +
    `${cell(e.team)},` +
    `${cell(e.workflow)},` +
    `${cell(e.environment)},` +
    `${cell(e.traceId)},` +
    `${cell(e.tags)},` +
    `${cell(e.success)},` +
    `${cell(e.score)},` +
    `${cell(e.outcomeSource)},` +
    `${cell(latency)},` +
    `${cell(e.toolCalls)},` +
    `${cell(c.source)},` +
    `${cell(c.runId)},` +
    `${cell(e.timeInferred)}\n`
  );
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
