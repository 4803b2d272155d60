import { expect, test } from 'vitest';
import { estimateSelfHosted } from './self-hosted';

test('hourly rental: cost per million tokens and break-even volume (hand-computed)', () => {
  // 2 GPUs x 2.50/h = 5/h; 1,000 tok/s x 3,600 x 0.5 = 1.8M tokens/h -> 5 / 1.8 = 2.777... per MTok.
  // Today: 90M tokens in 30 days = 91.25M a month (x 730 / 720); 45 USD for 90M = 0.5 per MTok.
  // Monthly deployment: 5 x 730 = 3,650 -> break-even 3,650 / 0.0000005 = 7.3 billion tokens a month.
  const e = estimateSelfHosted(
    'w',
    { gpuType: 'H100', gpuCount: 2, hourlyPriceUsd: '2.50', tokensPerSecond: '1000', utilisation: '0.5' },
    { tokens: 90_000_000, pricedTokens: 90_000_000, apiListCostUsd: '45', days: 30 },
  );
  expect(e).toMatchObject({
    hourlyCostUsd: '5',
    monthlyCostUsd: '3650',
    capacityTokensPerMonth: '1314000000',
    costPerMillionTokensUsd: '2.7777777778',
    workflowTokensPerMonth: '91250000',
    apiCostPerMillionTokensUsd: '0.5',
    breakEvenMonthlyTokens: '7300000000',
    capacityExceeded: false,
  });
});

test('purchase amortised over months; unpriced usage has no break-even; capacity exceeded', () => {
  // 2 x 30,000 / (36 x 730) = 60,000 / 26,280 = 2.2831050228 per hour.
  const e = estimateSelfHosted(
    'w',
    { gpuType: 'L40S', gpuCount: 2, purchasePriceUsd: '30000', amortisationMonths: 36, tokensPerSecond: '10', utilisation: '1' },
    { tokens: 1_000_000_000, pricedTokens: 0, apiListCostUsd: null, days: 10 },
  );
  expect(e).toMatchObject({
    hourlyCostUsd: '2.2831050228',
    monthlyCostUsd: '1666.6666666667',
    capacityTokensPerMonth: '26280000',
    apiCostPerMillionTokensUsd: null,
    breakEvenMonthlyTokens: null,
    capacityExceeded: true,
  });
  expect(e.costPerMillionTokensUsd).toBe('63.4195839675');
});
