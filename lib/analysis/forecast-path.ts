/**
 * The month's cumulative spend day by day for the forecast chart: actual up to the last known day, and
 * after the forecast's "as of" day the expected path with its prediction band, by the same method as
 * forecastMonth (lib/analysis/forecast.ts) applied to j days ahead instead of the month's k:
 *     expected(j) = MTD + j · mean,   half(j) = t(1 − α/2, n − 1) · s · √(j + j² / n),   low clipped at MTD.
 * The last day carries the forecast's own figures, so the chart ends exactly on the numbers the page
 * states. Pure; amounts are exact decimal strings rounded to the cent (the chart turns them into numbers).
 */
import { ExactDecimal } from '../money';
import { monthPeriod } from '../months';
import type { DailyAmount, MonthForecast } from './forecast';
import { studentTQuantile } from './student-t';
import { addDays, daysInclusive } from './timeseries';

export interface ForecastPathPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Cumulative actual spend since the 1st; null after the last day with data. */
  actualUsd: string | null;
  /** Expected cumulative spend; null before the as-of day (equal to the actual on it). */
  expectedUsd: string | null;
  /** Prediction band; null before the as-of day, and when the forecast has no interval. */
  lowUsd: string | null;
  highUsd: string | null;
}

const cents = (d: InstanceType<typeof ExactDecimal>) => d.toDecimalPlaces(2, ExactDecimal.ROUND_HALF_UP).toFixed(2);

/** `lastKnownDay`: the latest day with data (after asOf when replaying an earlier forecast). */
export function forecastPath(series: readonly DailyAmount[], f: MonthForecast, lastKnownDay: string): ForecastPathPoint[] {
  const { from, to } = monthPeriod(f.month);
  const byDay = new Map<string, InstanceType<typeof ExactDecimal>>();
  for (const r of series) byDay.set(r.day, (byDay.get(r.day) ?? new ExactDecimal(0)).plus(r.amountUsd ?? 0));
  const mtd = new ExactDecimal(f.monthToDateUsd);
  const mean = new ExactDecimal(f.dailyMeanUsd);
  const sd = f.dailyStdDevUsd === null ? null : new ExactDecimal(f.dailyStdDevUsd);
  const t = sd ? new ExactDecimal(studentTQuantile(1 - (1 - f.confidence) / 2, f.windowDays - 1)) : null;

  const out: ForecastPathPoint[] = [];
  let cumulative = new ExactDecimal(0);
  for (let d = from; d <= to; d = addDays(d, 1)) {
    cumulative = cumulative.plus(byDay.get(d) ?? 0);
    const actualUsd = d <= lastKnownDay ? cents(cumulative) : null;
    if (d < f.asOf) {
      out.push({ day: d, actualUsd, expectedUsd: null, lowUsd: null, highUsd: null });
      continue;
    }
    const j = daysInclusive(f.asOf, d) - 1;
    const expected = mtd.plus(mean.times(j));
    let lowUsd: string | null = null;
    let highUsd: string | null = null;
    if (sd && t) {
      const half = t.times(sd).times(new ExactDecimal(j).plus(new ExactDecimal(j * j).dividedBy(f.windowDays)).sqrt());
      lowUsd = cents(ExactDecimal.max(mtd, expected.minus(half)));
      highUsd = cents(expected.plus(half));
    }
    out.push({ day: d, actualUsd, expectedUsd: cents(expected), lowUsd, highUsd });
  }
  const last = out[out.length - 1];
  if (last && last.day > f.asOf) Object.assign(last, { expectedUsd: f.forecastUsd, lowUsd: f.lowUsd, highUsd: f.highUsd });
  return out;
}
