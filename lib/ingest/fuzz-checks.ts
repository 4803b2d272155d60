/**
 * Checks shared by the parser fuzz tests: the per-run time budget ("never hangs") and the shape every
 * parsed item must have. Test support only; nothing in the product imports it.
 */
import { expect } from 'vitest';
import type { FramedRecord, ParseContext, ParsedItem } from './types';

/** Per-run budget: "never hangs". Checked both as a race (async stalls) and as elapsed time (sync loops). */
/** Generous for a loaded 2-core CI machine (typical runs take milliseconds); a real hang never finishes. */
export const RUN_MS = 10_000;
export const MONEY = /^-?\d+(\.\d+)?$/;
export const KINDS = new Set(['event', 'cost', 'outcome', 'issue', 'duplicate']);
export const TOKEN_FIELDS = ['inputTokens', 'cachedInputTokens', 'cacheWriteTokens', 'outputTokens', 'reasoningTokens'] as const;

export interface Case {
  records: FramedRecord[];
  ctx: ParseContext;
}

export async function* asAsync(records: FramedRecord[]): AsyncIterable<FramedRecord> {
  for (const r of records) yield r;
}

export async function withinBudget<T>(what: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: no result within ${RUN_MS} ms`)), RUN_MS);
  });
  try {
    const r = await Promise.race([what, hang]);
    const took = performance.now() - started;
    if (took > RUN_MS) throw new Error(`too slow: ${Math.round(took)} ms (budget ${RUN_MS} ms)`);
    return r;
  } finally {
    clearTimeout(timer);
  }
}

export async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}

export function isDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/** What every item straight out of source.parse must satisfy (token arithmetic is left to checkEvent). */
export function checkItems(items: ParsedItem[], c: Case): void {
  const lines = new Set(c.records.flatMap((r) => (r.line === undefined ? [] : [r.line])));
  const recs = new Set(c.records.flatMap((r) => (r.record === undefined ? [] : [r.record])));
  const allLined = c.records.length > 0 && c.records.every((r) => r.line !== undefined);
  const allRecorded = c.records.length > 0 && c.records.every((r) => r.record !== undefined);
  for (const it of items) {
    expect(KINDS.has(it.kind), `kind ${it.kind}`).toBe(true);
    if (it.kind === 'issue') {
      const i = it.issue;
      expect(i.file).toBe(c.ctx.file);
      expect(typeof i.message === 'string' && i.message.length > 0, 'issue message').toBe(true);
      if (i.field !== undefined) expect(typeof i.field).toBe('string');
      // Located at a record that was fed in (or the CSV header, line 1).
      if (allLined) expect(i.line !== undefined && (lines.has(i.line) || i.line === 1), `issue line ${i.line}: ${i.message}`).toBe(true);
      if (allRecorded) expect(i.record !== undefined && recs.has(i.record), `issue record ${i.record}: ${i.message}`).toBe(true);
      continue;
    }
    if (it.kind === 'duplicate') continue;
    if (it.line !== undefined) expect(lines.has(it.line)).toBe(true);
    if (it.record !== undefined) expect(recs.has(it.record)).toBe(true);
    if (it.kind === 'event') {
      const e = it.event;
      expect(typeof e.dedupeKey === 'string' && e.dedupeKey.length > 0, 'dedupeKey').toBe(true);
      expect(isDate(e.occurredAt), 'occurredAt').toBe(true);
      expect(Number.isSafeInteger(e.periodSeconds) && e.periodSeconds >= 0, `periodSeconds ${e.periodSeconds}`).toBe(true);
      expect(typeof e.vendor === 'string' && e.vendor.length > 0).toBe(true);
      for (const f of TOKEN_FIELDS) {
        const v = e[f];
        // Unsafe or inconsistent counts are checkEvent's to reject; a negative one is a parser bug.
        expect(v === null || (typeof v === 'number' && !(v < 0)), `${f} ${v}`).toBe(true);
      }
      for (const f of ['billedCostUsd', 'reportedCostUsd'] as const) {
        const v = e[f];
        expect(v === null || MONEY.test(v), `${f} ${v}`).toBe(true);
      }
      expect(e.score === null || (MONEY.test(e.score) && Number(e.score) >= 0 && Number(e.score) <= 1), `score ${e.score}`).toBe(true);
      for (const f of ['latencyMs', 'toolCalls'] as const) {
        const v = e[f];
        expect(v === null || (Number.isSafeInteger(v) && v >= 0), `${f} ${v}`).toBe(true);
      }
      expect(e.requestCount === null || typeof e.requestCount === 'number').toBe(true);
      expect(e.tags === null || (typeof e.tags === 'object' && !Array.isArray(e.tags))).toBe(true);
      expect(typeof e.timeInferred).toBe('boolean');
      for (const f of ['model', 'modelRaw', 'modelCreator', 'requestId', 'project', 'apiKey', 'user', 'team', 'traceId'] as const)
        expect(e[f] === null || typeof e[f] === 'string', `${f}`).toBe(true);
    } else if (it.kind === 'outcome') {
      const o = it.outcome;
      expect(o.keyKind === 'request_id' || o.keyKind === 'trace_id', `keyKind ${o.keyKind}`).toBe(true);
      expect(typeof o.key === 'string' && o.key.length > 0, 'outcome key').toBe(true);
      expect(o.success !== null || o.score !== null, 'outcome without success or score').toBe(true);
      expect(o.score === null || (MONEY.test(o.score) && Number(o.score) >= 0 && Number(o.score) <= 1), `score ${o.score}`).toBe(true);
    } else {
      const l = it.cost;
      expect(typeof l.dedupeKey === 'string' && l.dedupeKey.length > 0).toBe(true);
      expect(isDate(l.periodStart) && isDate(l.periodEnd), 'cost period').toBe(true);
      expect(l.periodEnd.getTime() >= l.periodStart.getTime(), 'period end before start').toBe(true);
      expect(MONEY.test(l.billedCostUsd), `billedCostUsd ${l.billedCostUsd}`).toBe(true);
      for (const f of ['listCostUsd', 'quantity'] as const) expect(l[f] === null || MONEY.test(l[f]), `${f} ${l[f]}`).toBe(true);
      expect(l.currency).toMatch(/^[A-Z]{3}$/);
      expect(typeof l.vendor === 'string' && l.vendor.length > 0).toBe(true);
    }
  }
}
