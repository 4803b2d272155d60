/** OpenRouter generation stats, activity pages and the activity CSV export, on our fixtures (no real CSV exists). */
import path from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { FIXTURES, ingestFile, ingestText, total } from './openai-testing';
import { openRouterModel } from './openrouter-model';
import { checkEvent } from './validate';

const dir = path.join(FIXTURES, 'openrouter');
const sum = (xs: (string | null)[]) => xs.reduce((a, x) => a.plus(x ?? 0), new Decimal(0)).toFixed();

const CSV_HEADER =
  'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name';

describe('openRouterModel: vendor, creator and model kept apart', () => {
  test.each([
    ['openai/gpt-4.1-2025-04-14', 'gpt-4.1', 'openai', null],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5', 'anthropic', null],
    ['meta-llama/llama-3.3-70b-instruct:free', 'llama-3.3-70b-instruct', 'meta', 'free'],
    ['x-ai/grok-4', 'grok-4', 'xai', null],
    ['perplexity/llama-3.1-sonar-large', 'llama-3.1-sonar-large', 'perplexity', null], // the author, not the base model's maker
    ['sao10k/l3-stheno-8b', 'l3-stheno-8b', 'sao10k', null],
    ['gpt-4o', 'gpt-4o', 'openai', null],
  ])('%s', (slug, model, creator, variant) => {
    expect(openRouterModel(slug)).toEqual({ model, modelRaw: slug, modelCreator: creator, variant });
  });
});

describe('activity CSV export', () => {
  test('one request event per row; billed = cost_total; the upstream provider kept apart from vendor and creator', async () => {
    const r = await ingestFile(path.join(dir, 'activity-export.csv'));
    expect(r.source).toBe('openrouter');
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.model, e.modelCreator, e.vendor, e.tags?.served_by])).toEqual([
      ['claude-4.5-sonnet', 'anthropic', 'openrouter', 'Google'],
      ['llama-3.3-70b-instruct', 'meta', 'openrouter', 'Chutes'],
      ['gpt-4.1-mini', 'openai', 'openrouter', 'OpenAI'],
    ]);
    expect([total(r.events, 'inputTokens'), total(r.events, 'outputTokens'), total(r.events, 'reasoningTokens')]).toEqual([2262, 612, 35]);
    expect(r.events.map((e) => [e.cachedInputTokens, e.reasoningTokens])).toEqual([
      [0, 35],
      [null, null], // empty cells are unknown, not 0
      [800, 0],
    ]);
    expect(sum(r.events.map((e) => e.billedCostUsd))).toBe('0.001916');
    for (const e of r.events) expect(checkEvent(e)).toEqual([]);
  });

  test('field by field: zone-less time as UTC, exact cost parts and BYOK inference in tags', async () => {
    const r = await ingestFile(path.join(dir, 'activity-export.csv'));
    expect(r.events[0]).toMatchObject({
      dedupeKey: 'openrouter:gen-1782618417-aaaaaaaaaaaaaaaaaaaa',
      requestId: 'gen-1782618417-aaaaaaaaaaaaaaaaaaaa',
      occurredAt: new Date('2026-06-28T03:46:57.713Z'),
      periodSeconds: 0,
      requestCount: 1,
      modelRaw: 'anthropic/claude-4.5-sonnet-20250929',
      billedCostUsd: '0.001866',
      reportedCostUsd: null,
      user: 'u-42',
      apiKey: 'ci-key',
      latencyMs: 2450,
      success: null,
      timeInferred: false,
    });
    expect(r.events[0].tags).toMatchObject({
      costCacheUsd: '-0.000012',
      ttftMs: 780,
      streamed: true,
      cancelled: false,
      app: 'Itemized tests',
    });
    expect(r.events[1].tags).toMatchObject({ variant: 'free' });
    expect(r.events[2]).toMatchObject({ billedCostUsd: '0.00005', occurredAt: new Date('2026-06-28T03:56:40.500Z') });
    expect(r.events[2].tags).toMatchObject({ byokUsageInferenceUsd: '0.00104' });
  });

  test('a missing column is reported once on line 1 and no row is read', async () => {
    const header = CSV_HEADER.replace('tokens_prompt,', '');
    const r = await ingestText(
      `${header}\ngen-1,2026-06-28 03:46:57,0.1,0,0,0,,5,0,0,x/y,P,standard,false,false,,stop,stop,1,1,false,k,a\n`,
      'or.csv',
    );
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([
      { file: 'or.csv', line: 1, header: true, field: 'tokens_prompt', message: expect.stringContaining('missing column tokens_prompt') },
    ]);
  });

  test('bad rows name line and field: negative counts, bad dates, missing id, bad money, bad booleans', async () => {
    const row = (over: Record<string, string>) => {
      const base: Record<string, string> = Object.fromEntries(CSV_HEADER.split(',').map((c) => [c, '']));
      Object.assign(base, {
        generation_id: 'gen-x',
        created_at: '2026-06-28 03:46:57',
        cost_total: '0.1',
        tokens_prompt: '5',
        tokens_completion: '1',
        model_permaslug: 'openai/gpt-4o',
      });
      Object.assign(base, over);
      return CSV_HEADER.split(',')
        .map((c) => base[c])
        .join(',');
    };
    const text = [
      CSV_HEADER,
      row({ tokens_prompt: '-5' }),
      row({ created_at: '28/06/2026', generation_id: 'gen-2' }),
      row({ generation_id: '' }),
      row({ cost_total: 'free', generation_id: 'gen-4' }),
      row({ streamed: 'maybe', generation_id: 'gen-5' }),
      row({ created_at: '', generation_id: 'gen-6' }),
    ].join('\n');
    const r = await ingestText(text, 'bad.csv');
    expect(r.events).toEqual([]);
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [2, 'tokens_prompt'],
      [3, 'created_at'],
      [4, 'generation_id'],
      [5, 'cost_total'],
      [6, 'streamed'],
      [7, 'created_at'],
    ]);
    expect(r.issues[0].message).toMatch(/non-negative/);
    expect(r.issues.every((i) => i.file === 'bad.csv')).toBe(true);
  });
});

