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

/** Column order must match EVENT_COLUMNS in db/queries/ingest.ts. */
export function eventCsvLine(e: UsageEvent, c: StageContext): string {
  return `${[
    e.dedupeKey,
    e.occurredAt,
    e.periodSeconds,
    e.requestCount,
    e.vendor,
    e.model,
    e.modelRaw,
    e.modelCreator,
    e.inputTokens,
    e.cachedInputTokens,
    e.cacheWriteTokens,
    e.outputTokens,
    e.reasoningTokens,
    e.billedCostUsd,
    e.reportedCostUsd,
    e.reportedBy,
    c.listCostUsd,
    c.priceSource,
    c.outputPerMtokUsd,
    e.requestId,
    e.project,
    e.apiKey,
    e.user,
    e.team,
    e.workflow,
    e.environment,
    e.traceId,
    e.tags,
    e.success,
    e.score,
    e.outcomeSource,
    e.latencyMs === null ? null : Math.round(e.latencyMs),
    e.toolCalls,
    c.source,
    c.runId,
    e.timeInferred,
  ]
    .map(cell)
    .join(',')}\n`;
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
