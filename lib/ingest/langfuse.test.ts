import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { IssueSink } from './fields';
import { isLangfuseRecord, langfuseSource } from './langfuse';
import { mapUsageDetails, outcomeOf } from './langfuse-usage';
import { openRecords } from './read';
import { listSources } from './registry';
import type { IngestIssue, UsageEvent } from './types';
import { checkEvent } from './validate';

const FIX = path.resolve(import.meta.dirname, '__fixtures__/langfuse');
const FALLBACK = new Date('2026-01-01T00:00:00Z');

async function run(input: { path: string } | { text: string; file: string }) {
  const file = 'path' in input ? path.basename(input.path) : input.file;
  const stream = 'path' in input ? fs.createReadStream(input.path) : Readable.from([Buffer.from(input.text)]);
  const opened = await openRecords(stream, file);
  const ctx = { file, framing: opened.framing, fallbackTime: FALLBACK, fallbackIsMtime: true };
  async function* good() {
    for await (const it of opened.items) if (!('bad' in it)) yield it;
  }
  const out = {
    framing: opened.framing,
    first: opened.first?.value,
    events: [] as UsageEvent[],
    issues: [] as IngestIssue[],
    duplicates: 0,
  };
  for await (const it of langfuseSource.parse(good(), ctx)) {
    if (it.kind === 'event') {
      expect(checkEvent(it.event)).toEqual([]);
      out.events.push(it.event);
    } else if (it.kind === 'issue') out.issues.push(it.issue);
    else if (it.kind === 'duplicate') out.duplicates++;
  }
  return out;
}

const tokensOf = (e: UsageEvent) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens];

function generation(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    traceId: 'trace-9',
    type: 'GENERATION',
    startTime: '2025-11-02T10:00:00.000Z',
    model: 'gpt-4.1-mini',
    usageDetails: { input: 10, output: 5, total: 15 },
    costDetails: { total: 0.00002 },
    ...extra,
  };
}

describe('usageDetails key styles (decided per key name)', () => {
  const map = (d: Record<string, unknown>) => {
    const sink = new IssueSink({ file: 'f' });
    const t = mapUsageDetails(d, 'usageDetails', sink);
    return {
      t: [t.inputTokens, t.cachedInputTokens, t.cacheWriteTokens, t.outputTokens, t.reasoningTokens],
      tags: t.tags,
      issues: sink.issues,
    };
  };

  test('disjoint Langfuse buckets are summed', () => {
    expect(
      map({ input: 179, output: 35, total: 278, input_audio: 0, input_cache_read: 0, output_audio: 0, output_reasoning: 64 }).t,
    ).toEqual([179, 0, null, 99, 64]);
    expect(map({ input: 100, input_cache_read: 400, input_cache_creation: 50, output: 20, output_reasoning_tokens: 30 }).t).toEqual([
      550, 400, 50, 50, 30,
    ]);
    // Anthropic-named buckets are disjoint too.
    expect(map({ input: 5, cache_read_input_tokens: 900, cache_creation_input_tokens: 100, output: 7 }).t).toEqual([
      1005,
      900,
      100,
      7,
      null,
    ]);
  });

  test('OpenAI-style dotted subsets are never added', () => {
    expect(map({ input: 500, output: 80, total: 580, 'prompt_details.cache_read': 300, 'completion_details.reasoning': 60 }).t).toEqual([
      500,
      300,
      null,
      80,
      60,
    ]);
    expect(map({ prompt_tokens: 70, completion_tokens: 9, 'prompt_tokens_details.cached_tokens': 64 }).t).toEqual([70, 64, null, 9, null]);
  });

  test('a 5m/1h cache-write split counts once: beside its aggregate it is not added again', () => {
    expect(map({ input: 10, input_cache_creation: 300, input_cache_creation_5m: 100, input_cache_creation_1h: 200, output: 1 }).t).toEqual([
      310,
      null,
      300,
      1,
      null,
    ]);
    expect(map({ input: 10, input_cache_creation_5m: 100, input_cache_creation_1h: 200, output: 1 }).t).toEqual([310, null, 300, 1, null]);
  });

  test('unknown keys go to tags; a total that disagrees is tagged; negative counts are issues', () => {
    const r = map({ input: 1, output: 2, total: 4, web_search: 3, image: -1 });
    expect(r.t).toEqual([1, null, null, 2, null]);
    expect(r.tags).toEqual({ otherUsage: { web_search: 3 }, usageTotalMismatch: 4 });
    expect(r.issues.map((i) => i.field)).toEqual(['usageDetails.image']);
  });
});

