/** Helicone request exports on our own fixtures (no real export exists): JSON, JSONL, CSV, REST/HQL pages. */
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ingestFile, ingestText, total } from './openai-testing';
import { checkEvent } from './validate';

const dir = path.join(FIXTURES, 'helicone');
const sum = (xs: (string | null)[]) => xs.reduce((a, x) => a.plus(x ?? 0), new Decimal(0)).toFixed();
const counts = (e: {
  inputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
}) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens, e.reasoningTokens];

describe('JSON export (array of HeliconeRequest)', () => {
  test('input = fresh prompt + cache read + cache write; costUSD reported, never billed', async () => {
    const r = await ingestFile(path.join(dir, 'requests.json'));
    expect(r.source).toBe('helicone');
    expect(r.issues).toEqual([]);
    expect(r.events.map(counts)).toEqual([
      [1000, 300, 0, 150, null], // OpenAI: Helicone stored 700 fresh of OpenAI's 1,000 (total_tokens 1150 = 1000 + 150)
      [2550, 2000, 500, 400, null], // Anthropic: 50 uncached + 2,000 read + 500 written (Helicone's total 450 leaves the cache out)
      [null, null, null, null, null], // a 429: nothing reported is unknown, not 0
    ]);
    expect([total(r.events, 'inputTokens'), total(r.events, 'outputTokens')]).toEqual([3550, 550]);
    expect(sum(r.events.map((e) => e.reportedCostUsd))).toBe('0.009541');
    expect(r.events.every((e) => e.billedCostUsd === null && e.reportedBy === 'helicone')).toBe(true);
    for (const e of r.events) expect(checkEvent(e)).toEqual([]);
  });

  test('field by field: session as trace, properties as columns, feedback as outcome, scores kept', async () => {
    const [a, b, c] = (await ingestFile(path.join(dir, 'requests.json'))).events;
    expect(a).toMatchObject({
      dedupeKey: 'helicone:3f1c2a9e-0001-4c1a-9d4e-aaaaaaaaaaaa',
      requestId: '3f1c2a9e-0001-4c1a-9d4e-aaaaaaaaaaaa',
      occurredAt: new Date('2026-02-01T10:00:00.123Z'),
      vendor: 'openai',
      model: 'gpt-4o-mini',
      modelRaw: 'gpt-4o-mini-2024-07-18',
      modelCreator: 'openai',
      reportedCostUsd: '0.000241',
      user: 'u-1',
      traceId: 'sess-1',
      team: 'support',
      environment: 'production',
      latencyMs: 820,
      success: true,
      score: '0.9',
      outcomeSource: 'helicone:feedback',
    });
    expect(a.tags).toMatchObject({ ttftMs: 210, totalTokens: 1150, status: '200', scores: { correctness: 0.9, latency_score: 3 } });
    expect(b).toMatchObject({
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      workflow: 'ticket-triage',
      traceId: 'sess-1',
      success: null,
      score: null,
    });
    expect(c).toMatchObject({ reportedCostUsd: '0', latencyMs: 95 });
    expect(c.tags).toMatchObject({ status: '429' });
  });
});

describe('JSONL export', () => {
  test('Bedrock and OpenRouter providers; audio tokens added; a pass-like score is the outcome', async () => {
    const r = await ingestFile(path.join(dir, 'requests.jsonl'));
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.vendor, e.model, e.modelCreator])).toEqual([
      ['aws_bedrock', 'us.anthropic.claude-3-5-haiku-20241022-v1:0', 'anthropic'],
      ['openrouter', 'claude-3.5-haiku', 'anthropic'],
    ]);
    expect(r.events.map(counts)).toEqual([
      [1200, 0, 0, 90, null],
      [85, null, null, 23, null],
    ]);
    expect(r.events[0]).toMatchObject({ project: 'search', user: 'batch' });
    expect(r.events[1]).toMatchObject({ success: false, score: '0.25', outcomeSource: 'helicone:pass_rate' });
  });
});

