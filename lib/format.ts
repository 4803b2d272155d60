/**
 * Display formatting only: every function returns a string for the screen. Amounts arrive as exact
 * decimal strings and are rounded with decimal.js, never through a float.
 */
import Decimal from 'decimal.js';

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function groupThousands(integerPart: string): string {
  return integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "$1,234.56". Amounts below one cent (but not zero) keep 4 decimals so that tiny test calls do not
 * read as free. null means unknown and renders as an em dash.
 */
export function formatUsd(value: string | null | undefined, opts: { decimals?: number } = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Decimal(value);
  const small = !d.isZero() && d.abs().lessThan('0.01');
  const places = opts.decimals ?? (small ? 4 : 2);
  const fixed = d.abs().toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
  const [int, frac] = fixed.split('.');
  return `${d.isNegative() ? '−' : ''}$${groupThousands(int)}${frac ? `.${frac}` : ''}`;
}

/** "$1.2M", "$45.3k", "$12", "$1.65" for axis ticks (display only; enough decimals to keep ticks distinct). */
export function formatUsdCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `$${Number((value / 1e6).toFixed(2))}M`;
  if (abs >= 1e4) return `$${Number((value / 1e3).toFixed(1))}k`;
  if (abs >= 100 || Number.isInteger(value)) return `$${Number(value.toFixed(0)).toLocaleString('en-US')}`;
  if (abs >= 10) return `$${Number(value.toFixed(1))}`;
  if (abs >= 0.1) return `$${value.toFixed(2)}`;
  return `$${value.toFixed(3).replace(/0$/, '')}`;
}

export function formatInt(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return intFormat.format(value);
}

/** 1,862 / 12.4k / 3.1M / 2.0B tokens. */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (abs < 10_000) return intFormat.format(value);
  if (abs < 1e6) return `${(value / 1e3).toFixed(1)}k`;
  if (abs < 1e9) return `${(value / 1e6).toFixed(1)}M`;
  return `${(value / 1e9).toFixed(1)}B`;
}

/** A 0..1 share as "12.3%". */
export function formatShare(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A percentage change (already in %) as "+12.3%" / "−4.0%"; null renders as "n/a". */
export function formatDelta(pct: number | null | undefined): string {
  if (pct === null || pct === undefined) return 'n/a';
  if (Math.abs(pct) < 0.05) return '0.0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "2026-11-26 01:52 UTC" from an ISO timestamp. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 26" from "2026-11-26" (calendar day, no time zone shift). */
export function formatDayShort(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
}

/** "Nov 2026" from "2026-11-01". */
export function formatMonth(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** "Nov 26, 2026" from "2026-11-26". */
export function formatDay(day: string): string {
  return `${formatDayShort(day)}, ${day.slice(0, 4)}`;
}
