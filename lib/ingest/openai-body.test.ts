import { describe, expect, test } from 'vitest';
import { IssueSink, type Obj } from './fields';
import { isOpenAiBody, mapOpenAiBody } from './openai';

function map(body: Obj) {
  const sink = new IssueSink({ file: 't.json' });
  return { usage: mapOpenAiBody(body, sink), issues: sink.issues };
}

const chat = (usage: Obj, extra: Obj = {}): Obj => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1770000000,
  model: 'gpt-4o-2024-08-06',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
  usage,
  ...extra,
});

describe('isOpenAiBody', () => {
  test.each([
    [{ object: 'chat.completion', usage: {} }, true],
    [{ object: 'chat.completion.chunk', choices: [] }, true],
    [{ object: 'response', usage: null }, true],
    [{ choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 } }, true],
    [{ object: 'list', data: [], usage: { prompt_tokens: 1 } }, false],
    [{ type: 'message', usage: { input_tokens: 1, output_tokens: 1 } }, false],
    [{ object: 'page', data: [] }, false],
    ['chat.completion', false],
  ])('%j -> %s', (v, expected) => {
    expect(isOpenAiBody(v)).toBe(expected);
  });
});

describe('mapOpenAiBody: Chat Completions', () => {
  test('maps usage details, created time, vendor, model and tags', () => {
    const { usage, issues } = map(
      chat(
        {
          prompt_tokens: 500,
          completion_tokens: 120,
          total_tokens: 620,
          prompt_tokens_details: { cached_tokens: 256, cache_write_tokens: 100, audio_tokens: 7 },
          completion_tokens_details: { reasoning_tokens: 64, audio_tokens: 3 },
        },
        { service_tier: 'priority', system_fingerprint: 'fp_1' },
      ),
    );
    expect(issues).toEqual([]);
    expect(usage).toEqual({
      responseId: 'chatcmpl-1',
      vendor: 'openai',
      modelRaw: 'gpt-4o-2024-08-06',
      createdAt: new Date(1770000000 * 1000),
      inputTokens: 500,
      cachedInputTokens: 256,
      cacheWriteTokens: 100,
      outputTokens: 120,
      reasoningTokens: 64,
      billedCostUsd: null,
      toolCalls: 0,
      tags: { service_tier: 'priority' },
    });
  });

  test('xAI: reasoning excluded from completion_tokens (total proves it) is added to output once', () => {
    const { usage } = map(
      chat(
        {
          prompt_tokens: 12,
          completion_tokens: 2,
          total_tokens: 334,
          completion_tokens_details: { reasoning_tokens: 320 },
          cost_in_usd_ticks: 1641500,
        },
        { model: 'grok-3-mini' },
      ),
    );
    expect(usage).toMatchObject({
      vendor: 'xai',
      inputTokens: 12,
      outputTokens: 322,
      reasoningTokens: 320,
      billedCostUsd: '0.00016415',
      tags: { reasoning_convention: 'excluded' },
    });
  });

  test.each([
    ['included (total = prompt + completion)', { prompt_tokens: 18, completion_tokens: 345, total_tokens: 363 }, 345],
    ['no total reported', { prompt_tokens: 18, completion_tokens: 345 }, 345],
    ['total matches neither reading', { prompt_tokens: 18, completion_tokens: 345, total_tokens: 999 }, 345],
  ])('reasoning left as reported when %s', (_name, u, output) => {
    const { usage } = map(chat({ ...u, completion_tokens_details: { reasoning_tokens: 315 } }, { model: 'deepseek-reasoner' }));
    expect(usage?.outputTokens).toBe(output);
    expect(usage?.reasoningTokens).toBe(315);
    expect(usage?.tags).toBeNull();
  });

  test('DeepSeek cache hits stand in only when prompt_tokens_details.cached_tokens is absent', () => {
    const deepseek = {
      prompt_tokens: 40,
      completion_tokens: 2,
      total_tokens: 42,
      prompt_cache_hit_tokens: 32,
      prompt_cache_miss_tokens: 8,
    };
    expect(map(chat(deepseek, { model: 'deepseek-chat' })).usage).toMatchObject({
      vendor: 'deepseek',
      cachedInputTokens: 32,
      inputTokens: 40,
    });
    expect(map(chat({ ...deepseek, prompt_tokens_details: { cached_tokens: 0 } })).usage?.cachedInputTokens).toBe(0);
  });

  test('absent details stay null, never 0', () => {
    const { usage } = map(chat({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 }));
    expect(usage).toMatchObject({ cachedInputTokens: null, cacheWriteTokens: null, reasoningTokens: null, billedCostUsd: null });
  });

  test.each([
    ['two tool calls', [{ message: { tool_calls: [{ id: 'a' }, { id: 'b' }] } }], 2],
    ['tool calls across choices', [{ message: { tool_calls: [{ id: 'a' }] } }, { message: { tool_calls: [{ id: 'b' }] } }], 2],
    ['legacy function_call', [{ message: { function_call: { name: 'f', arguments: '{}' } } }], 1],
    ['a message without calls', [{ message: { content: 'x' } }], 0],
    ['no choices', [], null],
    ['stream deltas only', [{ delta: { content: 'x' } }], null],
  ])('toolCalls: %s', (_name, choices, expected) => {
    expect(map(chat({ prompt_tokens: 1, completion_tokens: 1 }, { choices })).usage?.toolCalls).toBe(expected);
  });

  test('a stream chunk without usage records nothing; the final chunk with usage does', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ delta: { content: 'x' } }] };
    expect(map(chunk)).toEqual({ usage: null, issues: [] });
    const last = map({ ...chunk, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    expect(last.usage).toMatchObject({ inputTokens: 10, outputTokens: 5, toolCalls: null });
  });

  test('a finished reply without usage still counts as a request with unknown tokens', () => {
    const { usage } = map({ id: 'x', object: 'chat.completion', model: 'gpt-4o', choices: [] });
    expect(usage).toMatchObject({ responseId: 'x', inputTokens: null, outputTokens: null, createdAt: null });
  });

  test.each([
    [{ prompt_tokens: -5, completion_tokens: 1 }, 'usage.prompt_tokens', 'expected a non-negative token count, got -5'],
    [{ prompt_tokens: 1, completion_tokens: 1.5 }, 'usage.completion_tokens', 'expected a whole number of tokens, got 1.5'],
    [
      { prompt_tokens: 1, prompt_tokens_details: { cached_tokens: 'many' } },
      'usage.prompt_tokens_details.cached_tokens',
      'expected a whole number of tokens, got "many"',
    ],
    [{ prompt_tokens: 1, cost_in_usd_ticks: 'lots' }, 'usage.cost_in_usd_ticks', 'expected a decimal amount, got "lots"'],
  ])('bad field %j -> issue on %s and no usage', (u, field, message) => {
    expect(map(chat(u))).toEqual({ usage: null, issues: [{ file: 't.json', field, message }] });
  });

  test('a non-object usage and a bad created time are issues', () => {
    expect(map(chat('lots' as unknown as Obj)).issues).toEqual([
      { file: 't.json', field: 'usage', message: 'expected a usage object, got "lots"' },
    ]);
    expect(map(chat({ prompt_tokens: 1 }, { created: 'soon' })).issues).toEqual([
      { file: 't.json', field: 'created', message: 'expected an ISO-8601 timestamp or unix seconds, got "soon"' },
    ]);
  });
});

