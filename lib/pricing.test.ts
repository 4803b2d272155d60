import { describe, expect, test } from 'vitest';
import { listCost, type PricedUsage } from './pricing';

const base: PricedUsage = {
  vendor: 'openai',
  model: 'gpt-5-mini',
  modelRaw: 'gpt-5-mini-2025-08-07',
  occurredAt: new Date('2025-12-13T00:00:00Z'),
  isBucket: false,
  inputTokens: 865,
  cachedInputTokens: 0,
  cacheWriteTokens: null,
  outputTokens: 163,
};

describe('listCost', () => {
  test('gpt-5-mini at catalog prices (0.25 in / 2 out per MTok), exact decimals', () => {
    // 865 * 0.25 / 1e6 + 163 * 2 / 1e6 = 0.00021625 + 0.000326
    expect(listCost(base, [])).toEqual({ costUsd: '0.00054225', priceSource: 'catalog' });
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
    });
    expect(listCost({ ...base, occurredAt: new Date('2025-11-30T00:00:00Z') }, ov).priceSource).toBe('catalog');
  });

  test('an unknown model is unpriced (null), never 0', () => {
    expect(listCost({ ...base, model: 'no-such-model-x', modelRaw: 'no-such-model-x' }, [])).toEqual({ costUsd: null, priceSource: null });
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
    expect(listCost({ ...u, isBucket: true }, []).costUsd).toBe('0.9'); // 300k * $3/MTok
  });
});
