import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { anthropicCostsSource, anthropicUsageSource, isAnthropicBody, mapAnthropicBody } from './anthropic';
import { IssueSink } from './fields';
import { parseInput } from './pipeline';
import type { CostLine, IngestIssue, SourceId, UsageEvent } from './types';

const FIX = path.resolve(import.meta.dirname, '__fixtures__/anthropic');
const MTIME = new Date('2026-01-01T00:00:00Z');

async function collect(input: { path: string } | { text: string; file: string }, source?: SourceId) {
  const file = 'path' in input ? input.path : input.file;
  const stream = 'path' in input ? fs.createReadStream(input.path) : Readable.from([Buffer.from(input.text)]);
  const parsed = await parseInput(stream, { file, fileMtime: MTIME, source });
  const out = { source: parsed.source.id, events: [] as UsageEvent[], costs: [] as CostLine[], issues: [] as IngestIssue[], duplicates: 0 };
  for await (const it of parsed.items) {
    if (it.kind === 'event') out.events.push(it.event);
    else if (it.kind === 'cost') out.costs.push(it.cost);
    else if (it.kind === 'issue') out.issues.push(it.issue);
    else out.duplicates++;
  }
  return out;
}

const sum = (xs: (number | null)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

/** A one-bucket usage page around the given result rows. */
const usagePage = (results: unknown[]) =>
  JSON.stringify({
    data: [{ starting_at: '2026-03-01T00:00:00Z', ending_at: '2026-03-02T00:00:00Z', results }],
    has_more: false,
    next_page: null,
  });
const costPage = (results: unknown[]) => usagePage(results);

describe('detection', () => {
  const usage = JSON.parse(fs.readFileSync(path.join(FIX, 'usage-report.json'), 'utf8'));
  const cost = JSON.parse(fs.readFileSync(path.join(FIX, 'cost-report.json'), 'utf8'));
  const openaiPage = {
    object: 'page',
    data: [
      {
        object: 'bucket',
        start_time: 1730419200,
        end_time: 1730505600,
        results: [{ object: 'organization.usage.completions.result', input_tokens: 1000 }],
      },
    ],
    has_more: false,
    next_page: null,
  };
  const emptyPage = {
    data: [{ starting_at: '2026-03-01T00:00:00Z', ending_at: '2026-03-02T00:00:00Z', results: [] }],
    has_more: false,
    next_page: null,
  };

  test.each([
    ['usage page', usage, 'report.json', true, false],
    ['cost page', cost, 'report.json', false, true],
    ['lone usage bucket', usage.data[0], 'x.json', true, false],
    ['OpenAI usage page', openaiPage, 'usage.json', false, false],
    ['empty page, neutral name', emptyPage, 'anthropic-2026-03.json', true, false],
    ['empty page, cost in the name', emptyPage, 'anthropic-cost-2026-03.json', false, true],
    ['Messages body', { type: 'message', usage: { input_tokens: 1 } }, 'x.json', false, false],
  ])('%s', (_name, first, file, isUsage, isCost) => {
    expect(anthropicUsageSource.detect(first, file)).toBe(isUsage);
    expect(anthropicCostsSource.detect(first, file)).toBe(isCost);
  });
});

describe('usage report', () => {
  test('multi-page JSONL: one event per result row, input = uncached + cache read + 5m + 1h', async () => {
    const r = await collect({ path: path.join(FIX, 'usage-report-pages.jsonl') });
    expect(r.source).toBe('anthropic_usage');
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(4);
    expect(sum(r.events.map((e) => e.inputTokens))).toBe(101000);
    expect(sum(r.events.map((e) => e.cachedInputTokens))).toBe(73000);
    expect(sum(r.events.map((e) => e.cacheWriteTokens))).toBe(6500);
    expect(sum(r.events.map((e) => e.outputTokens))).toBe(7300);
    for (const e of r.events) {
      expect(e.periodSeconds).toBe(86400);
      expect(e.requestCount).toBeNull();
      expect(e.reasoningTokens).toBeNull();
      expect(e.vendor).toBe('anthropic');
      expect(e.model).toBe('claude-opus-4-5');
      expect(e.modelRaw).toBe('claude-opus-4-5-20251101');
    }
    expect(r.events.map((e) => e.project)).toEqual(['wrkspc_alpha', 'wrkspc_alpha', 'wrkspc_beta', 'wrkspc_alpha']);
    expect(r.events[3].occurredAt.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(r.events[1].tags).toMatchObject({ cache_write_5m_tokens: 1000, cache_write_1h_tokens: 2000, web_search_requests: 3 });
    expect(new Set(r.events.map((e) => e.dedupeKey)).size).toBe(4);
  });

  test('grouped hourly page: group-by echoes become attribution, zeros stay zeros', async () => {
    const r = await collect({ path: path.join(FIX, 'usage-report.json') });
    expect(r.events).toHaveLength(2);
    const [a, b] = r.events;
    expect(a).toMatchObject({
      periodSeconds: 3600,
      inputTokens: 3200,
      cachedInputTokens: 200,
      cacheWriteTokens: 1500,
      outputTokens: 500,
      project: 'wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ',
      apiKey: 'apikey_01Rj2N8SVvo6BePZj99NhmiT',
      model: 'claude-sonnet-4',
      modelCreator: 'anthropic',
      user: null,
    });
    expect(a.tags).toMatchObject({ service_tier: 'standard', context_window: '0-200k', inference_geo: 'global', web_search_requests: 10 });
    expect(a.dedupeKey).toBe(
      'anthropic_usage:2026-03-02T14:00:00.000Z|3600s|apikey_01Rj2N8SVvo6BePZj99NhmiT|wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ|claude-sonnet-4-20250514|standard|0-200k|global|||',
    );
    expect(b).toMatchObject({ inputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, outputTokens: 0, project: null });
  });

  test('flattened cache_creation_5m/1h keys in an array of lone buckets', async () => {
    const r = await collect({ path: path.join(FIX, 'usage-report-flattened.json') });
    expect(r.source).toBe('anthropic_usage');
    expect(r.events.map((e) => [e.inputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.outputTokens])).toEqual([
      [3140, 2100, 340, 90],
      [100, 0, 0, 10],
    ]);
    expect(r.events[0].tags).toMatchObject({ cache_write_5m_tokens: 300, cache_write_1h_tokens: 40 });
  });

  test('account_id becomes the user', async () => {
    const r = await collect({
      text: usagePage([{ uncached_input_tokens: 5, output_tokens: 1, account_id: 'user_01abc' }]),
      file: 'u.json',
    });
    expect(r.events[0]).toMatchObject({ user: 'user_01abc', inputTokens: 5, cachedInputTokens: null, cacheWriteTokens: null });
  });

  test('negative tokens: an issue naming the field, and no event', async () => {
    const r = await collect({ text: usagePage([{ uncached_input_tokens: 10, output_tokens: -4 }]), file: 'u.json' });
    expect(r.events).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: 'u.json', record: 1, field: 'data[0].results[0].output_tokens' });
    expect(r.issues[0].message).toMatch(/non-negative/);
  });

  test('a bucket without ending_at, and a record that is no page, are issues', async () => {
    const text = [
      JSON.stringify({ data: [{ starting_at: '2026-03-01T00:00:00Z', results: [{ output_tokens: 1 }] }], has_more: false }),
      JSON.stringify({ hello: 'world' }),
    ].join('\n');
    const r = await collect({ text, file: 'u.jsonl' }, 'anthropic_usage');
    expect(r.events).toEqual([]);
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'data[0].ending_at'],
      [2, undefined],
    ]);
  });

  test('a row repeated by overlapping pages counts once', async () => {
    const row = { uncached_input_tokens: 10, output_tokens: 2, workspace_id: 'w' };
    const r = await collect({ text: `${usagePage([row])}\n${usagePage([row])}\n`, file: 'u.jsonl' });
    expect(r.events).toHaveLength(1);
    expect(r.duplicates).toBe(1);
  });
});