describe('scores -> outcome', () => {
  const s = (name: string, value: unknown, extra: Record<string, unknown> = {}) => ({
    name,
    value,
    dataType: 'NUMERIC',
    source: 'EVAL',
    ...extra,
  });

  test('correctness-like numeric 0..1 and boolean scores; toxicity/hallucination never', () => {
    expect(outcomeOf([s('toxicity', 0.9), s('hallucination', 0)], 'o')).toBeNull();
    expect(outcomeOf([s('correctness', 0.75)], 'o')).toEqual({ success: true, score: '0.75', outcomeSource: 'langfuse:correctness' });
    expect(outcomeOf([s('answer_accuracy', 0.2)], 'o')).toMatchObject({ success: false, score: '0.2' });
    expect(outcomeOf([s('pass', 1, { dataType: 'BOOLEAN' })], 'o')).toMatchObject({ success: true, score: '1' });
    expect(outcomeOf([s('correctness', 7)], 'o')).toBeNull(); // outside 0..1
    expect(outcomeOf([s('correctness', null, { dataType: 'CATEGORICAL', stringValue: 'good' })], 'o')).toBeNull();
  });

  test("the observation's own score wins over the trace's, then the latest", () => {
    const scores = [
      s('correctness', 1, { timestamp: '2025-01-03T00:00:00Z' }),
      s('correctness', 0, { observationId: 'o', timestamp: '2025-01-01T00:00:00Z' }),
      s('correctness', 0.6, { observationId: 'o', timestamp: '2025-01-02T00:00:00Z' }),
    ];
    expect(outcomeOf(scores, 'o')).toMatchObject({ success: true, score: '0.6' });
  });
});

describe('Langfuse records', () => {
  test('a page of bare observations (fixture): both key styles, JSON-string metadata, SPAN skipped', async () => {
    const r = await run({ path: path.join(FIX, 'observations-page.json') });
    expect(langfuseSource.detect(r.first, 'observations-page.json')).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(2);
    const [a, b] = r.events;
    expect(tokensOf(a)).toEqual([550, 400, 50, 50, 30]);
    expect(a).toMatchObject({
      dedupeKey: 'obs-disjoint',
      requestId: 'obs-disjoint',
      traceId: 'trace-1',
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      reportedCostUsd: '0.0013575',
      reportedBy: 'langfuse',
      environment: 'production',
      latencyMs: 2500,
      toolCalls: 0,
      workflow: null,
      user: null,
    });
    expect(a.tags).toMatchObject({ ttftMs: 400, langfuseProjectId: 'proj-lf', observationName: 'ChatAnthropic' });
    expect(a.tags).not.toHaveProperty('vendorInferred');
    expect(tokensOf(b)).toEqual([500, 300, null, 80, 60]);
    // latency null: endTime - startTime.
    expect(b).toMatchObject({ vendor: 'openai', reportedCostUsd: '0.00164', latencyMs: 1250, toolCalls: 2 });
  });

  test('a trace export: trace name, user, session, scores; observation-level scores apply to their observation only', async () => {
    const doc = {
      trace: {
        id: 'trace-9',
        name: 'support-agent',
        userId: 'user-1',
        sessionId: 'sess-1',
        environment: 'staging',
        tags: ['beta'],
        timestamp: '2025-11-02T09:59:59.000Z',
        scores: [
          { name: 'toxicity', value: 0.1, dataType: 'NUMERIC', observationId: null },
          { name: 'correctness', value: 1, dataType: 'NUMERIC', observationId: null },
          { name: 'correctness', value: 0, dataType: 'NUMERIC', observationId: 'g2' },
        ],
      },
      observations: [
        generation('g1'),
        generation('g2', { startTime: null, latency: 1.5 }),
        { id: 's', traceId: 'trace-9', type: 'SPAN', startTime: null },
      ],
    };
    const r = await run({ file: 't.json', text: JSON.stringify(doc) });
    expect(r.issues).toEqual([]);
    const [g1, g2] = r.events;
    expect(g1).toMatchObject({
      workflow: 'support-agent',
      user: 'user-1',
      traceId: 'trace-9',
      environment: 'staging',
      success: true,
      score: '1',
      outcomeSource: 'langfuse:correctness',
      reportedCostUsd: '0.00002',
      vendor: 'openai',
    });
    expect(g1.tags).toMatchObject({ sessionId: 'sess-1', traceTags: ['beta'], vendorInferred: true });
    expect((g1.tags?.scores as unknown[] | undefined)?.length).toBe(2);
    expect(g2).toMatchObject({
      success: false,
      score: '0',
      occurredAt: new Date('2025-11-02T09:59:59.000Z'),
      timeInferred: false,
      latencyMs: 1500,
    });
    expect((g2.tags?.scores as unknown[] | undefined)?.length).toBe(3);
  });

  test('JSONL observations: missing fields are null, a repeated id is a duplicate, no time falls back', async () => {
    const text = [
      generation('a', { usageDetails: { input: 3 }, costDetails: {}, totalCost: 0, model: null, startTime: null }),
      generation('b', { usageDetails: {}, costDetails: { total: 0 } }),
      generation('c', { usageDetails: {}, costDetails: {}, totalCost: 0 }),
      generation('a'),
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const r = await run({ file: 'obs.jsonl', text: `${text}\n` });
    expect(r.framing).toBe('jsonl');
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => e.dedupeKey)).toEqual(['a', 'b']);
    expect(r.duplicates).toBe(1);
    const [a, b] = r.events;
    expect(a).toMatchObject({ inputTokens: 3, outputTokens: null, reportedCostUsd: null, vendor: 'unknown', model: null });
    expect(a).toMatchObject({ occurredAt: FALLBACK, timeInferred: true, latencyMs: null, toolCalls: null });
    // costDetails.total 0 is a reported 0; tokens absent stay null.
    expect(b).toMatchObject({ inputTokens: null, reportedCostUsd: '0', reportedBy: 'langfuse' });
  });

  test('the deprecated usage object is read when usageDetails is absent', async () => {
    const r = await run({
      file: 'o.json',
      text: JSON.stringify([generation('u', { usageDetails: undefined, usage: { input: 7, output: 3, total: 10, unit: 'TOKENS' } })]),
    });
    expect(r.issues).toEqual([]);
    expect(tokensOf(r.events[0])).toEqual([7, null, null, 3, null]);
  });

  test('bad records become issues naming file, record and field', async () => {
    const doc = [
      { trace: { id: 't' }, observations: [generation('n', { usageDetails: { input: -4, output: 1 } }), 'oops'] },
      generation('ts', { startTime: 'not a time' }),
      generation('lat', { latency: -1 }),
      generation('money', { costDetails: { total: 'lots' } }),
      { something: 'else' },
    ];
    const r = await run({ file: 'bad.json', text: JSON.stringify(doc) });
    expect(r.events).toEqual([]);
    expect(r.issues.map((i) => [i.file, i.record, i.field])).toEqual([
      ['bad.json', 1, 'observations[0].usageDetails.input'],
      ['bad.json', 1, 'observations[1]'],
      ['bad.json', 2, 'startTime'],
      ['bad.json', 3, 'latency'],
      ['bad.json', 4, 'costDetails.total'],
      ['bad.json', 5, undefined],
    ]);
  });
});

