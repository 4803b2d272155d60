/**
 * Small helpers for hand-built SQL over Connection.query(): numbered parameters and the filter
 * fragments the finance queries share. Only whitelisted column names are ever interpolated; every
 * value goes through a parameter.
 */

/** Collects parameter values and hands out their $n placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `column IN (...)`, with null in the list meaning "or column IS NULL". An empty list matches
 * nothing (a filter that admits no value), never everything.
 */
export function inList(column: string, values: readonly (string | null)[], p: Params): string {
  const known = values.filter((v): v is string => v !== null);
  const parts: string[] = [];
  if (known.length) parts.push(`${column} IN (${known.map((v) => p.add(v)).join(', ')})`);
  if (known.length !== values.length) parts.push(`${column} IS NULL`);
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/** A case-insensitive substring pattern for ILIKE ... ESCAPE '\', with % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** usage_events rows whose occurred_at falls on the UTC days from..to (inclusive), index-friendly. */
export function eventDayRange(from: string, to: string, p: Params, column = 'occurred_at'): string {
  return `${column} >= (${p.add(from)}::date)::timestamp AT TIME ZONE 'UTC' AND ${column} < (${p.add(to)}::date + 1)::timestamp AT TIME ZONE 'UTC'`;
}

/** A numeric aggregate as exact decimal text with trailing zeros trimmed; NULL stays NULL. */
export const moneyText = (agg: string) => `trim_scale(${agg})::text`;

/** A count from either driver (postgres.js returns bigint/numeric as text, PGlite as number). */
export const toCount = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const toCountOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const toText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
