/** Argument parsers shared by the CLI's commands (commander calls them; they throw InvalidArgumentError). */
import { InvalidArgumentError } from 'commander';
import { parseUtcOffset } from '../lib/ingest/fields';
import { getSource } from '../lib/ingest/registry';
import type { SourceId } from '../lib/ingest/types';

/**
 * A calendar day, YYYY-MM-DD. Round-tripped through Date: Date.parse rolls 2026-02-30 over to March 2 instead of
 * failing, and the database would then reject it with its own message.
 */
export function parseDay(v: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== v)
    throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD (e.g. 2026-02-28)');
  return v;
}

/** --from after --to is a mistake, not an empty period: say so instead of printing zeros. */
export function checkDayRange(o: { from?: string; to?: string }): void {
  if (o.from && o.to && o.from > o.to) throw new Error(`--from ${o.from} is after --to ${o.to}`);
}
export function parseInstant(v: string): Date {
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || v.length === 10 ? v : `${v}Z`);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO-8601 time, e.g. 2026-01-31T12:00:00Z');
  return d;
}
export function parseOffset(v: string): string {
  const o = parseUtcOffset(v);
  if (!o) throw new InvalidArgumentError('expected UTC or a fixed offset such as +02:00 or -0530');
  return o;
}
export function parseDecimal(v: string): string {
  if (!/^\d+(\.\d+)?$/.test(v)) throw new InvalidArgumentError('expected a non-negative decimal, e.g. 2.50');
  return v;
}
export function parseSource(v: string): SourceId {
  if (v === 'mapped_csv') throw new InvalidArgumentError('mapped_csv reads CSV through a column mapping: give --mapping map.yaml instead');
  try {
    return getSource(v).id;
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function parseMonth(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('expected a month as YYYY-MM');
  return v;
}
export function parseFormat(v: string): 'csv' | 'xlsx' | 'pdf' | 'focus' {
  if (v !== 'csv' && v !== 'xlsx' && v !== 'pdf' && v !== 'focus') throw new InvalidArgumentError('expected csv, xlsx, pdf or focus');
  return v;
}
export const collect = (v: string, prev: string[] = []) => [...prev, v];

/** On the embedded database a second process waits this long for the owner before giving up. */
export const LOCK_WAIT_MS = 120_000;
