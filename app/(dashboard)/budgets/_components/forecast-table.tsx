/** One forecast row per team or workflow (server-rendered), each linking to its chart. */
import Link from 'next/link';
import { formatDay, formatUsd } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import type { MonthContext, ScopeForecast } from './budget-data';
import { type ChartScope, chartHref, scopeName } from './forecast-section';

export function ForecastTable(props: {
  rows: ScopeForecast[];
  kind: 'team' | 'workflow';
  ctx: MonthContext;
  replay: boolean;
  current: ChartScope;
}) {
  const { rows, kind, ctx, replay, current } = props;
  if (rows.length === 0) return <p className="muted">No {kind} spent anything in this month or two weeks before it.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={`Forecast by ${kind}`} className="table-nowrap fin-table">
        <thead>
          <tr>
            <th scope="col">{kind === 'team' ? 'Team' : 'Workflow'}</th>
            <th scope="col" className="right">
              Month to date <MoneyKind kind="list" />
            </th>
            <th scope="col" className="right">
              Daily mean (14 d)
            </th>
            <th scope="col" className="right">
              Month-end forecast
            </th>
            <th scope="col" className="right">
              95% interval
            </th>
            {replay ? (
              <th scope="col" className="right">
                Actual to {formatDay(ctx.lastKnown)}
              </th>
            ) : null}
            <th scope="col">Chart</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const scope: ChartScope = { scope: kind, key: r.key };
            const on = current.scope === kind && current.key === r.key;
            const f = r.forecast;
            return (
              <tr key={r.key ?? ''} className={r.key === null ? 'unallocated-row' : undefined}>
                <th scope="row">{scopeName(scope)}</th>
                <td className="right">{formatUsd(f.monthToDateUsd)}</td>
                <td className="right">{formatUsd(f.dailyMeanUsd)}</td>
                <td className="right">
                  <strong>{formatUsd(f.forecastUsd)}</strong>
                </td>
                <td className="right">
                  {f.daysRemaining === 0 ? (
                    <span className="faint">month complete</span>
                  ) : f.lowUsd === null ? (
                    '—'
                  ) : (
                    `${formatUsd(f.lowUsd)} – ${formatUsd(f.highUsd)}`
                  )}
                </td>
                {replay ? <td className="right">{formatUsd(r.actualToLastKnownUsd)}</td> : null}
                <td>
                  {on ? (
                    <span className="faint">shown above</span>
                  ) : (
                    <Link href={chartHref(ctx, scope, replay)} prefetch={false} aria-label={`Chart the forecast of ${scopeName(scope)}`}>
                      Chart
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
