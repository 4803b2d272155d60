/** Month-end forecast: the chosen scope's chart (actual to date + forecast band), and one row per team and workflow. */
import Link from 'next/link';
import { DailySpendChart } from '@/app/_components/charts/daily-spend-chart';
import { ForecastChart } from '@/app/_components/charts/forecast-chart';
import type { Connection } from '@/db/client';
import { FORECAST_METHOD } from '@/lib/analysis/forecast';
import { forecastPath } from '@/lib/analysis/forecast-path';
import type { SearchParamsRecord } from '@/lib/filters';
import { financeQuery } from '@/lib/finance-params';
import { formatDay, formatUsd } from '@/lib/format';
import { compareUsd } from '@/lib/money';
import { monthPeriod } from '@/lib/months';
import { FinanceKpi } from '../../_components/finance/kpi';
import { MoneyKind } from '../../_components/overview/money-kind';
import { type ForecastScope, loadAnomalies, loadForecasts, type MonthContext, type ScopeForecast, WINDOW_DAYS } from './budget-data';
import { ForecastTable } from './forecast-table';

export interface ChartScope {
  scope: ForecastScope;
  key: string | null;
}

const firstOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** ?chart=team|workflow&key=<name> (empty key = not set); anything else is the whole organisation. */
export function parseChartScope(sp: SearchParamsRecord): ChartScope {
  const scope = firstOf(sp.chart);
  if (scope !== 'team' && scope !== 'workflow') return { scope: 'total', key: null };
  const key = firstOf(sp.key)?.trim();
  return { scope, key: key ? key.slice(0, 200) : null };
}

export function chartHref(ctx: MonthContext, scope: ChartScope, replay: boolean): string {
  const extra = scope.scope === 'total' ? {} : { chart: scope.scope, key: scope.key ?? '' };
  const q = new URLSearchParams(financeQuery(ctx.month, {}, { asof: replay ? ctx.asOf : undefined }).slice(1));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/budgets?${q.toString()}#forecast`;
}

export const scopeName = (s: ChartScope) =>
  s.scope === 'total' ? 'Whole organisation' : (s.key ?? (s.scope === 'team' ? 'Unallocated (no team)' : 'Unallocated (no workflow)'));

