import DecimalBase from 'decimal.js';
import { expect, test } from 'vitest';
import { addSplits, classTokens, splitCostByClass, type TokenCounts, ZERO_TOKENS } from './cost-split';

const P = {
  input: new DecimalBase('3'),
  cachedInput: new DecimalBase('0.3'),
  cacheWrite: new DecimalBase('3.75'),
  output: new DecimalBase('15'),
};
const T: TokenCounts = {
  ...ZERO_TOKENS,
  inputTokens: 10_000,
  cachedInputTokens: 6_000,
  cacheWriteTokens: 1_000,
  outputTokens: 2_000,
  reasoningTokens: 500,
};

test('classes are disjoint: uncached = input - cached - writes, visible = output - reasoning', () => {
  expect(classTokens(T)).toEqual({ uncachedInput: 3000, cachedInput: 6000, cacheWrite: 1000, visibleOutput: 1500, reasoning: 500 });
  expect(classTokens({ ...T, cachedInputTokens: 20_000 }).uncachedInput).toBe(0);
});

test.each([
  // 3000x3 + 6000x0.3 + 1000x3.75 + 1500x15 + 500x15 = 9000 + 1800 + 3750 + 22500 + 7500 = 44550 per million = 0.04455
  ['the list cost priced at a single rate: residual 0', '0.04455', '0'],
  ['a tiered request cost more: the difference is residual', '0.05', '0.00545'],
])('%s', (_n, list, residual) => {
  expect(splitCostByClass(T, P, list)).toEqual({
    uncachedInput: '0.009',
    cachedInput: '0.0018',
    cacheWrite: '0.00375',
    visibleOutput: '0.0225',
    reasoning: '0.0075',
    residual,
  });
});

test('unpriced stays unpriced; a list cost without catalog prices is all residual', () => {
  expect(splitCostByClass(T, P, null)).toBeNull();
  expect(splitCostByClass(T, null, '1.5')).toEqual({
    uncachedInput: '0',
    cachedInput: '0',
    cacheWrite: '0',
    visibleOutput: '0',
    reasoning: '0',
    residual: '1.5',
  });
  const a = splitCostByClass(T, P, '0.04455');
  expect(addSplits(a, null)).toEqual(a);
  expect(addSplits(null, null)).toBeNull();
  expect(addSplits(a, a)?.reasoning).toBe('0.015');
});
