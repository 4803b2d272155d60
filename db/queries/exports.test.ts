/**
 * Must-show export tests on the finance fixture (PGlite and Postgres): each file is read back by a
 * parser (exceljs, csv-parse, poppler) and its totals are compared with the statement query and with
 * SUM over usage_events / cost_lines; hostile team, workflow and model names go through every format.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_EXPLORER_VIEW, type ExplorerDimension } from '../../lib/explorer-view';
import { FOCUS_COLUMNS } from '../../lib/export/focus';
import { formatUsdCents } from '../../lib/export/pdf';
import { looksLikeFormula } from '../../lib/export/sanitize';
import type { Connection } from '../client';
import { testDatabases } from '../testing';
import { importConfigYaml } from './config';
import { buildExplorerExport, buildExport } from './exports';
import { databaseTotals, HOSTILE, seedFinanceFixture } from './finance-fixture';
import { getMonthlyStatement, type Statement } from './statement';
import { getLastStatementExport } from './statement-exports';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const NOW = new Date('2026-04-02T09:30:00Z');
const cents = (v: Decimal.Value) => new Decimal(v).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const OUT = path.resolve('test-results/exports');
const HOSTILE_NAMES = [HOSTILE.team, HOSTILE.teamTab, HOSTILE.workflow, HOSTILE.workflowAt, HOSTILE.workflowCr];

/** CSV sections: title -> { header, rows, total } (the total row is the one starting "Total"). */
function csvSections(records: string[][]) {
  const out = new Map<string, { header: string[]; rows: string[][]; total: string[] | undefined }>();
  for (let i = 0; i < records.length; i++) {
    if (records[i][0] !== 'Section') continue;
    const header = records[i + 1];
    const body: string[][] = [];
    for (let j = i + 2; j < records.length && records[j].some((c) => c !== '') && records[j][0] !== 'Note'; j++) body.push(records[j]);
    const total = body.at(-1)?.[0] === 'Total' ? body.pop() : undefined;
    out.set(records[i][1], { header, rows: body, total });
  }
  return out;
}

