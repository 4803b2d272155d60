import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openaiCostsSource, openaiUsageSource } from './openai';
import { FIXTURES, ingestFile, ingestText, MTIME, total } from './openai-testing';

const dir = path.join(FIXTURES, 'openai');
// Two pretty-printed pages back to back (what `curl ... >> file` gives): not one JSON document, hence .txt for the linter.
const twoPages = path.join(dir, 'usage-two-pages.txt');
/** The fixture's two pretty-printed pages, split at the document boundary. */
const pageTexts = () =>
  fs
    .readFileSync(twoPages, 'utf8')
    .trim()
    .split(/\n(?=\{)/);

describe('openai_usage: API pages', () => {
  test('two concatenated pages: one event per result row, empty buckets add nothing', async () => {
    const r = await ingestFile(twoPages);
    expect(r.source).toBe('openai_usage');
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(3);
    const [a, b, c] = r.events;
    expect(a).toMatchObject({
      dedupeKey: 'openai_usage:[1730419200,3600,"proj_a",null,null,"gpt-4o-mini-2024-07-18",null,null]',
      occurredAt: new Date('2024-11-01T00:00:00Z'),
      periodSeconds: 3600,
      requestCount: 4,
      vendor: 'openai',
      model: 'gpt-4o-mini',
      modelRaw: 'gpt-4o-mini-2024-07-18',
      modelCreator: 'openai',
      // The modality fields (input_text 1000 + input_audio 200, ...) are components: never added.
      inputTokens: 1200,
      cachedInputTokens: 200,
      cacheWriteTokens: 100,
      outputTokens: 400,
      reasoningTokens: null,
      project: 'proj_a',
      user: null,
      apiKey: null,
      tags: null,
      billedCostUsd: null,
      timeInferred: false,
    });
    // Absent newer fields stay null; a reported 0 stays 0.
    expect(b).toMatchObject({
      model: 'o3-mini',
      project: 'proj_b',
      inputTokens: 300,
      cachedInputTokens: 0,
      cacheWriteTokens: null,
      outputTokens: 900,
    });
    expect(c).toMatchObject({
      occurredAt: new Date('2024-11-01T02:00:00Z'),
      inputTokens: 50,
      cachedInputTokens: null,
      outputTokens: 10,
      tags: { batch: true, service_tier: 'flex' },
    });
    expect(total(r.events, 'inputTokens')).toBe(1550);
    expect(total(r.events, 'outputTokens')).toBe(1310);
    expect(total(r.events, 'requestCount')).toBe(8);
    expect(new Set(r.events.map((e) => e.dedupeKey)).size).toBe(3);
    expect(r.items.filter((i) => i.kind === 'event').map((i) => ('record' in i ? i.record : undefined))).toEqual([1, 1, 2]);
  });

  test.each([
    ['a JSON array of pages', (docs: string[]) => `[${docs.join(',\n')}]`, 'json'],
    ['JSONL of pages', (docs: string[]) => docs.map((d) => JSON.stringify(JSON.parse(d))).join('\n'), 'jsonl'],
  ])('%s gives the same events as concatenated pages', async (_name, build, framing) => {
    const expected = (await ingestFile(twoPages)).events;
    const r = await ingestText(build(pageTexts()), 'pages.json');
    expect(r.framing).toBe(framing);
    expect(r.issues).toEqual([]);
    expect(r.events).toEqual(expected);
  });

  test('a lone bucket is read like a one-bucket page', async () => {
    const bucket = JSON.parse(pageTexts()[0]).data[0];
    const r = await ingestText(JSON.stringify(bucket), 'bucket.json');
    expect(r.source).toBe('openai_usage');
    expect(r.events.map((e) => e.inputTokens)).toEqual([1200, 300]);
  });

  test('a lone result takes --at as its time and says the time was inferred', async () => {
    const at = new Date('2025-05-05T00:00:00Z');
    const row = {
      object: 'organization.usage.completions.result',
      input_tokens: 10,
      output_tokens: 2,
      num_model_requests: 1,
      model: 'gpt-4o',
    };
    const r = await ingestText(JSON.stringify(row), 'row.json', { at });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ occurredAt: at, timeInferred: true, periodSeconds: 86_400, inputTokens: 10 });
    // Without a bucket, the row's content is part of its identity.
    expect(r.events[0].dedupeKey).toMatch(/^openai_usage:\[1746403200,86400,null,null,null,"gpt-4o",null,null,"[0-9a-f]{64}"\]$/);
  });

  test('bad rows become issues naming the field; good rows in the same record still load', async () => {
    const r = await ingestFile(path.join(dir, 'usage-bad-rows.jsonl'));
    expect(r.events.map((e) => e.inputTokens)).toEqual([100, 7]);
    const f = path.join(dir, 'usage-bad-rows.jsonl');
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { file: f, line: 2, field: 'results[0].input_tokens', message: 'expected a non-negative token count, got -5' },
        { file: f, line: 3, field: 'start_time', message: 'expected an ISO-8601 timestamp or unix seconds, got "yesterday"' },
        expect.objectContaining({
          file: f,
          line: 4,
          field: undefined,
          message: expect.stringMatching(/got an object with object="chat.completion"/),
        }),
        {
          file: f,
          line: 5,
          field: 'results[0].object',
          message: 'expected "organization.usage.completions.result", got "organization.costs.result"',
        },
        { file: f, line: 5, field: 'results[2].num_model_requests', message: 'expected a non-negative whole number, got 2.5' },
        // Caught by the pipeline's validation, not the parser: cached (20) > input (10).
        expect.objectContaining({ file: f, line: 5, field: 'cached_input_tokens' }),
      ]),
    );
    expect(r.issues).toHaveLength(6);
  });
});

