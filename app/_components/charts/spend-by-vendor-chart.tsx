'use client';

/**
 * Daily spend stacked by vendor. Props only: the server gap-fills the days (lib/analysis/timeseries)
 * and passes exact decimal strings; they become numbers here for bar heights only. The tooltip and
 * the legend show the exact amounts, formatted.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Granularity } from '@/lib/analysis/timeseries';
import { formatDay, formatDayShort, formatMonth, formatUsd, formatUsdCompact } from '@/lib/format';
import { sumUsd, toChartNumber } from '@/lib/money';
import { AXIS_TICK, GRID_STROKE, seriesColor } from './chart-theme';

export interface SpendByVendorChartProps {
  /** Vendors, largest first. */
  series: string[];
  /** Exact total per vendor over the period. */
  totals: Record<string, string>;
  /** One point per day, week or month (its first day); values are exact decimal strings per vendor. */
  points: { day: string; values: Record<string, string> }[];
  granularity: Granularity;
  /** What the amounts are, e.g. "List-price spend". */
  kindLabel: string;
  /** What the series are (accessible names): "vendor" unless told. */
  seriesKind?: string;
}

export function SpendByVendorChart({ series, totals, points, granularity, kindLabel, seriesKind = 'vendor' }: SpendByVendorChartProps) {
  // Series are keyed s0, s1, … because recharts reads dots in a dataKey as a path.
  const data = points.map((p) => {
    const row: Record<string, string | number> = { day: p.day };
    series.forEach((s, i) => {
      row[`s${i}`] = toChartNumber(p.values[s]);
    });
    return row;
  });
  const exact = new Map(points.map((p) => [p.day, p.values]));

  return (
    <figure style={{ margin: 0 }}>
      <div className="chart-box" role="img" aria-label={`${kindLabel} per ${granularity}, stacked by ${seriesKind}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={GRID_STROKE} />
            <XAxis
              dataKey="day"
              tickFormatter={granularity === 'month' ? formatMonth : formatDayShort}
              tick={AXIS_TICK}
              tickLine={false}
              axisLine={false}
              minTickGap={24}
            />
            <YAxis tickFormatter={formatUsdCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} />
            <Tooltip
              content={(p) => <DayTooltip active={p.active} label={p.label} series={series} exact={exact} granularity={granularity} />}
              cursor={{ fill: 'var(--surface-muted)' }}
            />
            {series.map((s, i) => (
              <Bar key={s} dataKey={`s${i}`} name={s} stackId="spend" fill={seriesColor(i)} maxBarSize={28} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="legend" aria-label={`Total per ${seriesKind}`}>
          {series.map((s, i) => (
            <li key={s}>
              <span className="swatch" style={{ background: seriesColor(i) }} aria-hidden="true" />
              {s} <span className="num muted">{formatUsd(totals[s])}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function DayTooltip(props: {
  active?: boolean;
  label?: string | number;
  series: string[];
  exact: Map<string, Record<string, string>>;
  granularity: Granularity;
}) {
  const { active, label, series, exact, granularity } = props;
  if (!active || typeof label !== 'string') return null;
  const values = exact.get(label) ?? {};
  return (
    <div className="chart-tooltip">
      <strong>
        {granularity === 'month' ? formatMonth(label) : granularity === 'week' ? `Week of ${formatDay(label)}` : formatDay(label)}
      </strong>{' '}
      · {formatUsd(sumUsd(Object.values(values)) ?? '0')}
      <ul>
        {series.map((s, i) =>
          values[s] && values[s] !== '0' ? (
            <li key={s}>
              <span className="swatch" style={{ background: seriesColor(i) }} /> {s}: {formatUsd(values[s])}
            </li>
          ) : null,
        )}
      </ul>
    </div>
  );
}