export async function ForecastSection({ conn, ctx, chart }: { conn: Connection; ctx: MonthContext; chart: ChartScope }) {
  const [[total], teams, workflows, anomalies] = await Promise.all([
    loadForecasts(conn, 'total', ctx),
    loadForecasts(conn, 'team', ctx),
    loadForecasts(conn, 'workflow', ctx),
    loadAnomalies(conn, ctx),
  ]);
  const replay = ctx.asOf < ctx.lastKnown;
  const f = total.forecast;
  const pool: ScopeForecast[] = chart.scope === 'team' ? teams : chart.scope === 'workflow' ? workflows : [total];
  const shown = pool.find((s) => s.key === chart.key) ?? total;
  const shownScope: ChartScope = { scope: shown.scope, key: shown.key };
  const { from, to } = monthPeriod(ctx.month);
  const flagged = new Set(shown.scope === 'workflow' ? anomalies.filter((a) => a.workflow === shown.key).map((a) => a.day) : []);
  const daily = new Map(shown.days.map((d) => [d.day, d.amountUsd]));
  const byForecast = (a: ScopeForecast, b: ScopeForecast) => compareUsd(b.forecast.forecastUsd, a.forecast.forecastUsd);
  return (
    <>
      <div className="grid-kpi">
        <FinanceKpi
          id="fc-mtd"
          label={`Month to date, ${formatDay(ctx.asOf)}`}
          badge={<MoneyKind kind="list" />}
          value={formatUsd(f.monthToDateUsd)}
          testId="forecast-mtd"
          exact={f.monthToDateUsd}
        >
          Whole organisation · {f.daysElapsed} of {f.daysInMonth} days
        </FinanceKpi>
        <FinanceKpi
          id="fc-total"
          label="Month-end forecast"
          badge={<MoneyKind kind="list" />}
          value={formatUsd(f.forecastUsd)}
          testId="forecast-total"
          exact={f.forecastUsd}
        >
          {f.daysRemaining === 0
            ? 'The month is complete: forecast = actual'
            : `${f.daysRemaining} days left at ${formatUsd(f.dailyMeanUsd)} a day`}
        </FinanceKpi>
        <FinanceKpi
          id="fc-interval"
          label="95% interval"
          value={f.lowUsd === null ? '—' : `${formatUsd(f.lowUsd)} – ${formatUsd(f.highUsd)}`}
          testId="forecast-interval"
        >
          {f.lowUsd === null
            ? 'Too few days for an interval'
            : `Daily spend varies by ${formatUsd(f.dailyStdDevUsd)} (s, ${WINDOW_DAYS} days)`}
        </FinanceKpi>
        {replay ? (
          <FinanceKpi
            id="fc-actual"
            label={`Actual to ${formatDay(ctx.lastKnown)}`}
            badge={<MoneyKind kind="list" />}
            value={formatUsd(total.actualToLastKnownUsd)}
            testId="forecast-actual"
            exact={total.actualToLastKnownUsd}
          >
            Replaying the forecast as of {formatDay(ctx.asOf)}
          </FinanceKpi>
        ) : null}
      </div>
      <section className="card" aria-labelledby="fc-title" id="forecast">
        <div className="card-head">
          <div>
            <h2 id="fc-title">
              Forecast: {scopeName(shownScope)} <MoneyKind kind="list" />
            </h2>
            <p>
              Cumulative spend since the 1st. Method: {FORECAST_METHOD} (n = {WINDOW_DAYS} days, 95%). Weekly seasonality is not modelled;
              the interval widens with the weekday swing instead.
            </p>
          </div>
          <form method="get" action="/budgets" className="filters" aria-label="Replay the forecast">
            <input type="hidden" name="month" value={ctx.month} />
            {shownScope.scope !== 'total' ? (
              <>
                <input type="hidden" name="chart" value={shownScope.scope} />
                <input type="hidden" name="key" value={shownScope.key ?? ''} />
              </>
            ) : null}
            <div className="field">
              <label htmlFor="fc-asof">As of</label>
              <input id="fc-asof" name="asof" type="date" defaultValue={ctx.asOf} min={from} max={ctx.lastKnown} key={ctx.asOf} />
            </div>
            <button type="submit" className="btn">
              Replay
            </button>
            {replay ? (
              <Link className="btn btn-sm" href={chartHref({ ...ctx, asOf: ctx.lastKnown }, shownScope, false)}>
                Latest
              </Link>
            ) : null}
            {shownScope.scope !== 'total' ? (
              <Link className="btn btn-sm" href={chartHref(ctx, { scope: 'total', key: null }, replay)}>
                Whole organisation
              </Link>
            ) : null}
          </form>
        </div>
        <ForecastChart points={forecastPath(shown.days, shown.forecast, ctx.lastKnown)} asOf={ctx.asOf} label={scopeName(shownScope)} />
        <h3 style={{ marginTop: 16 }}>Daily spend {flagged.size ? '(anomalies in red)' : ''}</h3>
        <DailySpendChart
          days={Array.from({ length: Number(to.slice(8)) }, (_, i) => {
            const day = `${ctx.month}-${String(i + 1).padStart(2, '0')}`;
            return { day, amountUsd: day <= ctx.lastKnown ? (daily.get(day) ?? '0') : null, flagged: flagged.has(day) };
          })}
          label={scopeName(shownScope)}
        />
      </section>
      <section className="card" aria-labelledby="fc-teams">
        <div className="card-head">
          <div>
            <h2 id="fc-teams">Forecast by team</h2>
            <p>Each team by the same method on its own daily spend. Choose one to chart it.</p>
          </div>
        </div>
        <ForecastTable rows={[...teams].sort(byForecast)} kind="team" ctx={ctx} replay={replay} current={shownScope} />
      </section>
      <section className="card" aria-labelledby="fc-workflows">
        <div className="card-head">
          <div>
            <h2 id="fc-workflows">Forecast by workflow</h2>
            <p>Intervals of small workflows are wide: a few days of spend say little about the rest of the month.</p>
          </div>
        </div>
        <ForecastTable rows={[...workflows].sort(byForecast)} kind="workflow" ctx={ctx} replay={replay} current={shownScope} />
      </section>
    </>
  );
}