describe('generation stats', () => {
  test('native counts, billed total_cost, BYOK upstream cost kept out of billed, normalised counts as a tagged fallback', async () => {
    const r = await ingestFile(path.join(dir, 'generations.jsonl'));
    expect(r.source).toBe('openrouter');
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.inputTokens, e.cachedInputTokens, e.outputTokens, e.reasoningTokens, e.billedCostUsd])).toEqual([
      [62, 0, 112, 35, '0.001866'],
      [1000, 800, 200, 0, '0.00005'],
      [1200, null, 300, null, '0'],
    ]);
    const [a, byok, free] = r.events;
    expect(a).toMatchObject({
      dedupeKey: 'openrouter:gen-1767762795-8PgS2ihUVura3xKYKXYG',
      occurredAt: new Date('2026-01-07T05:13:15.221Z'),
      vendor: 'openrouter',
      model: 'claude-sonnet-4.5',
      modelCreator: 'anthropic',
      traceId: 'task-9',
      user: 'u-42',
      project: 'ws-research',
      latencyMs: 2450,
    });
    expect(a.tags).toMatchObject({
      served_by: 'Google',
      normalizedPromptTokens: 58,
      openrouterRequestId: 'req-1767762795-a',
      generationTimeMs: 2210,
    });
    expect(byok.tags).toMatchObject({ is_byok: true, upstreamInferenceCostUsd: '0.00104', served_by: 'OpenAI' });
    expect(free.tags).toMatchObject({ tokenCounts: 'normalized', variant: 'free' });
    expect(free.modelCreator).toBe('meta');
  });

  test('the CSV export and generation stats of one generation share its key and time (stored once)', async () => {
    const csv = await ingestText(
      `${CSV_HEADER}\ngen-same,2026-01-07 05:13:15.221,0.001866,0,0,0,,62,112,35,0,anthropic/claude-sonnet-4.5,Google,standard,false,true,,stop,stop,2210,700,false,k,a\n`,
      'export.csv',
    );
    const api = await ingestText(
      JSON.stringify({
        data: {
          id: 'gen-same',
          created_at: '2026-01-07T05:13:15.221+00:00',
          model: 'anthropic/claude-sonnet-4.5',
          native_tokens_prompt: 62,
          native_tokens_completion: 112,
          total_cost: 0.001866,
        },
      }),
      'gen.json',
    );
    expect([csv.events[0].dedupeKey, csv.events[0].occurredAt]).toEqual([api.events[0].dedupeKey, api.events[0].occurredAt]);
  });

  test('bad records: missing created_at, negative and fractional counts, bad cost; a repeated id is a duplicate', async () => {
    const g = (over: Record<string, unknown>) =>
      JSON.stringify({
        id: 'gen-1',
        created_at: '2026-01-07T05:00:00Z',
        model: 'openai/gpt-4o',
        native_tokens_prompt: 5,
        native_tokens_completion: 1,
        total_cost: 0.1,
        ...over,
      });
    const r = await ingestText(
      [
        g({ created_at: null }),
        g({ id: 'gen-2', native_tokens_prompt: -1 }),
        g({ id: 'gen-3', native_tokens_completion: 1.5 }),
        g({ id: 'gen-4', total_cost: 'lots' }),
        g({ id: 'gen-5', created_at: 'yesterday' }),
        g({ id: 'gen-6' }),
        g({ id: 'gen-6' }),
      ].join('\n'),
      'g.jsonl',
    );
    expect(r.issues.map((i) => [i.line, i.field])).toEqual([
      [1, 'created_at'],
      [2, 'native_tokens_prompt'],
      [3, 'native_tokens_completion'],
      [4, 'total_cost'],
      [5, 'created_at'],
    ]);
    expect(r.events.map((e) => e.requestId)).toEqual(['gen-6']);
    expect(r.items.filter((i) => i.kind === 'duplicate')).toHaveLength(1);
  });
});