describe('openai_usage: dashboard CSV export', () => {
  test('rows map like API rows, and the same bucket gets the same dedupe key from either', async () => {
    const r = await ingestFile(path.join(dir, 'completions_usage_2024-11-01_2024-11-02.csv'));
    expect(r.source).toBe('openai_usage');
    expect(r.framing).toBe('csv');
    expect(r.issues).toEqual([]);
    expect(r.events).toHaveLength(2);
    const fromApi = (await ingestFile(twoPages)).events[0];
    expect(r.events[0]).toEqual(fromApi);
    expect(r.events[1]).toMatchObject({
      occurredAt: new Date('2024-11-02T00:00:00Z'),
      periodSeconds: 86_400,
      requestCount: 12,
      model: 'gpt-4.1',
      inputTokens: 7000,
      cachedInputTokens: null,
      cacheWriteTokens: null,
      outputTokens: 1500,
      project: 'proj_b',
      user: 'user_x',
      apiKey: 'key_1',
      tags: { batch: false, service_tier: 'default' },
    });
    expect(r.items.filter((i) => i.kind === 'event').map((i) => ('line' in i ? i.line : undefined))).toEqual([2, 3]);
  });

  test('a missing required column is one issue on line 1 and no events', async () => {
    const f = path.join(dir, 'completions_usage_missing-column.csv');
    const r = await ingestFile(f);
    expect(r.source).toBe('openai_usage');
    expect(r.events).toEqual([]);
    expect(r.issues).toEqual([
      { file: f, line: 1, header: true, field: 'input_tokens', message: expect.stringMatching(/^missing column input_tokens/) },
    ]);
  });
});

describe('detection', () => {
  const usageRow = { object: 'organization.usage.completions.result', input_tokens: 1 };
  const costRow = { object: 'organization.costs.result', amount: { value: 1, currency: 'usd' } };
  const page = (rows: unknown[]) => ({ object: 'page', data: [{ object: 'bucket', start_time: 1, end_time: 2, results: rows }] });
  test.each([
    ['usage page', page([usageRow]), 'x.json', 'usage'],
    ['usage bucket', page([usageRow]).data[0], 'x.json', 'usage'],
    ['usage result', usageRow, 'x.json', 'usage'],
    ['costs page', page([costRow]), 'x.json', 'costs'],
    ['costs result', costRow, 'x.json', 'costs'],
    ['empty page named usage', page([]), 'usage_2024-11.json', 'usage'],
    ['empty page named costs', page([]), 'costs_2024-11.json', 'costs'],
    ['empty page with no hint', page([]), 'page1.json', 'neither'],
    [
      'Anthropic usage report page',
      { data: [{ starting_at: '2025-01-01T00:00:00Z', results: [] }], has_more: false },
      'usage.json',
      'neither',
    ],
    ['chat completion body', { object: 'chat.completion', usage: { prompt_tokens: 1 } }, 'usage.json', 'neither'],
    ['usage CSV row', { start_time: '1', end_time: '2', start_time_iso: '', end_time_iso: '', input_tokens: '1' }, 'a.csv', 'usage'],
    ['empty usage CSV', { start_time: '1', end_time: '2', start_time_iso: '', end_time_iso: '' }, 'completions_usage_1_2.csv', 'usage'],
    ['cost CSV row', { start_time: '1', end_time: '2', amount_value: '', amount_currency: '' }, 'a.csv', 'costs'],
    ['unrelated CSV row', { date: '2025-01-01', cost: '1' }, 'cost_x.csv', 'neither'],
  ])('%s', (_name, first, fileName, expected) => {
    const got = openaiUsageSource.detect(first, fileName) ? 'usage' : openaiCostsSource.detect(first, fileName) ? 'costs' : 'neither';
    expect(got).toBe(expected);
    // A record never matches both sources.
    expect(openaiUsageSource.detect(first, fileName) && openaiCostsSource.detect(first, fileName)).toBe(false);
  });

  test('a bucket keeps its own window; the file time is only for lone results', async () => {
    const r = await ingestText(JSON.stringify(page([usageRow])), 'p.json');
    expect(r.events[0].occurredAt).toEqual(new Date(1000));
    expect(r.events[0].occurredAt).not.toEqual(MTIME);
    expect(r.events[0].periodSeconds).toBe(1);
  });
});
