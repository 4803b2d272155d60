/**
 * Small readers shared by the source parsers. Each returns a value or records an issue;
 * none throws. "Absent" (undefined/null) becomes null: unknown, never 0.
 */
import DecimalBase from 'decimal.js';

/** 40 significant digits: numeric(20,10) needs 20, and unit conversions (cents, ticks) must not round early. */
const Decimal = DecimalBase.clone({ precision: 40 });

import type { IngestIssue } from './types';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follows a dotted path through nested objects; undefined when any step is missing. */
const splitPaths = new Map<string, string[]>();

export function at(v: unknown, path: string): unknown {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  let cur: unknown = v;
  for (const k of keys) {
    if (!isObj(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Collects issues for one record, stamped with its location. */
export class IssueSink {
  readonly issues: IngestIssue[] = [];
  constructor(private readonly where: Omit<IngestIssue, 'message' | 'field'>) {}
  add(field: string | undefined, message: string): void {
    this.issues.push({ ...this.where, field, message });
  }
  get ok(): boolean {
    return this.issues.length === 0;
  }
}

/** A token count: non-negative integer, given as a number or a numeric string. */
export function tokens(v: unknown, field: string, sink: IssueSink): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || !Number.isInteger(n)) {
    sink.add(field, `expected a whole number of tokens, got ${JSON.stringify(v)}`);
    return null;
  }
  if (n < 0) {
    sink.add(field, `expected a non-negative token count, got ${n}`);
    return null;
  }
  return n;
}

/** Adds known parts; null only when every part is null. */
export function sumKnown(...parts: (number | null)[]): number | null {
  let total: number | null = null;
  for (const p of parts) if (p !== null) total = (total ?? 0) + p;
  return total;
}

/** Decimal exponents beyond this are refused: every JSON number (1e308 .. 5e-324) stays inside. */
const MAX_MONEY_EXPONENT = 400;

/**
 * An exact decimal amount. Strings are taken digit for digit; JSON numbers are converted through
 * their shortest decimal representation (what the vendor wrote), never through arithmetic.
 * `divideBy` converts units exactly (cents -> dollars = 100).
 */
export function money(v: unknown, field: string, sink: IssueSink, divideBy = 1): string | null {
  if (v === undefined || v === null || v === '') return null;
  let text: string;
  if (typeof v === 'number' && Number.isFinite(v)) text = String(v);
  else if (typeof v === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) text = v.trim();
  else {
    sink.add(field, `expected a decimal amount, got ${JSON.stringify(v)}`);
    return null;
  }
  const d = new Decimal(text).div(divideBy);
  // "1e100000000" is a valid decimal whose fixed form is 100 MB (and "1e9999999999999999999" is Infinity):
  // refuse anything beyond what a JSON number can express before spelling it out.
  if (!d.isFinite() || Math.abs(d.e) > MAX_MONEY_EXPONENT) {
    sink.add(field, `expected a decimal amount, got ${JSON.stringify(v)} (out of range)`);
    return null;
  }
  return d.toFixed();
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The number written at s[i, i + n) in decimal digits (the caller has checked they are digits). */
function digits(s: string, i: number, n: number): number {
  let x = 0;
  for (let k = i; k < i + n; k++) x = x * 10 + s.charCodeAt(k) - 48;
  return x;
}

/**
 * new Date(s) for s matching ISO_UTC. When every field is in its everyday range, Date.UTC gives the
 * same instant (day overflow such as Feb 30 rolls over in both) at a fraction of the cost of the date
 * string parser, which is left the rest (years before 100, hour 24, minute or second 60, day past 31).
 */
function isoUtcDate(s: string): Date {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return new Date(s);
  // Fraction: ".1" is 100 ms, ".12" 120 ms, ".123" 123 ms.
  const fraction = s.length - 21; // digits between "." and "Z", 0 when there is no fraction
  const ms = fraction > 0 ? digits(s, 20, fraction) * 10 ** (3 - fraction) : 0;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
}

/**
 * A fixed UTC offset as the timestamps of this codebase write it: 'Z' for UTC, else ±HH:MM. Accepts UTC, Z, ±HH:MM
 * and ±HHMM (|offset| <= 14:00, minutes < 60); null otherwise. Fixed offsets only: a zone with daylight saving time
 * has no single offset.
 */
export function parseUtcOffset(s: string): string | null {
  const t = s.trim();
  if (/^(utc|z|[+-]00:?00)$/i.test(t)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (!m || Number(m[3]) > 59 || Number(m[2]) * 60 + Number(m[3]) > 14 * 60) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}

/**
 * A timestamp: ISO-8601 string or unix seconds. A zone-less string is read at `naiveOffset` (parseUtcOffset's form;
 * default UTC).
 */
export function timestamp(v: unknown, field: string, sink: IssueSink, naiveOffset = 'Z'): Date | null {
  if (v === undefined || v === null || v === '') return null;
  let d: Date | null = null;
  if (typeof v === 'number' && Number.isFinite(v)) d = new Date(v * 1000);
  // The usual form (what toISOString writes) needs none of the rewriting below.
  else if (typeof v === 'string' && ISO_UTC.test(v)) d = isoUtcDate(v);
  else if (typeof v === 'string') {
    const s = v.trim();
    if (/^\d+(\.\d+)?$/.test(s)) d = new Date(Number(s) * 1000);
    else if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(s)) {
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.length > 10;
      const iso = s.replace(' ', 'T');
      d = new Date(hasZone ? iso : iso.length === 10 ? `${iso}T00:00:00${naiveOffset}` : `${iso}${naiveOffset}`);
    }
  }
  if (!d || Number.isNaN(d.getTime())) {
    sink.add(field, `expected an ISO-8601 timestamp or unix seconds, got ${JSON.stringify(v)}`);
    return null;
  }
  return d;
}

export function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function bool(v: unknown, field: string, sink: IssueSink): boolean | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true' || v === 'TRUE' || v === 'True') return true;
  if (v === 0 || v === '0' || v === 'false' || v === 'FALSE' || v === 'False') return false;
  sink.add(field, `expected true/false, got ${JSON.stringify(v)}`);
  return null;
}

/** A score in 0..1 as an exact decimal string. */
export function score(v: unknown, field: string, sink: IssueSink): string | null {
  const s = money(v, field, sink);
  if (s === null) return null;
  const d = new Decimal(s);
  if (d.lt(0) || d.gt(1)) {
    sink.add(field, `expected a score between 0 and 1, got ${s}`);
    return null;
  }
  return s;
}

export function nonNegativeNumber(v: unknown, field: string, sink: IssueSink): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    sink.add(field, `expected a non-negative number, got ${JSON.stringify(v)}`);
    return null;
  }
  return n;
}