describe('mapOpenAiBody: Responses API', () => {
  const resp = (extra: Obj): Obj => ({
    id: 'resp_1',
    object: 'response',
    created_at: 1765591383,
    status: 'completed',
    model: 'gpt-5-mini-2025-08-07',
    output: [{ type: 'reasoning' }, { type: 'message', content: [] }],
    usage: {
      input_tokens: 865,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 12 },
      output_tokens: 163,
      output_tokens_details: { reasoning_tokens: 128 },
      total_tokens: 1028,
    },
    service_tier: 'default',
    ...extra,
  });

  test('maps input/output details; reasoning is already inside output', () => {
    expect(map(resp({})).usage).toEqual({
      responseId: 'resp_1',
      vendor: 'openai',
      modelRaw: 'gpt-5-mini-2025-08-07',
      createdAt: new Date(1765591383 * 1000),
      inputTokens: 865,
      cachedInputTokens: 0,
      cacheWriteTokens: 12,
      outputTokens: 163,
      reasoningTokens: 128,
      billedCostUsd: null,
      toolCalls: 0,
      tags: { service_tier: 'default' },
    });
  });

  test.each([
    ['function calls', [{ type: 'reasoning' }, { type: 'function_call' }, { type: 'function_call' }], 2],
    ['custom tool call', [{ type: 'custom_tool_call' }], 1],
    ['reasoning only', [{ type: 'reasoning' }], null],
    ['no output array', undefined, null],
  ])('toolCalls: %s', (_name, output, expected) => {
    expect(map(resp({ output })).usage?.toolCalls).toBe(expected);
  });

  test('an unfinished response records nothing', () => {
    expect(map(resp({ status: 'in_progress', usage: null }))).toEqual({ usage: null, issues: [] });
  });
});
