import { describe, expect, test } from 'vitest';
import { makeEvent } from './types';
import { checkEvent } from './validate';

const ok = makeEvent({
  dedupeKey: 'k',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  vendor: 'openai',
  inputTokens: 10,
  cachedInputTokens: 4,
  cacheWriteTokens: 6,
  outputTokens: 5,
  reasoningTokens: 5,
});

describe('checkEvent', () => {
  test('a consistent event has no problems (edges included: cache = input, reasoning = output)', () => {
    expect(checkEvent(ok)).toEqual([]);
  });
  test.each([
    [{ reasoningTokens: 6 }, 'reasoning_tokens', /exceed output/],
    [{ cachedInputTokens: 5 }, 'cached_input_tokens', /exceed input/],
    [{ inputTokens: -1 }, 'input_tokens', /non-negative/],
    [{ outputTokens: 1.5 }, 'output_tokens', /whole number/],
    [{ latencyMs: 3_000_000_000 }, 'latency_ms', /maximum/],
    [{ billedCostUsd: '12345678901.5' }, 'billed_cost_usd', /range/],
    [{ vendor: '' }, 'vendor', /missing/],
  ])('%o is reported on %s', (over, field, message) => {
    const problems = checkEvent({ ...ok, ...over });
    expect(problems.map((p) => p.field)).toContain(field);
    expect(problems.find((p) => p.field === field)!.message).toMatch(message);
  });
  test('money just inside the numeric(20,10) range is accepted', () => {
    expect(checkEvent({ ...ok, billedCostUsd: '9999999999.9999999999' })).toEqual([]);
  });
});
