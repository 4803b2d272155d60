import Decimal from 'decimal.js';
import { describe, expect, test } from 'vitest';
import { listCost, type PricedUsage } from './pricing';

const base: PricedUsage = {
  vendor: 'openai',
  model: 'gpt-5-mini',
  modelRaw: 'gpt-5-mini-2025-08-07',
  occurredAt: new Date('2025-12-13T00:00:00Z'),
  periodSeconds: 0,
  inputTokens: 865,
  cachedInputTokens: 0,
  cacheWriteTokens: null,
  outputTokens: 163,
};

describe('listCost', () => {
  test('gpt-5-mini at catalog prices (0.25 in / 2 out per MTok), exact decimals', () => {
    // 865 * 0.25 / 1e6 + 163 * 2 / 1e6 = 0.00021625 + 0.000326
    expect(listCost(base, [])).toEqual({ costUsd: '0.00054225', priceSource: 'catalog', outputPerMtokUsd: '2' });
  });

  test('cache reads are priced at the cache-read rate and taken out of uncached input', () => {
    // (1000-400) * 0.25 + 400 * 0.025 = 150 + 10 = 160 per MTok-token -> 0.00016
    const r = listCost({ ...base, inputTokens: 1000, cachedInputTokens: 400, outputTokens: 0 }, []);
    expect(r.costUsd).toBe('0.00016');
  });

  test('an override wins from its date and not before', () => {
    const ov = [
      {
        vendor: 'openai',
        model: 'gpt-5-mini',
        effectiveFrom: new Date('2025-12-01T00:00:00Z'),
        effectiveTo: null,
        inputPerMtokUsd: '0.2',
        cachedInputPerMtokUsd: null,
        cacheWritePerMtokUsd: null,
        outputPerMtokUsd: '1',
      },
    ];
    expect(listCost({ ...base, inputTokens: 1_000_000, cachedInputTokens: 0, outputTokens: 1_000_000 }, ov)).toEqual({
      costUsd: '1.2',
      priceSource: 'override',
      outputPerMtokUsd: '1',
    });
    expect(listCost({ ...base, occurredAt: new Date('2025-11-30T00:00:00Z') }, ov).priceSource).toBe('catalog');
  });

  test('an unknown model is unpriced (null), never 0', () => {
    expect(listCost({ ...base, model: 'no-such-model-x', modelRaw: 'no-such-model-x' }, [])).toEqual({
      costUsd: null,
      priceSource: null,
      outputPerMtokUsd: null,
    });
  });

  test('tiered prices apply per request above the threshold, base for buckets', () => {
    const u = {
      ...base,
      vendor: 'anthropic',
      model: 'claude-sonnet-4-5',
      modelRaw: 'claude-sonnet-4-5-20250929',
      inputTokens: 300_000,
      cachedInputTokens: 0,
      outputTokens: 0,
    };
    expect(listCost(u, []).costUsd).toBe('1.8'); // 300k * $6/MTok
    expect(listCost({ ...u, periodSeconds: 86_400 }, []).costUsd).toBe('0.9'); // 300k * $3/MTok
  });
});

describe('exact rounding', () => {
  test('rounds half-even at the 10th decimal (numeric(20,10))', () => {
    // 1 token at $0.00015/MTok = 1.5e-10 USD -> 2e-10 (half to even); 1 token at $0.00005/MTok = 5e-11 -> 0 (even)
    const ov = (price: string) => [
      {
        vendor: null,
        model: 'm',
        effectiveFrom: new Date(0),
        effectiveTo: null,
        inputPerMtokUsd: price,
        cachedInputPerMtokUsd: null,
        cacheWritePerMtokUsd: null,
        outputPerMtokUsd: '0',
      },
    ];
    const u = { ...base, model: 'm', modelRaw: 'm', inputTokens: 1, cachedInputTokens: 0, outputTokens: 0 };
    expect(listCost(u, ov('0.00015')).costUsd).toBe('0.0000000002');
    expect(listCost(u, ov('0.00005')).costUsd).toBe('0');
    expect(listCost({ ...u, inputTokens: 3 }, ov('0.00005')).costUsd).toBe('0.0000000002');
  });

  test('a price with more than 9 decimals takes the decimal.js path and stays exact', () => {
    const ov = [
      {
        vendor: null,
        model: 'm',
        effectiveFrom: new Date(0),
        effectiveTo: null,
        inputPerMtokUsd: '0.0000000001',
        cachedInputPerMtokUsd: null,
        cacheWritePerMtokUsd: null,
        outputPerMtokUsd: '0',
      },
    ];
    expect(
      listCost({ ...base, model: 'm', modelRaw: 'm', inputTokens: 10_000_000, cachedInputTokens: 0, outputTokens: 0 }, ov).costUsd,
    ).toBe('0.000000001');
  });
});

describe('integer paths agree with decimal.js', () => {
  // listCost prices in doubles while the total of 1e-15 USD stays a safe integer, in bigints past that, and in
  // decimal.js for prices with more than 9 decimals: each must give what the plain decimal formula gives.
  const prices = ['2', '0.25', '15', '0.000123456', '123456.789', '0.0000000001'];
  // 60 digits: the default 20 would round the reference itself.
  const D = Decimal.clone({ precision: 60 });
  const reference = (tokens: number[], p: string[]) =>
    tokens
      .reduce((sum, t, i) => sum.plus(new D(p[i]).mul(t)), new D(0))
      .div(1_000_000)
      .toDecimalPlaces(10, D.ROUND_HALF_EVEN)
      .toFixed();
  test('random and boundary token counts, with and without cache', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    // Up to a quarter of MAX_SAFE_INTEGER, so the input sum stays exact: totals still run far past 2^53 (bigint path).
    const counts = [0, 1, 5, 999_999, 2_147_483_647, 9_007_199_254, 2_251_799_813_685_247];
    for (let k = 0; k < 2_000; k++) {
      const p = [0, 1, 2, 3].map(() => prices[rnd(prices.length)]);
      const count = () => (rnd(3) ? rnd(1_000_000) : counts[rnd(counts.length)]);
      const [cached, write, output] = [count(), count(), count()];
      const uncached = count();
      const ov = [
        {
          vendor: null,
          model: 'm',
          effectiveFrom: new Date(0),
          effectiveTo: null,
          inputPerMtokUsd: p[0],
          cachedInputPerMtokUsd: p[1],
          cacheWritePerMtokUsd: p[2],
          outputPerMtokUsd: p[3],
        },
      ];
      const u = {
        ...base,
        model: 'm',
        modelRaw: 'm',
        inputTokens: uncached + cached + write,
        cachedInputTokens: cached,
        cacheWriteTokens: write,
        outputTokens: output,
      };
      const want = reference([uncached, cached, write, output], p);
      // Only amounts numeric(20,10) can store (under 10^10 USD): the decimal.js path works at 20 digits, enough for those.
      if (new D(want).abs().lt(1e10)) expect(listCost(u, ov).costUsd).toBe(want);
    }
  });
});
