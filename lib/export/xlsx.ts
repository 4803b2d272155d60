/**
 * Report → XLSX (exceljs): an "About" sheet with the period, filters and notes, then one sheet per
 * section with a frozen, filterable header row and a bold total row.
 *
 * Numbers: money is carried as exact decimal strings everywhere else; here, at the cell and only here,
 * it becomes a JS number, because a spreadsheet cell holds an IEEE double (15-17 significant digits;
 * exact to the cent for any amount below ~$10^13). Totals are SUM formulas over the column, written
 * with the statement's exact total (rounded only by that same conversion) as their cached result, and
 * the workbook asks Excel to recalculate on open; both agree with the page to the cent (tested).
 * Text cells are neutralised against formula injection (sanitize.ts); no cell but a total is a formula.
 */
import ExcelJS from 'exceljs';
import { headerBlock } from './csv';
import type { Cell, ColumnType, Report, ReportSection } from './report';
import { DECIMAL, safeText } from './sanitize';

/** US dollars with two decimals, negatives with a minus sign; the cell keeps every digit it holds. */
export const USD_FORMAT = '"$"#,##0.00;-"$"#,##0.00';
export const INT_FORMAT = '#,##0';

/** An exact decimal string or integer as a number for one cell; anything else stays neutralised text. */
function cellValue(value: Cell, type: ColumnType): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'text') return safeText(String(value));
  const s = String(value);
  return DECIMAL.test(s) ? Number(s) : safeText(s);
}

const columnLetter = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique. */
function sheetName(id: string, used: Set<string>): string {
  const base = id.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

function addSection(wb: ExcelJS.Workbook, s: ReportSection, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(s.id, used), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.columns.map((c) => ({
    header: safeText(c.label),
    key: c.key,
    width: c.type === 'text' ? 32 : 18,
    style: c.type === 'usd' ? { numFmt: USD_FORMAT } : c.type === 'int' ? { numFmt: INT_FORMAT } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of s.rows) ws.addRow(s.columns.map((c) => cellValue(row[c.key] ?? null, c.type)));
  const last = s.rows.length + 1;
  if (s.total) {
    const total = s.total;
    const r = ws.addRow(
      s.columns.map((c, i): ExcelJS.CellValue => {
        const v = total[c.key] ?? null;
        if (c.type === 'text' || v === null || s.rows.length === 0) return cellValue(v, c.type);
        const L = columnLetter(i);
        return { formula: `SUM(${L}2:${L}${last})`, result: Number(v) };
      }),
    );
    r.font = { bold: true };
  }
  if (s.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  if (s.note) ws.addRow([safeText(s.note)]).font = { italic: true };
}

export async function reportToXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Itemized';
  wb.created = new Date(report.generatedAt);
  wb.calcProperties.fullCalcOnLoad = true;
  const used = new Set<string>();
  const about = wb.addWorksheet(sheetName('About', used), { views: [{ state: 'frozen', ySplit: 1 }] });
  about.columns = [
    { header: 'Field', key: 'k', width: 24 },
    { header: 'Value', key: 'v', width: 100 },
  ];
  about.getRow(1).font = { bold: true };
  for (const [k, v] of headerBlock(report)) about.addRow([k, v]);
  about.addRow(['Sheets', report.sections.map((s) => s.title).join('; ')]);
  for (const s of report.sections) addSection(wb, s, used);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