describe('cost report', () => {
  test('amounts are cents as decimal strings, divided exactly by 100', async () => {
    const r = await collect({ path: path.join(FIX, 'cost-report.json') });
    expect(r.source).toBe('anthropic_costs');
    expect(r.issues).toEqual([]);
    expect(r.costs.map((c) => c.billedCostUsd)).toEqual(['1.2345', '0.005', '25', '9.87654321']);
    expect(r.costs.reduce((a, c) => a.plus(c.billedCostUsd), new Decimal(0)).toFixed()).toBe('36.11604321');
    expect(r.costs.map((c) => c.lineItem)).toEqual([
      'Claude Sonnet 4 Usage - Input Tokens',
      'Claude Sonnet 4 Usage - Output Tokens',
      'web_search',
      'tokens:cache_creation.ephemeral_1h_input_tokens',
    ]);
    expect(r.costs[0]).toMatchObject({
      vendor: 'anthropic',
      chargeCategory: 'usage',
      currency: 'USD',
      project: 'wrkspc_alpha',
      model: 'claude-sonnet-4',
      periodStart: new Date('2026-03-01T00:00:00Z'),
      periodEnd: new Date('2026-03-02T00:00:00Z'),
    });
    expect(r.costs[0].tags).toMatchObject({
      cost_type: 'tokens',
      token_type: 'uncached_input_tokens',
      service_tier: 'standard',
      inference_geo: 'global',
    });
    expect(r.costs[2]).toMatchObject({ project: null, model: null, tags: { cost_type: 'web_search' } });
    expect(new Set(r.costs.map((c) => c.dedupeKey)).size).toBe(4);
  });

  test.each([
    ['123.45', '1.2345'],
    ['0.5', '0.005'],
    ['0', '0'],
    ['100', '1'],
    ['0.0001', '0.000001'],
  ])('amount "%s" cents = $%s', async (amount, usd) => {
    const r = await collect({ text: costPage([{ amount, currency: 'USD', cost_type: 'tokens' }]), file: 'cost.json' });
    expect(r.costs.map((c) => c.billedCostUsd)).toEqual([usd]);
  });

  test('a non-USD currency is refused with an issue', async () => {
    const r = await collect({ text: costPage([{ amount: '100', currency: 'EUR', cost_type: 'tokens' }]), file: 'cost.json' });
    expect(r.costs).toEqual([]);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ field: 'data[0].results[0].currency' });
    expect(r.issues[0].message).toContain('EUR');
  });

  test('a row without amount, or with a non-numeric amount, is an issue', async () => {
    const r = await collect({ text: costPage([{ currency: 'USD', amount: 'twelve' }]), file: 'cost.json' }, 'anthropic_costs');
    expect(r.costs).toEqual([]);
    expect(r.issues.map((i) => i.field)).toEqual(['data[0].results[0].amount']);
  });
});

