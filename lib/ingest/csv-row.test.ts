import { describe, expect, test } from 'vitest';
import { eventCsvLine, type StageContext } from './csv-row';
import { makeEvent, type UsageEvent } from './types';

/** The generic encoding eventCsvLine's typed cells replace (one cell() for every column): the text must not change. */
function generic(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s !== '' && !/[",\n\r]/.test(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

function genericLine(e: UsageEvent, c: StageContext): string {
  const cells = [
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
  ];
  return `${cells.map(generic).join(',')}\n`;
}

describe('eventCsvLine', () => {
  const texts = [null, '', 'plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', 'ünï 日本 🎉', '"', ',', ' x '];
  const numbers = [null, 0, 1, 2_147_483_647, 1.5, -3, Number.NaN, Number.POSITIVE_INFINITY];
  const times = [0, 59_999, 60_000, 1_767_225_600_123, 1_767_225_659_999, 253_402_300_799_999, 253_402_300_800_000, -1, -86_400_001];
  test('matches the generic cell encoding for varied values, times and wrong-typed fields', () => {
    for (let i = 0; i < 2_000; i++) {
      const t = (k: number) => texts[(i * 7 + k * 3) % texts.length];
      const n = (k: number) => numbers[(i * 5 + k) % numbers.length];
      const e = makeEvent({
        dedupeKey: t(0) ?? 'k',
        occurredAt: new Date(times[i % times.length] + (i % 3) * 1_234),
        vendor: t(1) ?? 'openai',
        model: t(2),
        modelRaw: t(3),
        inputTokens: n(1),
        cachedInputTokens: n(2),
        outputTokens: n(3),
        reasoningTokens: n(4),
        billedCostUsd: i % 4 ? '0.0012' : null,
        requestId: t(4),
        team: t(5),
        user: t(6),
        tags: i % 3 ? null : { a: t(7), b: [1, 'x,y'] },
        success: [true, false, null][i % 3],
        score: i % 2 ? '0.5' : null,
        latencyMs: n(5),
        toolCalls: n(6),
        timeInferred: i % 2 === 0,
      });
      // Values of another type than declared (a parser bug, or JSON handed through) must still encode as before.
      if (i % 50 === 0) Object.assign(e, { team: 42, inputTokens: '7', success: 'yes', periodSeconds: null });
      const c: StageContext = {
        source: 'response_log',
        runId: i,
        listCostUsd: i % 5 ? '0.0001' : null,
        priceSource: 'catalog',
        outputPerMtokUsd: t(8),
      };
      expect(eventCsvLine(e, c)).toBe(genericLine(e, c));
    }
  });
});