describe('activity API pages', () => {
  test('daily buckets per date x model x endpoint, billed usage digit for digit, BYOK inference in tags', async () => {
    const r = await ingestFile(path.join(dir, 'activity-pages.jsonl'));
    expect(r.source).toBe('openrouter');
    expect(r.issues).toEqual([]);
    expect(
      r.events.map((e) => [e.occurredAt.toISOString().slice(0, 10), e.model, e.requestCount, e.periodSeconds, e.billedCostUsd]),
    ).toEqual([
      ['2026-01-06', 'gpt-4.1', 5, 86_400, '0.015'],
      ['2026-01-06', 'claude-sonnet-4.5', 12, 86_400, '0.123456789'],
      ['2026-01-07', 'gpt-4.1', 1, 86_400, '0.003'],
    ]);
    expect([total(r.events, 'inputTokens'), total(r.events, 'outputTokens'), total(r.events, 'reasoningTokens')]).toEqual([
      20060, 4150, 1525,
    ]);
    expect(r.events.every((e) => e.cachedInputTokens === null && e.vendor === 'openrouter')).toBe(true);
    expect(r.events[1].tags).toMatchObject({ served_by: 'Google', endpointId: 'ep-vertex-2' });
    expect(r.events[2]).toMatchObject({ project: 'ws-support' });
    expect(r.events[2].tags).toMatchObject({ byokUsageInferenceUsd: '0.25' });
    expect(r.events[0].dedupeKey).toBe('openrouter:activity:2026-01-06|openai/gpt-4.1-2025-04-14|ep-openai-1|');
  });

  test('bad rows: missing or impossible dates, missing model, negative requests, located by record and field', async () => {
    const row = (over: Record<string, unknown>) => ({
      date: '2026-01-06',
      model: 'openai/gpt-4.1',
      usage: 0.1,
      requests: 1,
      prompt_tokens: 1,
      completion_tokens: 1,
      ...over,
    });
    const r = await ingestText(
      JSON.stringify({ data: [row({ date: '2026-02-30' }), row({ model: null }), row({ requests: -3 }), 7, row({ endpoint_id: 'ok' })] }),
      'activity.json',
    );
    expect(r.issues.map((i) => [i.record, i.field])).toEqual([
      [1, 'data[0].date'],
      [1, 'data[1].model'],
      [1, 'data[2].requests'],
      [1, 'data[3]'],
    ]);
    expect(r.events).toHaveLength(1);
  });

  test('an empty file is a whole-file error naming the file', async () => {
    await expect(ingestText('', 'activity.json', { source: 'openrouter' })).rejects.toThrow(/activity\.json: file is empty/);
  });

  test("forced onto another source's record: one clear issue", async () => {
    const r = await ingestText(JSON.stringify({ request_id: 'x', spend: 1 }), 'x.json', { source: 'openrouter' });
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([{ file: 'x.json', record: 1, message: expect.stringMatching(/expected OpenRouter generation stats/) }]);
  });
});