describe('Messages API body', () => {
  const sink = () => new IssueSink({ file: 'body.json' });

  test('cache writes fall back to the 5m + 1h split when cache_creation_input_tokens is absent', () => {
    const body = {
      type: 'message',
      id: 'msg_1',
      model: 'claude-opus-4-5-20251101',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'tool_use', id: 'toolu_1', name: 'a', input: {} },
        { type: 'tool_use', id: 'toolu_2', name: 'b', input: {} },
      ],
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 7 },
        output_tokens: 50,
        server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 },
      },
    };
    expect(isAnthropicBody(body)).toBe(true);
    const s = sink();
    const u = mapAnthropicBody(body, s);
    expect(s.issues).toEqual([]);
    expect(u).toMatchObject({
      responseId: 'msg_1',
      vendor: 'anthropic',
      createdAt: null,
      inputTokens: 147,
      cachedInputTokens: 100,
      cacheWriteTokens: 37,
      outputTokens: 50,
      reasoningTokens: null,
      toolCalls: 2,
      billedCostUsd: null,
    });
    expect(u?.tags).toMatchObject({ cache_write_5m_tokens: 30, cache_write_1h_tokens: 7, web_search_requests: 2, web_fetch_requests: 1 });
  });

  test('a body with no usage is not a Messages usage body', () => {
    expect(isAnthropicBody({ type: 'message', content: [] })).toBe(false);
    expect(isAnthropicBody({ object: 'chat.completion', usage: { prompt_tokens: 1 } })).toBe(false);
    expect(mapAnthropicBody({ type: 'message' }, sink())).toBeNull();
  });

  test('a bad token count is reported against its field', () => {
    const s = sink();
    mapAnthropicBody({ type: 'message', usage: { input_tokens: 'many', output_tokens: 1 } }, s);
    expect(s.issues.map((i) => i.field)).toEqual(['usage.input_tokens']);
  });
});
