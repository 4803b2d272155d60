import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { modelFromLineItem } from './openai';
import { FIXTURES, ingestFile, ingestText, MTIME } from './openai-testing';

const dir = path.join(FIXTURES, 'openai');

describe('openai_costs: API pages', () => {
  test('one cost line per result; float amounts keep the digits the vendor wrote', async () => {
    const r = await ingestFile(path.join(dir, 'costs-grouped.json'));
    expect(r.source).toBe('openai_costs');
    expect(r.issues).toEqual([]);
    expect(r.events).toEqual([]);
    expect(r.costs).toHaveLength(3);
    expect(r.costs[0]).toEqual({
      dedupeKey: 'openai_costs:[1730419200,"proj_a","key_1","gpt-4o-mini-2024-07-18, input"]',
      periodStart: new Date('2024-11-01T00:00:00Z'),
      periodEnd: new Date('2024-11-02T00:00:00Z'),
      vendor: 'openai',
      service: null,
      lineItem: 'gpt-4o-mini-2024-07-18, input',
      chargeCategory: 'usage',
      model: 'gpt-4o-mini',
      billedCostUsd: '0.06',
      listCostUsd: null,
      currency: 'USD',
      project: 'proj_a',
      apiKey: 'key_1',
      quantity: '400000',
      quantityUnit: 'tokens',
      tags: null,
    });
    expect(r.costs.map((c) => c.billedCostUsd)).toEqual(['0.06', '1.1', '12.345678901234']);
    expect(r.costs.map((c) => c.quantity)).toEqual(['400000', '1833.3333', '3']);
    // "USD" in upper case is accepted; a line item that is not a model id names no model.
    expect(r.costs[2]).toMatchObject({
      currency: 'USD',
      lineItem: 'Image models',
      model: null,
      apiKey: null,
      periodStart: new Date('2024-11-02T00:00:00Z'),
    });
  });

  test('non-USD, non-numeric and missing amounts are issues naming the field; good rows still load', async () => {
    const f = path.join(dir, 'costs-bad.jsonl');
    const r = await ingestFile(f);
    expect(r.source).toBe('openai_costs');
    expect(r.costs.map((c) => [c.lineItem, c.billedCostUsd])).toEqual([['cached_input_tokens', '0.25']]);
    expect(r.issues).toEqual([
      {
        file: f,
        line: 1,
        field: 'results[0].amount.currency',
        message: 'expected currency "usd" (only USD amounts are stored), got "eur"',
      },
      { file: f, line: 1, field: 'results[1].amount.value', message: 'expected a decimal amount, got "abc"' },
      { file: f, line: 2, field: 'results[0].amount', message: 'expected an amount {value, currency}, got null' },
      { file: f, line: 2, field: 'results[1].amount.value', message: 'expected the amount charged (USD), got nothing' },
    ]);
  });

  test('a lone result gets the file time and a one-day period, flagged in tags', async () => {
    const row = { object: 'organization.costs.result', amount: { value: 0.5, currency: 'usd' }, line_item: 'input_tokens' };
    const r = await ingestText(JSON.stringify(row), 'row.json');
    expect(r.costs).toHaveLength(1);
    expect(r.costs[0]).toMatchObject({
      periodStart: MTIME,
      periodEnd: new Date('2026-01-02T00:00:00Z'),
      billedCostUsd: '0.5',
      model: null,
      tags: { time_inferred: true },
    });
  });
});

describe('openai_costs: dashboard CSV export', () => {
  test('days without spend are skipped silently; PII columns are dropped', async () => {
    const r = await ingestFile(path.join(dir, 'cost_2024-11-01_2024-11-03.csv'));
    expect(r.source).toBe('openai_costs');
    expect(r.issues).toEqual([]);
    expect(r.costs).toHaveLength(2);
    expect(r.costs[0]).toMatchObject({
      // The user splits CSV rows, so it joins the key; without it the key equals the API form.
      dedupeKey: 'openai_costs:[1730419200,"proj_a","key_1","gpt-4o-mini-2024-07-18, input","user_x"]',
      periodStart: new Date('2024-11-01T00:00:00Z'),
      periodEnd: new Date('2024-11-02T00:00:00Z'),
      billedCostUsd: '0.06',
      currency: 'USD',
      quantity: '400000',
      quantityUnit: 'tokens',
      model: 'gpt-4o-mini',
      project: 'proj_a',
      apiKey: 'key_1',
      tags: { project_name: 'Checkout bot', organization_id: 'org_1', user_id: 'user_x', api_source: 'api' },
    });
    expect(r.costs[1]).toMatchObject({
      dedupeKey: 'openai_costs:[1730592000,"proj_b",null,"Image models"]',
      billedCostUsd: '2.5',
      tags: { project_name: 'Design', organization_id: 'org_1' },
    });
    expect(r.items.filter((i) => i.kind === 'cost').map((i) => ('line' in i ? i.line : undefined))).toEqual([2, 4]);
    expect(JSON.stringify(r.costs)).not.toMatch(/example\.com|Acme/);
  });

  test('a missing required column is one issue on line 1 and no cost lines', async () => {
    const f = path.join(dir, 'cost_missing-column.csv');
    const r = await ingestFile(f);
    expect(r.source).toBe('openai_costs');
    expect(r.costs).toEqual([]);
    expect(r.issues).toEqual([
      { file: f, line: 1, header: true, field: 'amount_value', message: expect.stringMatching(/^missing column amount_value/) },
    ]);
  });

  test('a non-USD CSV row is an issue on its line', async () => {
    const csv = 'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency\n1730419200,1730505600,,,3.10,eur\n';
    const r = await ingestText(csv, 'cost_x.csv');
    expect(r.costs).toEqual([]);
    expect(r.issues).toEqual([expect.objectContaining({ line: 2, field: 'amount_currency' })]);
  });
});

describe('modelFromLineItem', () => {
  test.each([
    ['gpt-4o-mini-2024-07-18, input', 'gpt-4o-mini'],
    ['o3-mini-2025-01-31 output', 'o3-mini'],
    ['text-embedding-3-small', 'text-embedding-3-small'],
    ['input_tokens', null],
    ['Image models', null],
    ['ft:gpt-4o-mini:acme::abc, input', null],
    [null, null],
  ])('%s -> %s', (lineItem, model) => {
    expect(modelFromLineItem(lineItem)).toBe(model);
  });
});
