/**
 * Dashboard filters live in the URL only. parseFilters() reads searchParams (zod; bad values are
 * dropped, never fatal); resolveFilters() fills the default period: the 30 days ending at the latest
 * day with data, so an export from months ago still shows up on first visit.
 */
import { z } from 'zod';
import type { DayRange } from './analysis/compare';
import { addDays, daysInclusive, isValidDay } from './analysis/timeseries';

export const DEFAULT_PERIOD_DAYS = 30;
/** Longest period a page will aggregate (about five years); longer requests are clipped (resolveFilters). */
export const MAX_PERIOD_DAYS = 1900;

export const FILTER_KEYS = ['from', 'to', 'vendor', 'team', 'workflow'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const day = z.preprocess(first, z.string().trim().refine(isValidDay).optional()).catch(undefined);
const text = z.preprocess(
  first,
  z
    .string()
    .trim()
    .max(200)
    .transform((s) => (s === '' ? undefined : s))
    .optional(),
);

export const filtersSchema = z.object({
  from: day,
  to: day,
  vendor: text.catch(undefined),
  team: text.catch(undefined),
  workflow: text.catch(undefined),
});

/** What the URL says; every field optional. `ignored`: period parameters given but not a date (`from=garbage`). */
export type DashboardFilters = z.infer<typeof filtersSchema> & { ignored?: string[] };

/** Filters with the period settled. */
export interface ResolvedFilters extends DayRange {
  vendor?: string;
  team?: string;
  workflow?: string;
  /** True when the URL gave no period and the default was used. */
  isDefaultPeriod: boolean;
  /** What was changed from the URL's period and why (ignored, swapped, clipped), for the page to say. */
  notes?: string[];
}

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export function parseFilters(searchParams: SearchParamsRecord | URLSearchParams): DashboardFilters {
  const raw = searchParams instanceof URLSearchParams ? Object.fromEntries(searchParams) : searchParams;
  const parsed: DashboardFilters = filtersSchema.parse(raw);
  const ignored = ignoredPeriodParams(raw, parsed);
  return ignored.length ? { ...parsed, ignored } : parsed;
}

/** The period parameters the URL gave (`from=garbage`) that parsing dropped, as `key=value`, for resolveFilters' notes. */
export function ignoredPeriodParams(raw: SearchParamsRecord, parsed: { from?: string | null; to?: string | null }): string[] {
  return (['from', 'to'] as const).flatMap((k) => {
    const v = first(raw[k]);
    return typeof v === 'string' && v.trim() !== '' && !parsed[k] ? [`${k}=${v.trim().slice(0, 40)}`] : [];
  });
}

/** The default period: DEFAULT_PERIOD_DAYS ending at the latest day with data (else today). */
export function defaultPeriod(latestDay: string | null, today: string): DayRange {
  const to = latestDay ?? today;
  return { from: addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
}

export function resolveFilters(f: DashboardFilters, latestDay: string | null, today: string): ResolvedFilters {
  const def = defaultPeriod(latestDay, today);
  const notes = (f.ignored ?? []).map((p) => `${p} is not a date as YYYY-MM-DD and was ignored`);
  let from = f.from;
  let to = f.to;
  if (!from && !to) ({ from, to } = def);
  else if (from && !to) to = from.localeCompare(def.to) > 0 ? from : def.to;
  else if (!from && to) from = addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from! > to!) {
    [from, to] = [to, from];
    notes.push('from was after to: the two were swapped');
  }
  if (daysInclusive(from!, to!) > MAX_PERIOD_DAYS) {
    // Too long a range ("everything": 2000 to 2100) is clipped toward the data, not toward empty future years: it ends
    // at the last day anything can have (the latest data or today, whichever is later), then keeps MAX_PERIOD_DAYS.
    const last = latestDay && latestDay > today ? latestDay : today;
    if (to! > last && from! <= last) to = last;
    if (daysInclusive(from!, to!) > MAX_PERIOD_DAYS) from = addDays(to!, -(MAX_PERIOD_DAYS - 1));
    notes.push(`the period was longer than ${MAX_PERIOD_DAYS.toLocaleString('en-US')} days (about five years) and was shortened`);
  }
  return {
    from: from!,
    to: to!,
    vendor: f.vendor,
    team: f.team,
    workflow: f.workflow,
    isDefaultPeriod: !f.from && !f.to,
    ...(notes.length ? { notes } : {}),
  };
}

/** A stable string for Suspense keys: changes whenever any effective filter changes. */
export function filtersKey(f: ResolvedFilters): string {
  return [f.from, f.to, f.vendor ?? '', f.team ?? '', f.workflow ?? ''].join('|');
}

/** URL query for the given filters; empty values are left out (the URL stays short). */
export function filtersToQuery(f: Partial<Record<FilterKey, string | undefined>>): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k]?.trim();
    if (v) p.set(k, v);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** True when the filter narrows usage by a dimension invoices do not carry (cost_lines has no team/workflow). */
export function narrowsBeyondInvoices(f: ResolvedFilters): boolean {
  return Boolean(f.team || f.workflow);
}
