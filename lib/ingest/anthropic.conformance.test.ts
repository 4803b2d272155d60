/**
 * The real recorded Messages API bodies in shared/samples/anthropic (read in place, never copied).
 * Expected numbers were worked out by hand from the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { isAnthropicBody, mapAnthropicBody } from './anthropic';
import { IssueSink } from './fields';

const SAMPLES = path.resolve(import.meta.dirname, '../../../shared/samples/anthropic');

const expected: Record<string, object> = {
  // input 69 uncached + 0 + 0; an older model: no output_tokens_details, so reasoning is unknown (null), not 0.
  'messages-cache-usage.vercel-ai.json': {
    responseId: 'msg_01XrsJCi8CQoLcnnWdY8RsJz',
    modelRaw: 'claude-sonnet-4-5-20250929',
    inputTokens: 69,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 33,
    reasoningTokens: null,
    toolCalls: 0,
    tags: { service_tier: 'standard', inference_geo: 'not_available', cache_write_5m_tokens: 0, cache_write_1h_tokens: 0 },
  },
  // thinking_tokens 139 is a subset of output_tokens 1699.
  'messages-thinking-usage.vercel-ai.json': {
    responseId: 'msg_011CdMNhurHSJCxCC2NB7WYc',
    modelRaw: 'claude-opus-5',
    inputTokens: 51,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 1699,
    reasoningTokens: 139,
    toolCalls: 0,
    tags: { service_tier: 'standard', inference_geo: 'global', cache_write_5m_tokens: 0, cache_write_1h_tokens: 0 },
  },
};

test('every sample has an expectation', () => {
  expect(fs.readdirSync(SAMPLES).sort()).toEqual(Object.keys(expected).sort());
});

test.each(Object.entries(expected))('%s', (name, want) => {
  const body = JSON.parse(fs.readFileSync(path.join(SAMPLES, name), 'utf8'));
  expect(isAnthropicBody(body)).toBe(true);
  const sink = new IssueSink({ file: name });
  const got = mapAnthropicBody(body, sink);
  expect(sink.issues).toEqual([]);
  expect(got).toEqual({ vendor: 'anthropic', createdAt: null, billedCostUsd: null, ...want });
});
