'use client';

/**
 * Success rate per length bin with its Wilson 95% interval drawn as an error bar, the request
 * count per bin as faint bars behind (right axis), and optional reference lines at the knee and
 * at the recommended cap. Props only; the server computes bins, rates and intervals.
 */
import { Bar, CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatInt, formatShare } from '@/lib/format';
import { AXIS_TICK, GRID_STROKE } from './chart-theme';

export interface RateBin {
  /** Axis label, e.g. "1k–2k". */
  label: string;
  /** Requests with an outcome in the bin. */
  n: number;
  successes: number;
  /** 0..1; null when n = 0. */
  rate: number | null;
  /** Wilson 95% interval, 0..1. */
  low: number | null;
  high: number | null;
}

export interface BinnedRateChartProps {
  bins: RateBin[];
  ariaLabel: string;
  /** What is binned, for the axis title: "Reasoning tokens per request". */
  xTitle: string;
  /** Label of the bin where the plateau starts. */
  kneeLabel?: string | null;
  /** Label of the bin holding the recommended cap. */
  capLabel?: string | null;
  color?: string;
}

export function BinnedRateChart({ bins, ariaLabel, xTitle, kneeLabel, capLabel, color = 'var(--chart-1)' }: BinnedRateChartProps) {
  const data = bins.map((b) => ({
    ...b,
    // Error bar as [down, up] distances from the rate.
    err: b.rate === null || b.low === null || b.high === null ? [0, 0] : [b.rate - b.low, b.high - b.rate],
  }));
  return (
    <div className="chart-box" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 16, right: 8, bottom: 18, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="label"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            interval={0}
            label={{ value: xTitle, position: 'insideBottom', offset: -12, ...AXIS_TICK }}
          />
          <YAxis
            yAxisId="rate"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => formatShare(v, 0)}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={44}
          />
          <YAxis
            yAxisId="n"
            orientation="right"
            tickFormatter={formatCompact}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            width={44}
          />
          <Bar yAxisId="n" dataKey="n" fill="var(--surface-muted)" stroke="var(--border)" isAnimationActive={false} />
          {kneeLabel ? (
            <ReferenceLine
              yAxisId="rate"
              x={kneeLabel}
              stroke="var(--ok)"
              strokeDasharray="4 3"
              label={{ value: 'knee', position: 'top', fill: 'var(--ok)', fontSize: 11 }}
            />
          ) : null}
          {capLabel && capLabel !== kneeLabel ? (
            <ReferenceLine
              yAxisId="rate"
              x={capLabel}
              stroke="var(--warn)"
              strokeDasharray="4 3"
              label={{ value: 'cap', position: 'top', fill: 'var(--warn)', fontSize: 11 }}
            />
          ) : null}
          <Line
            yAxisId="rate"
            dataKey="rate"
            stroke={color}
            strokeWidth={2}
            dot={{ r: 4, fill: color }}
            connectNulls={false}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="err" width={6} strokeWidth={1.5} stroke={color} direction="y" isAnimationActive={false} />
          </Line>
          <Tooltip
            cursor={{ fill: 'var(--surface-muted)' }}
            content={(p) => {
              const d = p.active ? (p.payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
              if (!d) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{d.label}</strong>
                  <ul>
                    <li>
                      Success {formatShare(d.rate)} ({formatInt(d.successes)} of {formatInt(d.n)})
                    </li>
                    <li>
                      95% interval {formatShare(d.low)} – {formatShare(d.high)}
                    </li>
                  </ul>
                </div>
              );
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
