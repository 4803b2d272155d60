/**
 * The real FOCUS 1.0 sample (shared/samples/focus, read in place, never copied) through framing (openRecords),
 * detection and focusSource.parse. The expected totals are computed here straight from the CSV text with
 * BigInt (not through the source), and the literal figures were checked by hand with Python's Decimal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsvSync } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { expect, test } from 'vitest';
import { focusSource } from './focus';
import { openRecords } from './read';
import { listSources } from './registry';
import type { CostLine, IngestIssue } from './types';

const SAMPLE = path.resolve(import.meta.dirname, '../../../shared/samples/focus/focus-1.0-sample-1000.finops.csv');

/** Sums decimal strings exactly: scaled to 10^-SCALE as BigInt. */
const SCALE = 30;
function toScaled(s: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new Error(`not a plain decimal: ${s}`);
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  if (frac.length > SCALE) throw new Error(`too many decimals: ${s}`);
  const v = BigInt((m[2] || '0') + frac);
  return m[1] ? -v : v;
}
function fromScaled(v: bigint): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(SCALE + 1, '0');
  const int = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** The sample's columns as plain strings, read independently of the source. */
function rawRows(): Record<string, string>[] {
  return parseCsvSync(fs.readFileSync(SAMPLE, 'utf8'), { columns: true, bom: true });
}

async function parseSample(): Promise<{ lines: CostLine[]; issues: IngestIssue[] }> {
  const opened = await openRecords(fs.createReadStream(SAMPLE), SAMPLE);
  expect(opened.framing).toBe('csv');
  expect(focusSource.detect(opened.first?.value, SAMPLE)).toBe(true);
  for (const s of listSources()) if (s.id !== focusSource.id) expect(s.detect(opened.first?.value, SAMPLE), s.id).toBe(false);
  const ctx = { file: SAMPLE, framing: opened.framing, fallbackTime: new Date('2026-01-01T00:00:00Z'), fallbackIsMtime: true };
  async function* good() {
    for await (const it of opened.items) {
      if ('bad' in it) throw new Error(`bad record: ${it.bad.message}`);
      yield it;
    }
  }
  const lines: CostLine[] = [];
  const issues: IngestIssue[] = [];
  for await (const it of focusSource.parse(good(), ctx)) {
    if (it.kind === 'cost') lines.push(it.cost);
    else if (it.kind === 'issue') issues.push(it.issue);
    else throw new Error(`unexpected ${it.kind}`);
  }
  return { lines, issues };
}

const parsed = parseSample();

test('all 1,000 rows become cost lines with no issues and distinct dedupe keys', async () => {
  const { lines, issues } = await parsed;
  expect(issues).toEqual([]);
  expect(lines).toHaveLength(1000);
  expect(new Set(lines.map((l) => l.dedupeKey)).size).toBe(1000);
  for (const l of lines) {
    expect(l.currency).toBe('USD');
    expect(Number.isNaN(l.periodStart.getTime())).toBe(false);
    expect(l.periodEnd.getTime()).toBeGreaterThan(l.periodStart.getTime());
  }
});

test('BilledCost and ListCost sums are exact and match the CSV text', async () => {
  const { lines } = await parsed;
  const rows = rawRows();
  expect(rows).toHaveLength(1000);
  const billed = fromScaled(rows.reduce((a, r) => a + toScaled(r.BilledCost), 0n));
  const list = fromScaled(rows.reduce((a, r) => a + toScaled(r.ListCost), 0n));
  expect(billed).toBe('20.52022672899');
  expect(list).toBe('20.39090575119');
  expect(fromScaled(lines.reduce((a, l) => a + toScaled(l.billedCostUsd), 0n))).toBe(billed);
  expect(fromScaled(lines.reduce((a, l) => a + toScaled(l.listCostUsd ?? '0'), 0n))).toBe(list);
  // The same with decimal.js, and row by row: every amount survives digit for digit.
  expect(lines.reduce((a, l) => a.plus(l.billedCostUsd), new Decimal(0)).toFixed()).toBe(billed);
  rows.forEach((r, i) => {
    expect(new Decimal(lines[i].billedCostUsd).eq(r.BilledCost)).toBe(true);
  });
});

test('counts by charge category, vendor and AI classification', async () => {
  const { lines } = await parsed;
  const rows = rawRows();
  const count = (xs: string[]) => Object.fromEntries([...new Set(xs)].sort().map((k) => [k, xs.filter((x) => x === k).length]));
  expect(count(rows.map((r) => r.ChargeCategory.toLowerCase()))).toEqual({ adjustment: 2, credit: 1, usage: 997 });
  expect(count(lines.map((l) => l.chargeCategory))).toEqual({ adjustment: 2, credit: 1, usage: 997 });
  expect(count(lines.map((l) => l.vendor))).toEqual({ aws: 942, azure: 51, oracle: 7 });
  // The only AI rows are the 9 Azure Machine Learning ones (compute under an ML workspace, not model tokens),
  // so they stay vendor azure with ai_service set.
  const ai = lines.filter((l) => l.tags?.ai_service === true);
  expect(ai).toHaveLength(9);
  expect(new Set(ai.map((l) => `${l.vendor}|${l.service}|${l.tags?.ServiceCategory}`))).toEqual(
    new Set(['azure|Azure Machine Learning|AI and Machine Learning']),
  );
  expect(fromScaled(ai.reduce((a, l) => a + toScaled(l.billedCostUsd), 0n))).toBe('-0.15189756178');
  // 711 rows carry a Tags JSON object; every one parsed.
  expect(lines.filter((l) => l.tags && 'Tags_raw' in l.tags)).toHaveLength(0);
  expect(rows.filter((r) => r.Tags !== 'NULL')).toHaveLength(711);
});

test('first row and the credit row map field by field', async () => {
  const { lines } = await parsed;
  expect(lines[0]).toMatchObject({
    periodStart: new Date('2024-09-18T22:00:00Z'),
    periodEnd: new Date('2024-09-18T23:00:00Z'),
    vendor: 'aws',
    service: 'Amazon Simple Queue Service',
    lineItem: '$0.40 per million Amazon SQS standard requests in Tier1 in US West (Oregon)',
    chargeCategory: 'usage',
    billedCostUsd: '0.0000008',
    listCostUsd: '0.0000008',
    currency: 'USD',
    project: 'Atlas Nimbus',
    quantity: '2',
    quantityUnit: 'Requests',
  });
  expect(lines[0].tags).toMatchObject({ ServiceCategory: 'Integration', RegionId: 'us-west-2', cloud: 'aws', SkuId: 'G95FST5FTYV3JSRX' });
  expect(lines[0].tags?.ai_service).toBeUndefined();
  const credit = lines.find((l) => l.chargeCategory === 'credit')!;
  // ConsumedQuantity is NULL on the credit row, so the quantity falls back to PricingQuantity.
  expect(credit).toMatchObject({ billedCostUsd: '-2.6137', listCostUsd: '-2.6137', quantity: '0', quantityUnit: 'Hours', vendor: 'aws' });
  const tagged = lines[1];
  expect(tagged.tags).toMatchObject({ application: 'BrightLensMatrix', environment: 'dev', business_unit: 'ViennaAI' });
});
