/**
 * Report → PDF statement (pdfkit): A4 landscape, the period and filters on the first page, a running
 * header and "Page i of n" footer on every page, each section as a table whose header repeats after a
 * page break, and bold total rows. Money is shown rounded half-up to the cent from the exact decimal
 * strings (decimal.js, never a float). Pure: returns the bytes; fonts default to the PDF standard
 * Helvetica (WinAnsi: characters outside it print as "?"); pass TrueType fonts for full Unicode.
 */
import Decimal from 'decimal.js';
import PDFDocument from 'pdfkit';
import { headerBlock } from './csv';
import type { Cell, ColumnType, Report, ReportSection } from './report';
import { safeText } from './sanitize';

export interface PdfOptions {
  /** TrueType/OpenType fonts (path or bytes); default Helvetica / Helvetica-Bold. */
  fonts?: { regular: string | Buffer; bold: string | Buffer };
}

const MARGIN = 36;
const ROW_H = 14;
const FONT_SIZE = 8.5;

/** "$1,234.57" / "-$5.25" / "—" (unknown); half-up to the cent. */
export function formatUsdCents(value: string | null): string {
  if (value === null) return '—';
  const d = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const [i, f] = d.abs().toFixed(2).split('.');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}$${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
}

function display(value: Cell, type: ColumnType): string {
  if (value === null || value === undefined) return type === 'text' ? '' : '—';
  if (type === 'usd') return formatUsdCents(String(value));
  if (type === 'int') return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return safeText(String(value));
}

// WinAnsi (the standard fonts' encoding): printable ASCII, Latin-1 and a few typographic marks.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const toWinAnsi = (s: string) => [...s].map((ch) => (/[\x20-\x7E\xA0-\xFF]/.test(ch) || WIN_ANSI_EXTRA.includes(ch) ? ch : '?')).join('');
/** Control characters (tab, CR, LF) print as spaces; they would break the table layout. */
const printable = (s: string, unicode: boolean) => {
  const flat = s.replace(/[\x00-\x1F\x7F]/g, ' ');
  return unicode ? flat : toWinAnsi(flat);
};

export function reportToPdf(report: Report, opts: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: report.title, Author: 'Itemized', Creator: 'Itemized', CreationDate: new Date(report.generatedAt) },
  });
  const unicode = Boolean(opts.fonts);
  const regular = opts.fonts ? 'body' : 'Helvetica';
  const bold = opts.fonts ? 'body-bold' : 'Helvetica-Bold';
  if (opts.fonts) {
    doc.registerFont(regular, opts.fonts.regular);
    doc.registerFont(bold, opts.fonts.bold);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 18;
  const clip = (text: string, w: number) => {
    let t = printable(text, unicode);
    if (doc.widthOfString(t) <= w) return t;
    while (t.length > 1 && doc.widthOfString(`${t}…`) > w) t = t.slice(0, -1);
    return `${t}…`;
  };
  const newPage = () => {
    doc.addPage();
    doc.font(regular).fontSize(8).fillColor('#555555');
    doc.text(clip(`${report.title} · ${report.period.from} to ${report.period.to}`, width), MARGIN, MARGIN, { lineBreak: false });
    doc.fillColor('black');
    doc.y = MARGIN + 18;
  };

  // First page: title, period, filters, notes.
  doc.font(bold).fontSize(16).text(printable(report.title, unicode), MARGIN, MARGIN);
  doc.moveDown(0.4);
  doc.font(regular).fontSize(9);
  for (const [k, v] of headerBlock(report).slice(1)) {
    const y = doc.y;
    doc.font(bold).text(printable(k, unicode), MARGIN, y, { width: 110, lineBreak: false });
    doc.font(regular).text(printable(v, unicode), MARGIN + 115, y, { width: width - 115 });
    doc.y = Math.max(doc.y, y + 12);
  }
  doc.moveDown(0.8);

  for (const s of report.sections) drawSection(s);

  function drawSection(s: ReportSection) {
    const weights = s.columns.map((c) => c.weight ?? (c.type === 'text' ? 2.4 : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / total) * width);
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const drawRow = (cells: string[], font: string, fill?: string) => {
      if (doc.y + ROW_H > bottom()) {
        newPage();
        title(`${s.title} (continued)`);
        header();
      }
      const y = doc.y;
      if (fill)
        doc
          .rect(MARGIN, y - 2, width, ROW_H)
          .fill(fill)
          .fillColor('black');
      doc.font(font).fontSize(FONT_SIZE);
      cells.forEach((c, i) => {
        const right = s.columns[i].type !== 'text';
        doc.text(clip(c, widths[i] - 6), xs[i] + 3, y, { width: widths[i] - 6, align: right ? 'right' : 'left', lineBreak: false });
      });
      doc.y = y + ROW_H;
    };
    const title = (t: string) => {
      doc.font(bold).fontSize(11).text(printable(t, unicode), MARGIN, doc.y, { lineBreak: false });
      doc.y += 16;
    };
    const header = () =>
      drawRow(
        s.columns.map((c) => c.label),
        bold,
        '#e8e8e8',
      );
    if (doc.y + 16 + 3 * ROW_H > bottom()) newPage();
    title(s.title);
    header();
    if (!s.rows.length)
      drawRow(
        s.columns.map((_, i) => (i === 0 ? 'No lines in this period' : '')),
        regular,
      );
    for (const row of s.rows)
      drawRow(
        s.columns.map((c) => display(row[c.key] ?? null, c.type)),
        regular,
      );
    if (s.total) {
      const t = s.total;
      doc
        .moveTo(MARGIN, doc.y - 2)
        .lineTo(MARGIN + width, doc.y - 2)
        .stroke();
      drawRow(
        s.columns.map((c) => display(t[c.key] ?? null, c.type)),
        bold,
      );
    }
    if (s.note) {
      doc
        .font(regular)
        .fontSize(7.5)
        .fillColor('#555555')
        .text(printable(s.note, unicode), MARGIN, doc.y + 2, { width });
      doc.fillColor('black');
    }
    doc.y += 14;
  }

  // Footers, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin pdfkit would start a new page for the footer; lift the margin while writing it.
    doc.page.margins.bottom = 0;
    doc.font(regular).fontSize(7.5).fillColor('#555555');
    const y = doc.page.height - MARGIN - 8;
    doc.text(`Itemized · generated ${report.generatedAt}`, MARGIN, y, { width: width / 2, lineBreak: false, height: 10 });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN + width / 2, y, { width: width / 2, align: 'right', lineBreak: false, height: 10 });
  }
  doc.end();
  return done;
}
