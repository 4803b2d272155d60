/**
 * Formula-injection guard for every export (CSV, XLSX, PDF, FOCUS). A spreadsheet treats a cell that
 * starts with = + - @ (or a tab / carriage return, which some importers strip first) as a formula;
 * such text gets a leading apostrophe, the OWASP "CSV injection" remedy, so it shows as text.
 * Numeric cells are never touched: a genuinely negative amount ("-5.25") stays a number, because
 * money and counts are validated as numbers instead of being passed through as text.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as it may appear in a cell: neutralised when a spreadsheet could read it as a formula. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** An exact decimal string ("-12.5", "0.0000000001"), as SQL numeric text renders it. */
export const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A money or count value for a text format (CSV). A well-formed number passes unchanged (negative
 * included); anything else is treated as text and neutralised, so a bad value can never become a formula.
 */
export function safeNumberText(value: string | number): string {
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return DECIMAL.test(s) ? s : safeText(s);
}

/** True when a text cell would need neutralising (for tests and assertions). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
