'use client';

/**
 * Cumulative spend of a month: actual up to the as-of day (solid), the expected path after it (dashed)
 * inside its prediction band, and, when replaying an earlier as-of day, the actual spend that followed
 * (thin). Props only; exact decimal strings become numbers here for geometry, and the tooltip shows
 * the exact amounts, formatted.
 */
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ForecastPathPoint } from '@/lib/analysis/forecast-path';
import { formatDay, formatDayShort, formatUsd, formatUsdCompact } from '@/lib/format';
import { toChartNumber } from '@/lib/money';
import { AXIS_TICK, GRID_STROKE } from './chart-theme';

const num = (v: string | null) => (v === null ? null : toChartNumber(v));

export function ForecastChart({ points, asOf, label }: { points: ForecastPathPoint[]; asOf: string; label: string }) {
  const data = points.map((p) => ({
    day: p.day,
    actual: p.day <= asOf ? num(p.actualUsd) : null,
    after: p.day >= asOf ? num(p.actualUsd) : null,
    expected: num(p.expectedUsd),
    band: p.lowUsd !== null && p.highUsd !== null && p.day >= asOf ? [toChartNumber(p.lowUsd), toChartNumber(p.highUsd)] : null,
  }));
  const exact = new Map(points.map((p) => [p.day, p]));
  const last = points[points.length - 1];
  const hasAfter = points.some((p) => p.day > asOf && p.actualUsd !== null);
  return (
    <figure style={{ margin: 0 }}>
      <div
        className="chart-box"
        role="img"
        aria-label={`Cumulative list-price spend of ${label}: actual to ${asOf}, then the forecast to ${last?.day} with its 95% band`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={GRID_STROKE} />
            <XAxis dataKey="day" tickFormatter={formatDayShort} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={24} />
            <YAxis tickFormatter={formatUsdCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={60} />
            <Tooltip content={(p) => <PointTooltip active={p.active} label={p.label} exact={exact} asOf={asOf} />} />
            <Area dataKey="band" stroke="none" fill="var(--chart-1)" fillOpacity={0.14} isAnimationActive={false} connectNulls={false} />
            <Line dataKey="expected" stroke="var(--chart-1)" strokeDasharray="6 4" strokeWidth={2} dot={false} isAnimationActive={false} />
            {hasAfter ? (
              <Line
                dataKey="after"
                stroke="var(--text-faint)"
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ) : null}
            <Line dataKey="actual" stroke="var(--text)" strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls={false} />
            <ReferenceLine
              x={asOf}
              stroke="var(--border-strong)"
              label={{ value: 'as of', position: 'insideTopLeft', fontSize: 11, fill: 'var(--text-muted)' }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        <ul className="legend" aria-label="Series">
          <li>
            <span className="swatch" style={{ background: 'var(--text)' }} aria-hidden="true" />
            Actual to {formatDay(asOf)}
          </li>
          <li>
            <span className="swatch" style={{ background: 'var(--chart-1)' }} aria-hidden="true" />
            Forecast, month end {formatUsd(last?.expectedUsd ?? last?.actualUsd)}
          </li>
          <li>
            <span className="swatch" style={{ background: 'var(--chart-1)', opacity: 0.25 }} aria-hidden="true" />
            95% band {last?.lowUsd ? `${formatUsd(last.lowUsd)} – ${formatUsd(last.highUsd)}` : '(none)'}
          </li>
          {hasAfter ? (
            <li>
              <span className="swatch" style={{ background: 'var(--text-faint)' }} aria-hidden="true" />
              What actually followed {formatUsd([...points].reverse().find((p) => p.actualUsd !== null)?.actualUsd)}
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}

function PointTooltip(props: { active?: boolean; label?: string | number; exact: Map<string, ForecastPathPoint>; asOf: string }) {
  const { active, label, exact, asOf } = props;
  if (!active || typeof label !== 'string') return null;
  const p = exact.get(label);
  if (!p) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatDay(label)}</strong>
      <ul>
        {p.actualUsd !== null ? <li>Actual: {formatUsd(p.actualUsd)}</li> : null}
        {p.expectedUsd !== null && label > asOf ? <li>Forecast: {formatUsd(p.expectedUsd)}</li> : null}
        {p.lowUsd !== null && label > asOf ? (
          <li>
            95%: {formatUsd(p.lowUsd)} – {formatUsd(p.highUsd)}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
