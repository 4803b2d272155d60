/**
 * Month-end spend forecast with a prediction interval. Pure; money in exact decimals.
 *
 * Method (plain and documented, so a finance reader can redo it by hand):
 *  - month-to-date (MTD) = exact sum of daily spend from the 1st to `asOf` inclusive;
 *  - the daily rate = the mean x̄ of the last n days ending at `asOf` (default n = 14, the window may
 *    reach into the previous month; days with no usage count as 0, because no usage is no spend);
 *  - forecast = MTD + k · x̄, where k = days left in the month after `asOf`;
 *  - interval: treating the k remaining days as independent draws with the window's mean and sample
 *    standard deviation s, the prediction interval for their sum is
 *        k · x̄ ± t(1 − α/2, n − 1) · s · √(k + k² / n)
 *    (k·σ² for the days themselves, k²·σ²/n for the uncertainty of x̄); the low end is clipped at MTD,
 *    since spend already incurred does not come back. With n < 2 there is no interval (null).
 * Weekly seasonality is not modelled: a 14-day window holds two of each weekday, which keeps the mean
 * unbiased; the interval is widened by the weekday swing, which is honest about it.
 * Amounts out: forecast and bounds rounded half-up to the cent; mean and s to 10 decimals.
 */
import { ExactDecimal } from '../money';
import { daysInMonth, monthPeriod } from '../months';
import { studentTQuantile } from './student-t';
import { addDays, daysInclusive } from './timeseries';

export interface DailyAmount {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** Exact decimal string; null counts as no spend (a day with no priced usage). */
  amountUsd: string | null;
}

export interface ForecastOptions {
  /** "YYYY-MM". */
  month: string;
  /** Last complete day with data, inside the month. */
  asOf: string;
  /** Days in the rate window (default 14). */
  windowDays?: number;
  /** Two-sided coverage of the interval (default 0.95). */
  confidence?: number;
}

export interface MonthForecast {
  month: string;
  asOf: string;
  daysInMonth: number;
  daysElapsed: number;
  daysRemaining: number;
  monthToDateUsd: string;
  windowDays: number;
  dailyMeanUsd: string;
  dailyStdDevUsd: string | null;
  forecastUsd: string;
  /** Prediction interval for the month's total; null when the window has fewer than 2 days. */
  lowUsd: string | null;
  highUsd: string | null;
  confidence: number;
  method: string;
}

export const FORECAST_METHOD =
  'month-to-date + days left × mean daily spend of the last n days; interval k·mean ± t(n−1)·s·√(k + k²/n), low end clipped at month-to-date';

const cents = (d: InstanceType<typeof ExactDecimal>) => d.toDecimalPlaces(2, ExactDecimal.ROUND_HALF_UP).toFixed(2);

export function forecastMonth(series: readonly DailyAmount[], opts: ForecastOptions): MonthForecast {
  const { from, to } = monthPeriod(opts.month);
  if (opts.asOf < from || opts.asOf > to) throw new RangeError(`asOf ${opts.asOf} is outside ${opts.month}`);
  const n = Math.max(1, Math.trunc(opts.windowDays ?? 14));
  const confidence = opts.confidence ?? 0.95;
  const byDay = new Map<string, InstanceType<typeof ExactDecimal>>();
  for (const r of series) byDay.set(r.day, (byDay.get(r.day) ?? new ExactDecimal(0)).plus(r.amountUsd ?? 0));
  const at = (day: string) => byDay.get(day) ?? new ExactDecimal(0);

  let mtd = new ExactDecimal(0);
  for (let d = from; d <= opts.asOf; d = addDays(d, 1)) mtd = mtd.plus(at(d));
  const window = Array.from({ length: n }, (_, i) => at(addDays(opts.asOf, -i)));
  const mean = window.reduce((a, x) => a.plus(x), new ExactDecimal(0)).dividedBy(n);
  const k = daysInclusive(opts.asOf, to) - 1;
  const forecast = mtd.plus(mean.times(k));

  let sd: InstanceType<typeof ExactDecimal> | null = null;
  let low: string | null = null;
  let high: string | null = null;
  if (n >= 2) {
    sd = window
      .reduce((a, x) => a.plus(x.minus(mean).pow(2)), new ExactDecimal(0))
      .dividedBy(n - 1)
      .sqrt();
    const t = new ExactDecimal(studentTQuantile(1 - (1 - confidence) / 2, n - 1));
    const half = t.times(sd).times(new ExactDecimal(k).plus(new ExactDecimal(k * k).dividedBy(n)).sqrt());
    low = cents(ExactDecimal.max(mtd, forecast.minus(half)));
    high = cents(forecast.plus(half));
  }
  return {
    month: opts.month,
    asOf: opts.asOf,
    daysInMonth: daysInMonth(opts.month),
    daysElapsed: daysInclusive(from, opts.asOf),
    daysRemaining: k,
    monthToDateUsd: mtd.toFixed(),
    windowDays: n,
    dailyMeanUsd: mean.toDecimalPlaces(10, ExactDecimal.ROUND_HALF_UP).toFixed(),
    dailyStdDevUsd: sd ? sd.toDecimalPlaces(10, ExactDecimal.ROUND_HALF_UP).toFixed() : null,
    forecastUsd: cents(forecast),
    lowUsd: low,
    highUsd: high,
    confidence,
    method: FORECAST_METHOD,
  };
}
