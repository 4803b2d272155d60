/**
 * Every real sample in shared/samples/litellm (read in place, never copied) through framing (openRecords),
 * detection, litellmSource.parse and the pipeline's invariants (checkEvent). parseInput is not used because the
 * source is not in the registry yet. The expected totals were worked out by hand from the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { expect, test } from 'vitest';
import { litellmSource } from './litellm';
import { openRecords } from './read';
import { listSources } from './registry';
import type { IngestIssue, UsageEvent } from './types';
import { checkEvent } from './validate';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples/litellm');

interface Expected {
  /** Per event, in file order: [input, cached, cacheWrite, output, reasoning]. */
  tokens: (number | null)[][];
  dedupeKeys: string[];
  reportedCost: string;
  latencyMs: number[];
  traceIds: (string | null)[];
  toolCalls: (number | null)[];
  kind: string;
}

const expected: Record<string, Expected> = {
  // prompt 10, completion 20 (usage_object has no details); spend 0.00022500000000000002 kept digit for digit.
  // Latency: request_duration_ms absent, endTime - startTime = 46.851954 - 46.847371 s = 4 ms at Date precision.
  'spend_logs_payload.litellm-tests.json': {
    tokens: [[10, null, null, 20, null]],
    dedupeKeys: ['chatcmpl-2283081b-dc89-41f6-93e6-d4f914774027'],
    reportedCost: '0.00022500000000000002',
    latencyMs: [4],
    traceIds: ['1234567890'],
    toolCalls: [null],
    kind: 'spend_logs',
  },
  // Same counts; response_time 0.007394 s -> 7 ms; the response has one choice and no tool calls.
  'standard_logging_payload.litellm-tests.json': {
    tokens: [[10, null, null, 20, null]],
    dedupeKeys: ['chatcmpl-2299b6a2-82a3-465a-b47c-04e685a2227f'],
    reportedCost: '0.00022500000000000002',
    latencyMs: [7],
    traceIds: [null],
    toolCalls: [0],
    kind: 'standard_logging_payload',
  },
};

test('every sample has an expectation', () => {
  expect(fs.readdirSync(SAMPLES).sort()).toEqual(Object.keys(expected).sort());
});

test.each(Object.entries(expected))('%s', async (name, want) => {
  const p = path.join(SAMPLES, name);
  const opened = await openRecords(fs.createReadStream(p), p);
  expect(litellmSource.detect(opened.first?.value, p)).toBe(true);
  // No existing source claims it, so registry order cannot steal it.
  for (const s of listSources()) if (s.id !== 'litellm') expect(s.detect(opened.first?.value, p), s.id).toBe(false);
  const ctx = { file: p, framing: opened.framing, fallbackTime: new Date('2026-01-01T00:00:00Z'), fallbackIsMtime: true };
  async function* good() {
    for await (const it of opened.items) if (!('bad' in it)) yield it;
  }
  const events: UsageEvent[] = [];
  const issues: IngestIssue[] = [];
  for await (const it of litellmSource.parse(good(), ctx)) {
    if (it.kind === 'event') {
      expect(checkEvent(it.event)).toEqual([]);
      events.push(it.event);
    } else if (it.kind === 'issue') issues.push(it.issue);
    else throw new Error(`unexpected ${it.kind}`);
  }
  expect(issues).toEqual([]);
  expect(events.map((e) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens])).toEqual(
    want.tokens,
  );
  expect(events.map((e) => e.dedupeKey)).toEqual(want.dedupeKeys);
  expect(events.map((e) => e.requestId)).toEqual(want.dedupeKeys);
  expect(events.map((e) => e.latencyMs)).toEqual(want.latencyMs);
  expect(events.map((e) => e.traceId)).toEqual(want.traceIds);
  expect(events.map((e) => e.toolCalls)).toEqual(want.toolCalls);
  expect(events.reduce((a, e) => a.plus(e.reportedCostUsd ?? 0), new Decimal(0)).toFixed()).toBe(want.reportedCost);
  for (const e of events) {
    expect(e).toMatchObject({
      occurredAt: new Date('2025-01-24T09:20:46.847Z'),
      vendor: 'openai',
      model: 'gpt-4o',
      modelRaw: 'gpt-4o',
      modelCreator: 'openai',
      billedCostUsd: null,
      reportedBy: 'litellm',
      apiKey: null,
      user: null,
      team: null,
      project: null,
      success: null,
      periodSeconds: 0,
      requestCount: 1,
      timeInferred: false,
    });
    expect(e.tags).toMatchObject({ litellmRecord: want.kind, status: 'success', callType: 'acompletion', totalTokens: 30 });
  }
});
