import { describe, expect, test } from 'vitest';
import { type ReconciliationInput, reconcile, reconciliationTotals } from './reconcile';

const base: ReconciliationInput = {
  vendor: 'openai',
  month: '2026-03',
  costLinesUsd: null,
  otherChargesUsd: null,
  requestBilledUsd: null,
  usageListUsd: null,
  usageEvents: 0,
  unpricedEvents: 0,
  bucketsAndLogs: false,
  agentLogListUsd: null,
};

describe('reconcile', () => {
  test('a gap within 1% of the bill is matched; gap and percent are exact', () => {
    const r = reconcile({ ...base, costLinesUsd: '10.00', usageListUsd: '9.95', usageEvents: 3 });
    expect(r).toMatchObject({
      billedUsd: '10',
      billedBasis: 'cost_lines',
      gapUsd: '0.05',
      gapPct: '0.50',
      status: 'matched',
      missing: null,
    });
  });

  test('a larger gap is a gap, with its sign (billed above usage is positive)', () => {
    expect(reconcile({ ...base, costLinesUsd: '8', usageListUsd: '10.0000000001', usageEvents: 1 })).toMatchObject({
      gapUsd: '-2.0000000001',
      gapPct: '-25.00',
      status: 'gap',
    });
  });

  test('no bill: the billing side is missing and no gap is claimed', () => {
    const r = reconcile({ ...base, usageListUsd: '4.2', usageEvents: 7 });
    expect(r).toMatchObject({ billedUsd: null, billedBasis: null, gapUsd: null, gapPct: null, status: 'no_billing', missing: 'billing' });
  });

  test('billed with no usage logged: the usage side is missing', () => {
    expect(reconcile({ ...base, costLinesUsd: '3' })).toMatchObject({ status: 'no_usage', missing: 'usage', gapUsd: null });
  });

  test('gateway-stated request costs are the bill when there are no cost lines; cost lines win when both exist', () => {
    const gw = reconcile({ ...base, requestBilledUsd: '1.5', usageListUsd: '1.5', usageEvents: 2 });
    expect(gw).toMatchObject({ billedBasis: 'requests', billedUsd: '1.5', gapUsd: '0', status: 'matched' });
    const both = reconcile({ ...base, costLinesUsd: '2', requestBilledUsd: '1.5', usageListUsd: '2', usageEvents: 2 });
    expect(both.billedBasis).toBe('cost_lines');
    expect(both.notes.join(' ')).toMatch(/gateway-stated/);
  });

  test('unpriced usage marks the prices side missing; overlap of exports and logs is noted', () => {
    const r = reconcile({ ...base, costLinesUsd: '5', usageListUsd: '1', usageEvents: 9, unpricedEvents: 4, bucketsAndLogs: true });
    expect(r.missing).toBe('prices');
    expect(r.notes).toHaveLength(2);
    expect(r.notes[1]).toContain('4 usage events have no price');
  });

  test('usage with no price at all: no gap is claimed, not even "matched" under a cent (NULL is unknown, not 0)', () => {
    // The OpenRouter sample: $0.0015 billed by request, the model unknown to the price table.
    const r = reconcile({ ...base, requestBilledUsd: '0.0015', usageEvents: 1, unpricedEvents: 1 });
    expect(r).toMatchObject({ billedUsd: '0.0015', gapUsd: null, gapPct: null, status: 'no_prices', missing: 'prices' });
    expect(r.notes).toEqual(['1 usage event has no price: the usage side is incomplete']);
    const t = reconciliationTotals([r, reconcile({ ...base, costLinesUsd: '2', usageListUsd: '2', usageEvents: 1 })]);
    expect(t).toMatchObject({ matched: 1, gaps: 0, noPrices: 1, comparableGapUsd: '0' });
  });

  test('coding-agent session logs are named in a note, not added to the usage side', () => {
    const r = reconcile({ ...base, costLinesUsd: '2', usageListUsd: '2', usageEvents: 1, agentLogListUsd: '48.9' });
    expect(r).toMatchObject({ status: 'matched', gapUsd: '0' });
    expect(r.notes).toEqual(['coding-agent session logs worth $48.90 at list are left out (flat-rate seats)']);
  });

  test('a zero bill with usage has a gap in money but no percent', () => {
    expect(reconcile({ ...base, costLinesUsd: '0', usageListUsd: '0.5', usageEvents: 1 })).toMatchObject({
      gapUsd: '-0.5',
      gapPct: null,
      status: 'gap',
    });
  });

  test('totals add exactly and count statuses; the comparable gap ignores one-sided months', () => {
    const rows = [
      reconcile({ ...base, costLinesUsd: '0.1', usageListUsd: '0.2', usageEvents: 1 }),
      reconcile({ ...base, vendor: 'anthropic', costLinesUsd: '0.2', usageListUsd: '0.2', usageEvents: 1 }),
      reconcile({ ...base, vendor: 'xai', usageListUsd: '0.7', usageEvents: 1 }),
      reconcile({ ...base, vendor: 'aws_bedrock', costLinesUsd: '5' }),
    ];
    expect(reconciliationTotals(rows)).toEqual({
      billedUsd: '5.3',
      usageListUsd: '1.1',
      comparableGapUsd: '-0.1',
      matched: 1,
      gaps: 1,
      noBilling: 1,
      noUsage: 1,
      noPrices: 0,
    });
  });
});