describe('detection', () => {
  test('claims Langfuse records only, and no existing source claims them', () => {
    const samples = [
      { trace: { id: 't' }, observations: [] },
      { id: 't', timestamp: '2025-01-01T00:00:00Z', observations: [] },
      generation('g'),
      { data: [generation('g')], meta: {} },
    ];
    for (const v of samples) {
      expect(isLangfuseRecord(v)).toBe(true);
      for (const s of listSources()) if (s.id !== langfuseSource.id) expect(s.detect(v, 'x.json'), s.id).toBe(false);
    }
    expect(isLangfuseRecord({ data: [] })).toBe(false);
    expect(isLangfuseRecord({ object: 'page', data: [{ object: 'bucket' }] })).toBe(false);
    expect(isLangfuseRecord({ request_id: 'r', spend: 0, startTime: 'x' })).toBe(false);
  });
});

describe('issue locations', () => {
  test('flat token fields and a bad trace timestamp (checked only when the observation has no time)', async () => {
    const doc = {
      trace: { id: 't', timestamp: 'soon' },
      observations: [
        generation('flat', { usageDetails: undefined, promptTokens: -1, completionTokens: 2 }),
        generation('timed'),
        generation('untimed', { startTime: null }),
      ],
    };
    const r = await run({ file: 'x.json', text: JSON.stringify(doc) });
    expect(r.events.map((e) => e.dedupeKey)).toEqual(['timed']);
    expect(r.issues.map((i) => i.field)).toEqual(['observations[0].promptTokens', 'trace.timestamp']);
  });

  test('an out-of-range latency is an issue, an impossible endTime - startTime is just unknown', async () => {
    const r = await run({
      file: 'x.jsonl',
      text: `${JSON.stringify(generation('big', { latency: 1e300 }))}\n${JSON.stringify(generation('neg', { endTime: '2025-11-01T00:00:00Z' }))}\n`,
    });
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([[1, 'latency']]);
    expect(r.events[0]).toMatchObject({ dedupeKey: 'neg', latencyMs: null });
  });
});