describe('HQL / ClickHouse rows: cost in USD x 1e9', () => {
  test('the integer cost is divided exactly; HQL column names (latency, user_id, status) are read', async () => {
    const r = await ingestFile(path.join(dir, 'hql-rows.json'));
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => e.reportedCostUsd)).toEqual(['0.000241', '5.123456789']);
    expect(r.events[0]).toMatchObject({ occurredAt: new Date('2026-02-03T12:00:00.250Z'), latencyMs: 640, user: 'u-9', traceId: 'sess-9' });
    expect(r.events[0].tags).toMatchObject({ costUnit: 'usd_x1e9', status: '200' });
    expect(r.events.map(counts)).toEqual([
      [1000, 100, 0, 60, null],
      [4010, 0, 4000, 5, null],
    ]);
  });

  test('exact: 1 nano-dollar and 10^15 nano-dollars', async () => {
    const row = (id: string, cost: unknown) => ({
      request_id: id,
      request_created_at: '2026-02-03T12:00:00Z',
      provider: 'OPENAI',
      model: 'gpt-4o',
      cost,
    });
    const r = await ingestText(JSON.stringify([row('a', 1), row('b', '1000000000000000'), row('c', 0.5)]), 'hql.json');
    expect(r.events.map((e) => e.reportedCostUsd)).toEqual(['0.000000001', '1000000', '0.0000000005']);
  });
});

describe('CSV export', () => {
  test('flattened properties.* and scores.* columns; numbers and booleans as text', async () => {
    const r = await ingestFile(path.join(dir, 'requests.csv'));
    expect(r.framing).toBe('csv');
    expect(r.issues).toEqual([]);
    expect(r.events.map(counts)).toEqual([
      [500, 100, 0, 50, null],
      [1030, 0, 1000, 200, null],
    ]);
    expect(r.events[0]).toMatchObject({
      team: 'growth',
      traceId: 'sess-3',
      success: false,
      score: '0.4',
      reportedCostUsd: '0.0000825',
      outcomeSource: 'helicone:feedback',
    });
    expect(r.events[0].tags).toMatchObject({ ttftMs: 180, properties: { Team: 'growth', 'Helicone-Session-Id': 'sess-3' } });
    expect(r.events[1]).toMatchObject({ success: null, score: null, reportedCostUsd: '0.00678' });
  });

  test('a CSV without request_created_at is refused on line 1, no row read', async () => {
    const r = await ingestText('request_id,provider,model,prompt_tokens,costUSD\nx,OPENAI,gpt-4o,1,0.1\n', 'h.csv', { source: 'helicone' });
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([
      { file: 'h.csv', line: 1, header: true, field: 'request_created_at', message: expect.stringContaining('missing column') },
    ]);
  });
});

describe('bad input', () => {
  const req = (over: Record<string, unknown>) =>
    JSON.stringify({
      request_id: 'r',
      request_created_at: '2026-02-01T10:00:00Z',
      provider: 'OPENAI',
      model: 'gpt-4o',
      prompt_tokens: 1,
      completion_tokens: 1,
      costUSD: 0.1,
      ...over,
    });

  test('negative counts, bad dates, missing fields, bad money, bad maps: located by line and field, nothing loaded', async () => {
    const r = await ingestText(
      [
        req({ prompt_tokens: -3 }),
        req({ request_id: 'r2', request_created_at: 'last tuesday' }),
        req({ request_id: null }),
        req({ request_id: 'r4', request_created_at: '' }),
        req({ request_id: 'r5', costUSD: '$0.10' }),
        req({ request_id: 'r6', cost: 'many', costUSD: undefined }),
        req({ request_id: 'r7', properties: '{not json' }),
        req({ request_id: 'r8', feedback_rating: 'thumbs up' }),
        req({ request_id: 'r9', delay_ms: -1 }),
      ].join('\n'),
      'h.jsonl',
    );
    expect(r.events).toEqual([]);
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'prompt_tokens'],
      [2, 'request_created_at'],
      [3, 'request_id'],
      [4, 'request_created_at'],
      [5, 'costUSD'],
      [6, 'cost'],
      [7, 'properties'],
      [8, 'feedback_rating'],
      [9, 'delay_ms'],
    ]);
    expect(r.issues.every((i) => i.file === 'h.jsonl' && i.message.length > 10)).toBe(true);
  });

  test('pages locate the row; a repeated request id is a duplicate', async () => {
    const page = {
      data: [JSON.parse(req({})), 42, JSON.parse(req({ prompt_tokens: 1.5, request_id: 'r2' })), JSON.parse(req({}))],
      error: null,
    };
    const r = await ingestText(JSON.stringify(page), 'page.json');
    expect(r.issues.map((i) => [i.record, i.field])).toEqual([
      [1, 'data[1]'],
      [1, 'data[2].prompt_tokens'],
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.items.filter((i) => i.kind === 'duplicate')).toHaveLength(1);
  });

  test('empty file and another source forced: clear errors', async () => {
    await expect(ingestText('  \n', 'h.json', { source: 'helicone' })).rejects.toThrow(/h\.json: file is empty/);
    const r = await ingestText(JSON.stringify({ id: 'x', object: 'chat.completion' }), 'x.json', { source: 'helicone' });
    expect(r.issues[0].message).toMatch(/expected a Helicone request/);
  });
});
