/** The 90-day window and the rhythms every generator shares (weekday/weekend, business hours, growth). */
import { DEMO_PLAN } from './plan';
import type { Rng } from './rng';

export const DAY_MS = 86_400_000;
export const WINDOW_DAYS = DEMO_PLAN.windowDays;

export interface Window {
  /** Inclusive start (UTC midnight). */
  start: number;
  /** Exclusive end (UTC midnight). */
  end: number;
  days: number;
}

export function makeWindow(end: Date): Window {
  const e = end.getTime();
  if (!Number.isFinite(e)) throw new RangeError('demo end must be a valid date');
  if (e % DAY_MS !== 0) throw new RangeError(`demo end must be a UTC midnight, got ${end.toISOString()}`);
  return { start: e - WINDOW_DAYS * DAY_MS, end: e, days: WINDOW_DAYS };
}

export function dayStart(w: Window, day: number): number {
  return w.start + day * DAY_MS;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(w: Window, day: number): number {
  return new Date(dayStart(w, day)).getUTCDay();
}

export function isWeekend(w: Window, day: number): boolean {
  const d = weekday(w, day);
  return d === 0 || d === 6;
}

/** Organisation-wide adoption grows linearly across the window (DEMO_PLAN.growth: 0.8x -> 1.25x). */
export function growth(day: number): number {
  const { first, last } = DEMO_PLAN.growth;
  return first + ((last - first) * day) / (WINDOW_DAYS - 1);
}

/** Relative request rate by UTC hour for office workloads (Europe + US East overlap). */
export const OFFICE_HOURS: readonly number[] = [
  0.12, 0.1, 0.1, 0.1, 0.12, 0.18, 0.3, 0.55, 0.9, 1, 1, 1, 0.85, 1, 1, 1, 0.95, 0.8, 0.6, 0.45, 0.35, 0.25, 0.18, 0.14,
];

/** Incidents and customer tickets arrive around the clock, still busier by day. */
export const ROUND_THE_CLOCK: readonly number[] = [
  0.45, 0.4, 0.4, 0.4, 0.42, 0.5, 0.6, 0.75, 0.9, 1, 1, 1, 0.95, 1, 1, 1, 0.95, 0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.48,
];

/** A time within the given day: hour by profile, then uniform minute/second/millisecond. */
export function timeInDay(rng: Rng, w: Window, day: number, hours: readonly number[]): number {
  const h = rng.weighted(hours);
  return dayStart(w, day) + h * 3_600_000 + Math.floor(rng.float() * 3_600_000);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** RFC 3339 without milliseconds, as the Anthropic Admin API prints bucket bounds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** "2026-09" for the UTC month containing ms. */
export function monthKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Month keys touched by the window, in order. */
export function windowMonths(w: Window): string[] {
  const out: string[] = [];
  for (let d = 0; d < w.days; d++) {
    const m = monthKey(dayStart(w, d));
    if (out[out.length - 1] !== m) out.push(m);
  }
  return out;
}

/** Days of the window that fall in the given month. */
export function daysInMonth(w: Window, month: string): number[] {
  const out: number[] = [];
  for (let d = 0; d < w.days; d++) if (monthKey(dayStart(w, d)) === month) out.push(d);
  return out;
}
