/** Calendar months as "YYYY-MM" and their UTC day ranges. Pure. */
import { addDays } from './analysis/timeseries';

export function isValidMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
}

/** The first and last UTC day of a month, inclusive. */
export function monthPeriod(month: string): { from: string; to: string } {
  if (!isValidMonth(month)) throw new RangeError(`expected a month as YYYY-MM, got "${month}"`);
  return { from: `${month}-01`, to: addDays(`${nextMonth(month)}-01`, -1) };
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  return Number(monthPeriod(month).to.slice(8, 10));
}

/** The month a day falls in. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The month when from..to is exactly one calendar month, else null. */
export function exactMonth(from: string, to: string): string | null {
  const m = monthOf(from);
  const p = monthPeriod(m);
  return p.from === from && p.to === to ? m : null;
}
