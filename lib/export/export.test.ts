/**
 * The export writers on hand-made reports: neutralisation rules, RFC 4180 quoting, XLSX cells and
 * formulas, FOCUS column mapping, and PDF pagination (rendered with poppler's pdftoppm into
 * test-results/exports/pdf-long).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { reportToCsv } from './csv';
import { focusToCsv } from './focus';
import { formatUsdCents, reportToPdf } from './pdf';
import type { Report } from './report';
import { safeNumberText, safeText } from './sanitize';
import { reportToXlsx } from './xlsx';

const report = (rows: number): Report => ({
  title: 'Test report',
  period: { from: '2026-03-01', to: '2026-03-31' },
  filters: [{ name: 'team', value: '=evil, core' }],
  generatedAt: '2026-04-01T00:00:00.000Z',
  notes: ['note, with "quotes"'],
  sections: [
    {
      id: 'Lines: a/b?',
      title: 'Lines',
      columns: [
        { key: 'name', label: 'Name', type: 'text' },
        { key: 'n', label: 'Count', type: 'int' },
        { key: 'usd', label: 'Amount (USD)', type: 'usd' },
      ],
      rows: Array.from({ length: rows }, (_, i) => ({
        name: i === 0 ? 'a,b\r\n"c"' : `line ${i}`,
        n: i,
        usd: i === 1 ? '-1.5' : '0.0000000001',
      })),
      total: { name: 'Total', n: (rows * (rows - 1)) / 2, usd: (-1.5 + (rows - 1) * 1e-10).toFixed(10) },
    },
    { id: 'Empty', title: 'Empty', columns: [{ key: 'usd', label: 'USD', type: 'usd' }], rows: [], total: { usd: null } },
  ],
});

describe('neutralisation', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('safeText(%j)', (input, out) => expect(safeText(input)).toBe(out));
  test.each([
    ['-5.25', '-5.25'],
    ['0.0000000001', '0.0000000001'],
    [-3, '-3'],
    ['-2+3', "'-2+3"],
    ['=1', "'=1"],
    ['1e5', '1e5'],
  ])('safeNumberText(%j)', (input, out) => expect(safeNumberText(input)).toBe(out));
});

describe('CSV', () => {
  test('RFC 4180: CRLF, quoting, doubled quotes, equal field counts, optional BOM', () => {
    const bytes = reportToCsv(report(3), { bom: true });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('"a,b\r\n""c"""');
    expect(text.split('\r\n').length).toBeGreaterThan(5);
    const records: string[][] = parse(text);
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([3]));
    expect(records).toContainEqual(['Filter: team', "'=evil, core", '']);
    expect(records).toContainEqual(['a,b\r\n"c"', '0', '0.0000000001']);
    expect(records).toContainEqual(['line 1', '1', '-1.5']);
    expect(reportToCsv(report(1)).subarray(0, 3).toString()).toBe('Rep');
  });
});

describe('XLSX', () => {
  test('sheet names are made legal; numbers are numbers; totals are SUM formulas with the exact total cached', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportToXlsx(report(4))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Lines  a b ', 'Empty']);
    const ws = wb.worksheets[1];
    expect(ws.getRow(3).values).toEqual([undefined, 'line 1', 1, -1.5]);
    expect(ws.getRow(6).getCell(3).value).toEqual({ formula: 'SUM(C2:C5)', result: -1.4999999997 });
    expect(ws.getRow(6).getCell(2).value).toEqual({ formula: 'SUM(B2:B5)', result: 6 });
    expect(wb.worksheets[2].rowCount).toBe(2); // header + total row without a formula over nothing
    expect(wb.worksheets[2].getRow(2).getCell(1).value).toBeNull();
  });
});

describe('FOCUS', () => {
  test('a usage row and an invoice row map to FOCUS columns', () => {
    const csv = focusToCsv({
      period: { from: '2026-03-01', to: '2026-03-31' },
      filters: [],
      usage: [
        {
          day: '2026-03-31',
          vendor: 'openai',
          model: 'gpt-5-mini',
          modelCreator: 'openai',
          team: 'core',
          workflow: null,
          project: 'p1',
          environment: 'production',
          events: 2,
          requests: 3,
          inputTokens: 100,
          cachedInputTokens: 10,
          cacheWriteTokens: 0,
          outputTokens: 50,
          reasoningTokens: null,
          listCostUsd: '0.0000000123',
          billedCostUsd: null,
          unpricedEvents: 0,
        },
      ],
      invoices: [
        {
          periodStart: '2026-03-15T00:00:00Z',
          periodEnd: '2026-03-16T00:00:00Z',
          vendor: 'anthropic',
          service: null,
          lineItem: 'credit',
          chargeCategory: 'credit',
          model: null,
          billedCostUsd: '-5.25',
          listCostUsd: null,
          quantity: null,
          quantityUnit: null,
          project: null,
          tags: null,
        },
      ],
      plans: [
        {
          start: '2026-03-16',
          end: '2026-03-31',
          vendor: 'anthropic',
          plan: 'Claude Max',
          seats: 3,
          team: 'devtools',
          costUsd: '309.6774193548',
        },
      ],
    });
    const [u, c, p]: Record<string, string>[] = parse(csv, { columns: true });
    expect(u).toMatchObject({
      BilledCost: '0',
      EffectiveCost: '0',
      ListCost: '0.0000000123',
      ContractedCost: '0.0000000123',
      ChargePeriodStart: '2026-03-31T00:00:00Z',
      ChargePeriodEnd: '2026-04-01T00:00:00Z',
      BillingPeriodStart: '2026-03-01T00:00:00Z',
      BillingPeriodEnd: '2026-04-01T00:00:00Z',
      ChargeCategory: 'Usage',
      ConsumedQuantity: '150',
      ConsumedUnit: 'Tokens',
      ProviderName: 'OpenAI',
      ServiceCategory: 'AI and Machine Learning',
      SkuId: 'openai:gpt-5-mini',
      SubAccountId: 'p1',
      Tags: '{"team":"core","environment":"production"}',
      x_BilledCostBasis: 'invoice',
      x_ReasoningTokens: '',
      x_ExportFilters: 'none',
    });
    expect(c).toMatchObject({
      BilledCost: '-5.25',
      ListCost: '0',
      ChargeCategory: 'Credit',
      ConsumedQuantity: '',
      ProviderName: 'Anthropic',
    });
    expect(p).toMatchObject({
      BilledCost: '309.6774193548',
      EffectiveCost: '309.6774193548',
      ListCost: '0',
      ChargeCategory: 'Purchase',
      ChargeFrequency: 'Recurring',
      ChargePeriodStart: '2026-03-16T00:00:00Z',
      ChargePeriodEnd: '2026-04-01T00:00:00Z',
      BillingPeriodStart: '2026-03-01T00:00:00Z',
      PricingQuantity: '3',
      PricingUnit: 'Seats',
      Tags: '{"team":"devtools"}',
      x_ItemizedSource: 'plan',
    });
  });
});

describe('PDF', () => {
  test('a long section breaks across pages with its header repeated and page numbers', async () => {
    const bytes = await reportToPdf(report(120));
    const dir = path.resolve('test-results/exports/pdf-long');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'long.pdf');
    writeFileSync(file, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(5); // 120 rows over four pages, the empty section on the fifth
    execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(dir, 'page')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(pages);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.match(/Lines \(continued\)/g)).toHaveLength(3);
    expect(text).toContain('Page 5 of 5');
    expect(text).toContain('-$1.50');
    expect(text).toMatch(/Filter: team\s+'=evil, core/);
  });

  test('cents are rounded half-up from the exact decimal', () => {
    expect(formatUsdCents('1234567.005')).toBe('$1,234,567.01');
    expect(formatUsdCents('-0.004')).toBe('$0.00');
    expect(formatUsdCents('-5.25')).toBe('-$5.25');
    expect(formatUsdCents(null)).toBe('—');
  });
});
