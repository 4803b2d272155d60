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

test('the exact integer path and the decimal path agree on every split (fast-check)', async () => {
  const fc = (await import('fast-check')).default;
  const price = fc.integer({ min: 0, max: 100_000_000_000 }).map((n) => new DecimalBase(n).div(1e9));
  fc.assert(
    fc.property(
      fc.record({ input: fc.nat(10_000_000), cachedShare: fc.nat(100), output: fc.nat(2_000_000), reasoningShare: fc.nat(100) }),
      fc.tuple(price, price, price, price),
      fc.integer({ min: 0, max: 10_000_000_000_000 }).map((n) => new DecimalBase(n).div(1e10).toFixed()),
      (u, [input, cachedInput, cacheWrite, output], list) => {
        const cached = Math.floor((u.input * u.cachedShare) / 150);
        const t = {
          ...ZERO_TOKENS,
          inputTokens: u.input,
          cachedInputTokens: cached,
          cacheWriteTokens: Math.floor((u.input - cached) / 4),
          outputTokens: u.output,
          reasoningTokens: Math.floor((u.output * u.reasoningShare) / 100),
        };
        const exact = splitCostByClass(t, { input, cachedInput, cacheWrite, output }, list)!;
        // A 12-decimal price forces the decimal path; compare per class with that price's contribution removed.
        const slow = splitCostByClass(t, { input: input.plus('0.000000000001'), cachedInput, cacheWrite, output }, list)!;
        const extra = new DecimalBase(Math.max(0, t.inputTokens - t.cachedInputTokens - t.cacheWriteTokens)).mul('0.000000000001').div(1e6);
        expect(new DecimalBase(slow.uncachedInput).minus(extra).toFixed()).toBe(new DecimalBase(exact.uncachedInput).toFixed());
        for (const c of ['cachedInput', 'cacheWrite', 'visibleOutput', 'reasoning'] as const) expect(slow[c]).toBe(exact[c]);
        expect(new DecimalBase(slow.residual).plus(extra).toFixed()).toBe(new DecimalBase(exact.residual).toFixed());
      },
    ),
    { numRuns: 300 },
  );
});