describe.each(testDatabases())('exports on $name', (tdb) => {
  let conn: Connection;
  let statement: Statement;
  let db: Awaited<ReturnType<typeof databaseTotals>>;
  beforeAll(async () => {
    conn = await tdb.open();
    await seedFinanceFixture(conn);
    statement = await getMonthlyStatement(conn, '2026-03');
    db = await databaseTotals(conn, MARCH.from, MARCH.to);
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });

  test('XLSX read back: sheet totals equal the statement and the database to the cent', async () => {
    const file = await buildExport(conn, { format: 'xlsx', ...MARCH, now: NOW });
    expect(file.fileName).toBe('itemized-statement-2026-03.xlsx');
    writeFileSync(path.join(OUT, `${tdb.name}-${file.fileName}`), file.bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Summary', 'By team', 'By workflow', 'By vendor', 'Invoice charges']);
    const about = wb.getWorksheet('About')!;
    const aboutText = about.getSheetValues().flat().map(String).join('|');
    expect(aboutText).toContain('Period from|2026-03-01');
    expect(aboutText).toContain('Filters|none (all spend)');
    const billedTotal = new Decimal(db.eventBilled).plus(db.invoiceBilled);
    for (const name of ['By team', 'By workflow', 'By vendor']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
      const listCol = header.indexOf('List cost (USD)') + 1;
      const billedCol = header.indexOf('Billed (USD)') + 1;
      const last = ws.rowCount;
      let list = new Decimal(0);
      let billed = new Decimal(0);
      for (let r = 2; r < last; r++) {
        const lc = ws.getRow(r).getCell(listCol);
        const bc = ws.getRow(r).getCell(billedCol);
        if (typeof lc.value === 'number') list = list.plus(lc.value);
        if (typeof bc.value === 'number') billed = billed.plus(bc.value);
        if (lc.value !== null) expect(lc.numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
      }
      const totalRow = ws.getRow(last);
      expect(totalRow.getCell(1).value).toBe('Total');
      const lt = totalRow.getCell(listCol).value as ExcelJS.CellFormulaValue;
      expect(lt.formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+\d+\)$/);
      for (const [sum, cell, expected, exact] of [
        [list, lt, db.list, statement.totals.listCostUsd],
        [billed, totalRow.getCell(billedCol).value as ExcelJS.CellFormulaValue, billedTotal, statement.totals.billedCostUsd],
      ] as const) {
        expect(cents(sum)).toBe(cents(expected));
        expect(cents(cell.result as number)).toBe(cents(expected));
        expect(cents(exact!)).toBe(cents(expected));
      }
    }
    const charges = wb.getWorksheet('Invoice charges')!;
    const credit = charges.getSheetValues().find((r) => Array.isArray(r) && r[2] === 'credit') as ExcelJS.CellValue[];
    expect(credit[3]).toBe(-5.25); // a genuinely negative amount stays a number
    expect(file.recorded?.month).toBe('2026-03');
    expect((await getLastStatementExport(conn, '2026-03', {}))?.format).toBe('xlsx');
  });

  test('CSV read back: totals equal the statement and the database exactly', async () => {
    const file = await buildExport(conn, { format: 'csv', ...MARCH, bom: true, now: NOW });
    writeFileSync(path.join(OUT, `${tdb.name}-${file.fileName}`), file.bytes);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.bytes.toString('utf8');
    expect(text.includes('\r\n')).toBe(true);
    const records: string[][] = parse(file.bytes, { bom: true, relax_column_count: false });
    expect(new Set(records.map((r) => r.length)).size).toBe(1); // RFC 4180: same field count everywhere
    expect(records[1]).toEqual(['Period from', '2026-03-01', ...records[1].slice(2)]);
    const sections = csvSections(records);
    for (const title of ['Spend by cost centre (team)', 'Spend by workflow', 'Spend by vendor']) {
      const s = sections.get(title)!;
      const li = s.header.indexOf('List cost (USD)');
      const bi = s.header.indexOf('Billed (USD)');
      const sum = (i: number) => s.rows.reduce((a, r) => a.plus(r[i] || 0), new Decimal(0));
      expect(sum(li).equals(db.list)).toBe(true);
      expect(sum(bi).equals(new Decimal(db.eventBilled).plus(db.invoiceBilled))).toBe(true);
      expect(new Decimal(s.total![li]).equals(statement.totals.listCostUsd!)).toBe(true);
    }
    const charges = sections.get('Invoice charges by vendor and category')!;
    expect(charges.rows.find((r) => r[1] === 'credit')?.[2]).toBe('-5.25');
  });

  test('FOCUS 1.2 CSV: columns per the spec; BilledCost and ListCost sum to the database exactly', async () => {
    const file = await buildExport(conn, { format: 'focus', ...MARCH, now: NOW });
    expect(file.fileName).toBe('itemized-focus-2026-03.csv');
    writeFileSync(path.join(OUT, `${tdb.name}-${file.fileName}`), file.bytes);
    const rows: Record<string, string>[] = parse(file.bytes, { columns: true });
    const header = Object.keys(rows[0]);
    for (const c of [
      'BilledCost',
      'EffectiveCost',
      'ListCost',
      'ContractedCost',
      'ChargePeriodStart',
      'ChargePeriodEnd',
      'BillingPeriodStart',
    ])
      expect(header).toContain(c);
    expect(header.slice(0, FOCUS_COLUMNS.length)).toEqual([...FOCUS_COLUMNS]);
    const sum = (k: string, where: (r: Record<string, string>) => boolean = () => true) =>
      rows.filter(where).reduce((a, r) => a.plus(r[k] || 0), new Decimal(0));
    expect(sum('BilledCost').equals(new Decimal(db.eventBilled).plus(db.invoiceBilled))).toBe(true);
    expect(sum('EffectiveCost').equals(sum('BilledCost'))).toBe(true);
    expect(sum('ListCost').equals(db.list)).toBe(true);
    expect(sum('BilledCost', (r) => r.x_ItemizedSource === 'invoice').equals(db.invoiceBilled)).toBe(true);
    expect(sum('x_Events').toNumber()).toBe(db.events);
    for (const r of rows) {
      expect(r.ServiceCategory).toBe('AI and Machine Learning');
      expect(r.BillingCurrency).toBe('USD');
      expect(r.ChargePeriodStart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(r.BillingPeriodStart).toBe('2026-03-01T00:00:00Z');
      expect(r.x_ExportPeriod).toBe('2026-03-01..2026-03-31');
    }
    expect(new Set(rows.map((r) => r.ChargeCategory))).toEqual(new Set(['Usage', 'Purchase', 'Credit']));
    const usage = rows.find((r) => r.x_ItemizedSource === 'usage' && r.Tags.includes('"team":"core"'))!;
    expect(JSON.parse(usage.Tags).team).toBe('core');
    expect(rows.find((r) => r.ChargeCategory === 'Credit')?.BilledCost).toBe('-5.25');
  });

  test('FOCUS 1.2 CSV with a declared plan: one Purchase row per month, BilledCost sums to the statement billed total', async () => {
    const yaml = (period: string) =>
      `version: 1\nworkflows: []\nsubscriptions:\n  - vendor: anthropic\n    plan: Claude Max\n    seats: 3\n    monthly_price_per_seat_usd: "200.00"\n${period}    team: devtools\n    covers: [claude_code]\nbudgets: []\n`;
    expect(await importConfigYaml(conn.db, yaml('    period_start: "2026-03-16"\n'))).toMatchObject({ ok: true });
    try {
      const withPlan = await getMonthlyStatement(conn, '2026-03');
      const rows: Record<string, string>[] = parse(
        (await buildExport(conn, { format: 'focus', ...MARCH, now: NOW, record: false })).bytes,
        {
          columns: true,
        },
      );
      const plans = rows.filter((r) => r.x_ItemizedSource === 'plan');
      // 16 of March's 31 days of 3 x 200 USD, half-even to 10 places.
      expect(plans.map((r) => [r.ChargeCategory, r.ChargePeriodStart, r.BilledCost])).toEqual([
        ['Purchase', '2026-03-16T00:00:00Z', '309.6774193548'],
      ]);
      const billed = rows.reduce((a, r) => a.plus(r.BilledCost || 0), new Decimal(0));
      expect(billed.equals(withPlan.totals.billedCostUsd!)).toBe(true);
      expect(billed.equals(new Decimal(db.eventBilled).plus(db.invoiceBilled).plus('309.6774193548'))).toBe(true);
      const other = (await buildExport(conn, { format: 'focus', ...MARCH, filters: { vendor: ['openai'] }, now: NOW, record: false }))
        .bytes;
      expect((parse(other, { columns: true }) as Record<string, string>[]).some((r) => r.x_ItemizedSource === 'plan')).toBe(false);
    } finally {
      await importConfigYaml(conn.db, 'version: 1\nworkflows: []\nsubscriptions: []\nbudgets: []\n');
    }
  });

  test('formula injection: hostile team, workflow and model names are neutralised in every format', async () => {
    const filters = { team: [HOSTILE.team, HOSTILE.teamTab, 'core', null] };
    const csv = (await buildExport(conn, { format: 'csv', ...MARCH, filters, now: NOW, record: false })).bytes;
    const focus = (await buildExport(conn, { format: 'focus', ...MARCH, filters, now: NOW, record: false })).bytes;
    const xlsx = (await buildExport(conn, { format: 'xlsx', ...MARCH, filters, now: NOW, record: false })).bytes;
    const full = (await buildExport(conn, { format: 'focus', ...MARCH, now: NOW, record: false })).bytes;

    const csvCells = (parse(csv) as string[][]).flat();
    const focusRows = [...parse(focus, { columns: true }), ...parse(full, { columns: true })] as Record<string, string>[];
    const focusCells = focusRows.flatMap((r) => Object.values(r));
    for (const name of HOSTILE_NAMES.slice(0, 2)) expect(csvCells).toContain(`'${name}`);
    expect(csvCells).toContain(`Filter: team`);
    expect(csvCells.find((c) => c.startsWith('=HYPERLINK') || c.includes(`,=HYPERLINK`))).toBeUndefined();
    expect(focusRows.map((r) => r.x_Model)).toContain(`'${HOSTILE.model}`);
    expect(focusRows.map((r) => r.x_ExportFilters)).toContain(`team=${HOSTILE.team}, ${HOSTILE.teamTab}, core, (not set)`);
    for (const cell of [...csvCells, ...focusCells])
      if (looksLikeFormula(cell)) expect(cell, JSON.stringify(cell)).toMatch(/^-\d+(\.\d+)?$/); // only real negative numbers

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const strings: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === 'string') strings.push(c.value);
          if (c.value && typeof c.value === 'object' && 'formula' in c.value) expect(c.value.formula).toMatch(/^SUM\([A-Z]+2:[A-Z]+\d+\)$/);
        }),
      ),
    );
    for (const name of HOSTILE_NAMES.slice(0, 2)) expect(strings).toContain(`'${name}`);
    expect(strings.filter(looksLikeFormula)).toEqual([]);

    const all = await buildExport(conn, { format: 'xlsx', ...MARCH, now: NOW, record: false });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.bytes as unknown as ArrayBuffer);
    const wfs = (wb2.getWorksheet('By workflow')!.getColumn(1).values as ExcelJS.CellValue[]).map(String);
    // XML reads a raw CR back as LF (XML 1.0 end-of-line handling); the neutralising apostrophe stays in front.
    for (const name of HOSTILE_NAMES.slice(2)) expect(wfs).toContain(`'${name.replace('\r', '\n')}`);

    // The explorer download goes through the same writers: team x workflow x model, every name hostile somewhere.
    const view = { ...DEFAULT_EXPLORER_VIEW, groupBy: ['team', 'workflow', 'model'] as ExplorerDimension[] };
    for (const format of ['csv', 'xlsx'] as const) {
      const x = await buildExplorerExport(conn, view, MARCH, { format, now: NOW });
      const cells: string[] = [];
      if (format === 'csv') cells.push(...(parse(x.bytes) as string[][]).flat());
      else {
        const w = new ExcelJS.Workbook();
        await w.xlsx.load(x.bytes as unknown as ArrayBuffer);
        w.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => (typeof c.value === 'string' ? cells.push(c.value) : undefined))));
      }
      expect(cells).toContain(`'${HOSTILE.model}`);
      expect(cells).toContain(`'${HOSTILE.team}`);
      for (const c of cells) if (looksLikeFormula(c)) expect(c).toMatch(/^-\d+(\.\d+)?$/);
    }
  });

  test('PDF statement rendered to PNG pages: page count, period, filters and totals printed', async () => {
    const file = await buildExport(conn, { format: 'pdf', ...MARCH, filters: { vendor: ['openai', 'xai', 'anthropic'] }, now: NOW });
    const dir = path.join(OUT, `pdf-${tdb.name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdfPath = path.join(dir, file.fileName);
    writeFileSync(pdfPath, file.bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))![1]);
    execFileSync('pdftoppm', ['-png', '-r', '100', pdfPath, path.join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(pages);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const s = await getMonthlyStatement(conn, '2026-03', { vendor: ['openai', 'xai', 'anthropic'] });
    expect(text).toContain('AI spend statement 2026-03');
    expect(text).toContain('2026-03-01');
    expect(text).toMatch(/Filter: vendor\s+openai, xai, anthropic/);
    expect(text).toContain(formatUsdCents(s.totals.listCostUsd));
    expect(text).toContain(formatUsdCents(s.totals.billedCostUsd));
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain(`'${HOSTILE.team}`);
  });
});
