/**
 * URL state of the finance pages (/statement, /budgets): the month (YYYY-MM), an "as of" day for the
 * forecast, the statement filters (vendor, team, workflow; one value each from the page's selects), and
 * the links to the export routes. Bad values fall back to defaults, never fail. Pure.
 */
import { isValidDay } from './analysis/timeseries';
import { isValidMonth, monthOf, monthPeriod, nextMonth } from './months';

type Raw = Record<string, string | string[] | undefined>;
const firstOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim();

/** Calendar months from the first to the last day with data, newest first. */
export function monthsBetween(firstDay: string, lastDay: string): string[] {
  const out: string[] = [];
  const last = monthOf(lastDay);
  for (let m = monthOf(firstDay); m <= last && out.length < 240; m = nextMonth(m)) out.push(m);
  return out.reverse();
}

/** ?month= when valid, else the month of the latest day with data. */
export function parseMonth(raw: Raw, latestDay: string): string {
  const m = firstOf(raw.month);
  return m && isValidMonth(m) ? m : monthOf(latestDay);
}

/**
 * What the page changed from the link (a `month=` that is not a month, an `asof=` outside the month's days with data),
 * for the page to say under its title, as resolveFilters' notes do for the dashboard period.
 */
export function financeParamNotes(raw: Raw, month: string, latestDay: string): string[] {
  const notes: string[] = [];
  const m = firstOf(raw.month);
  if (m && m !== month) notes.push(`month=${m.slice(0, 40)} is not a month as YYYY-MM and was ignored`);
  const a = firstOf(raw.asof);
  const asOf = parseAsOf(raw, month, latestDay);
  if (a && a !== asOf) notes.push(`asof=${a.slice(0, 40)} is not a day of ${month} with data and was ignored`);
  return notes;
}

/**
 * The forecast's "as of" day: ?asof= when it lies in the month and not after the latest day with
 * data (an earlier day replays the forecast as it stood then), else the latest day with data in the
 * month, or the month's last day when the data goes past it. Null when the month has not started in
 * the data (nothing to forecast from).
 */
export function parseAsOf(raw: Raw, month: string, latestDay: string): string | null {
  const { from, to } = monthPeriod(month);
  if (latestDay < from) return null;
  const limit = latestDay < to ? latestDay : to;
  const a = firstOf(raw.asof);
  return a && isValidDay(a) && a >= from && a <= limit ? a : limit;
}

export interface StatementParamFilters {
  vendor?: string;
  team?: string;
  workflow?: string;
}

const FILTER_KEYS = ['vendor', 'team', 'workflow'] as const;

export function parseStatementFilters(raw: Raw): StatementParamFilters {
  const out: StatementParamFilters = {};
  for (const k of FILTER_KEYS) {
    const v = firstOf(raw[k]);
    if (v && v.length <= 200) out[k] = v;
  }
  return out;
}

/** As db/queries/statement.ts StatementFilters (lists; absent = all). */
export function toStatementFilters(f: StatementParamFilters): { vendor?: string[]; team?: string[]; workflow?: string[] } {
  return Object.fromEntries(FILTER_KEYS.filter((k) => f[k]).map((k) => [k, [f[k] as string]]));
}

/** "?month=2026-10&team=core" for a finance page (month always present, so links are explicit). */
export function financeQuery(month: string, f: StatementParamFilters, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams({ month });
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k] as string);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  return `?${p.toString()}`;
}

export const EXPORT_FORMATS = [
  { format: 'csv', label: 'CSV', description: 'RFC 4180, UTF-8' },
  { format: 'xlsx', label: 'XLSX', description: 'Excel workbook, one sheet per section' },
  { format: 'pdf', label: 'PDF', description: 'Paginated statement to attach' },
  { format: 'focus', label: 'FOCUS 1.2', description: 'CSV for FinOps tools' },
] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number]['format'];

/** The download route of the export work: /api/exports/<format>?month=YYYY-MM plus the filters shown. */
export function exportHref(format: ExportFormatName, month: string, f: StatementParamFilters): string {
  return `/api/exports/${format}${financeQuery(month, f)}`;
}
