/**
 * OTLP/JSON GenAI spans on fixtures written from the spec (no raw OTLP dump was available), and detection of the
 * otel-genai samples, which are Langfuse exports and must stay with the Langfuse source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SAMPLES_DIR } from '../../test/samples';
import { FIXTURES, ingestFile, ingestText, total } from './openai-testing';
import { openRecords } from './read';
import { detectSource } from './registry';
import { checkEvent } from './validate';

const dir = path.join(FIXTURES, 'otel-genai');
const T0 = 1767225600000000000n; // 2026-01-01T00:00:00Z in nanoseconds
const ns = (ms: number) => String(T0 + BigInt(ms) * 1_000_000n);
const kv = (d: Record<string, unknown>) =>
  Object.entries(d).map(([key, v]) => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } }));
function doc(spans: Record<string, unknown>[]) {
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: kv({ 'service.name': 'svc' }) }, scopeSpans: [{ scope: { name: 't' }, spans }] }],
  });
}
function span(over: Record<string, unknown>, attrs: Record<string, unknown> = {}) {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b175',
    name: 'chat',
    startTimeUnixNano: ns(0),
    endTimeUnixNano: ns(1000),
    attributes: kv({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1',
      'gen_ai.usage.input_tokens': 10,
      'gen_ai.usage.output_tokens': 5,
      ...attrs,
    }),
    ...over,
  };
}
const counts = (e: {
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
}) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens];

describe('current attribute names (semconv 1.40+)', () => {
  test('one event per model-call span; agent, tool and HTTP spans skipped, so the agent total is not counted twice', async () => {
    const r = await ingestFile(path.join(dir, 'traces-current.json'));
    expect(r.source).toBe('otel_genai');
    expect(r.issues).toEqual([]);
    expect(r.events.map(counts)).toEqual([
      [1200, 1000, null, 250, 128],
      [300, 100, 150, 50, null],
    ]);
    // The invoke_agent span reported 1,500 in / 300 out: exactly its two calls, counted once.
    expect([total(r.events, 'inputTokens'), total(r.events, 'outputTokens')]).toEqual([1500, 300]);
    for (const e of r.events) expect(checkEvent(e)).toEqual([]);
  });

  test('field by field: end time, latency, ids, resource and agent attribution', async () => {
    const [a, b] = (await ingestFile(path.join(dir, 'traces-current.json'))).events;
    expect(a).toMatchObject({
      dedupeKey: 'otel_genai:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b175',
      occurredAt: new Date('2026-01-01T00:00:01.600Z'),
      latencyMs: 1500,
      periodSeconds: 0,
      requestCount: 1,
      vendor: 'openai',
      model: 'o4-mini',
      modelRaw: 'o4-mini-2025-04-16',
      modelCreator: 'openai',
      requestId: 'chatcmpl-Bq1',
      traceId: '5b8efff798038103d269b633813fc60c',
      project: 'support-bot',
      environment: 'production',
      workflow: 'triage',
      user: 'u-42',
      billedCostUsd: null,
      reportedCostUsd: null,
      success: null,
      timeInferred: false,
    });
    expect(a.tags).toMatchObject({
      spanId: 'eee19b7ec3c1b175',
      parentSpanId: 'eee19b7ec3c1b174',
      operation: 'chat',
      conversationId: 'conv-1',
      requestModel: 'o4-mini',
      finishReasons: ['stop'],
      scope: 'opentelemetry.instrumentation.openai_v2',
      serviceVersion: '1.4.2',
    });
    // Started 23:59:59.5, ended 00:00:01.2 the next day: the call counts on the day it finished.
    expect(b).toMatchObject({
      occurredAt: new Date('2026-01-02T00:00:01.200Z'),
      latencyMs: 1700,
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
    });
    expect(b.tags).toMatchObject({ statusError: 'overloaded, retried' });
  });
});

describe('deprecated names and older instrumentations', () => {
  test('gen_ai.system, prompt/completion tokens, OpenLLMetry cache names, string and number counts, base64 ids', async () => {
    const r = await ingestFile(path.join(dir, 'traces-legacy.jsonl'));
    expect(r.source).toBe('otel_genai');
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.vendor, e.model, ...counts(e)])).toEqual([
      // Anthropic input without the cache (v1.36-era): 20 + 500 read + 100 written.
      ['anthropic', 'claude-3-5-haiku', 620, 500, 100, 40, null],
      // pydantic-ai: legacy google-gla; thoughts 121 inside output 159; its "agent run" total (same counts) skipped.
      ['google', 'gemini-2.5-flash', 40, null, null, 159, 121],
      ['openai', 'gpt-5-mini', 865, null, null, 163, 128],
    ]);
    expect(r.events[0].tags).toMatchObject({ inputExcludedCache: true, provider: 'anthropic' });
    expect(r.events[0]).toMatchObject({ occurredAt: new Date('2026-01-02T00:00:02Z'), project: 'legacy-app' });
    expect(r.events[2]).toMatchObject({ traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', project: null });
    expect(r.events[2].tags).toMatchObject({ spanId: '0102030405060708' });
  });

  test('reasoning outside output is added once and tagged; an unknown provider falls back to the creator', async () => {
    const r = await ingestText(
      doc([
        span(
          {},
          {
            'gen_ai.provider.name': 'gcp.vertex.agent',
            'gen_ai.request.model': 'gemini-2.5-pro',
            'gen_ai.usage.reasoning.output_tokens': 20,
          },
        ),
      ]),
      'x.json',
    );
    expect(r.events.map(counts)).toEqual([[10, null, null, 25, 20]]);
    expect(r.events[0]).toMatchObject({ vendor: 'google' });
    expect(r.events[0].tags).toMatchObject({ reasoningExcludedFromOutput: true, vendorInferred: true, provider: 'gcp.vertex.agent' });
  });

  test('no end time: the start stands in; the same span twice is one event', async () => {
    const r = await ingestText(doc([span({ endTimeUnixNano: '0' }), span({ endTimeUnixNano: '0' })]), 'x.json');
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ occurredAt: new Date('2026-01-01T00:00:00Z'), latencyMs: null });
    expect(r.items.filter((i) => i.kind === 'duplicate')).toHaveLength(1);
  });
});

describe('bad input', () => {
  test('negative and fractional counts, bad times and ids, end before start: the span and attribute are named', async () => {
    const p = 'resourceSpans[0].scopeSpans[0].spans';
    const spans = [
      span({ spanId: '0000000000000001' }, { 'gen_ai.usage.input_tokens': -10 }),
      span({ spanId: '0000000000000002' }, { 'gen_ai.usage.output_tokens': '2.5' }),
      span({ spanId: '0000000000000003', endTimeUnixNano: 'yesterday' }),
      span({ spanId: 'xyz' }),
      span({ spanId: '0000000000000005', traceId: undefined }),
      span({ spanId: '0000000000000006', startTimeUnixNano: ns(5000), endTimeUnixNano: ns(1000) }),
      span({ spanId: '0000000000000007', startTimeUnixNano: undefined, endTimeUnixNano: undefined }),
      span({ spanId: '0000000000000008', attributes: 'gen_ai.usage.input_tokens=5' }),
      span({ spanId: '0000000000000009' }),
    ];
    const r = await ingestText(doc(spans), 'spans.json');
    expect(r.issues.map((i) => [i.record, i.field])).toEqual([
      [1, `${p}[0].attributes.gen_ai.usage.input_tokens`],
      [1, `${p}[1].attributes.gen_ai.usage.output_tokens`],
      [1, `${p}[2].endTimeUnixNano`],
      [1, `${p}[3].spanId`],
      [1, `${p}[4].traceId`],
      [1, `${p}[5].endTimeUnixNano`],
      [1, `${p}[6].endTimeUnixNano`],
      [1, `${p}[7].attributes`],
    ]);
    expect(r.issues.every((i) => i.file === 'spans.json' && i.message.startsWith('expected'))).toBe(true);
    expect(r.events.map((e) => e.tags?.spanId)).toEqual(['0000000000000009']);
  });

  test('structural problems: resourceSpans not a list, scopeSpans and spans of the wrong type', async () => {
    const r = await ingestText(
      `${JSON.stringify({ resourceSpans: [7, { scopeSpans: 'none' }, { scopeSpans: [{ spans: {} }, { spans: [null] }] }] })}\n`,
      'bad.jsonl',
      { source: 'otel_genai' },
    );
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'resourceSpans[0]'],
      [1, 'resourceSpans[1].scopeSpans'],
      [1, 'resourceSpans[2].scopeSpans[0]'],
      [1, 'resourceSpans[2].scopeSpans[1].spans[0]'],
    ]);
    const other = await ingestText(JSON.stringify({ resourceSpans: 'x' }), 'x.json', { source: 'otel_genai' });
    expect(other.issues).toEqual([
      { file: 'x.json', record: 1, field: 'resourceSpans', message: expect.stringMatching(/expected an OTLP\/JSON trace export/) },
    ]);
  });

  test('empty file: a whole-file error', async () => {
    await expect(ingestText('', 'traces.json', { source: 'otel_genai' })).rejects.toThrow(/traces\.json: file is empty/);
  });
});

describe('detection', () => {
  test('an OTLP document is otel_genai', async () => {
    const opened = await openRecords(fs.createReadStream(path.join(dir, 'traces-current.json')), 'x');
    expect(detectSource(opened.first?.value, 'x')?.id).toBe('otel_genai');
  });

  test.each(fs.readdirSync(path.join(SAMPLES_DIR, 'otel-genai')))(
    'sample otel-genai/%s (a Langfuse export with OTel attributes) stays with langfuse',
    async (name) => {
      const p = path.join(SAMPLES_DIR, 'otel-genai', name);
      const opened = await openRecords(fs.createReadStream(p), p);
      expect(detectSource(opened.first?.value, p)?.id).toBe('langfuse');
      const r = await ingestFile(p);
      expect(r.source).toBe('langfuse');
      expect(r.issues).toEqual([]);
    },
  );
});
