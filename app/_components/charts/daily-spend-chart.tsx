'use client';

/** Daily spend bars of one scope, flagged days (anomalies) in red. Props only; amounts are exact strings. */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay, formatDayShort, formatUsd, formatUsdCompact } from '@/lib/format';
import { toChartNumber } from '@/lib/money';
import { AXIS_TICK, GRID_STROKE } from './chart-theme';

export interface DailySpendBar {
  day: string;
  /** Exact decimal string; null = after the last day with data. */
  amountUsd: string | null;
  flagged: boolean;
}

export function DailySpendChart({ days, label }: { days: DailySpendBar[]; label: string }) {
  const data = days.map((d) => ({ day: d.day, v: d.amountUsd === null ? null : toChartNumber(d.amountUsd) }));
  const exact = new Map(days.map((d) => [d.day, d]));
  const flagged = days.filter((d) => d.flagged).length;
  return (
    <div
      className="chart-box chart-box-short"
      role="img"
      aria-label={`Daily list-price spend of ${label}${flagged ? `, ${flagged} anomalous day${flagged > 1 ? 's' : ''} in red` : ''}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="day" tickFormatter={formatDayShort} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis tickFormatter={formatUsdCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={60} />
          <Tooltip
            cursor={{ fill: 'var(--surface-muted)' }}
            content={(p) => {
              const d = typeof p.label === 'string' ? exact.get(p.label) : undefined;
              if (!p.active || !d) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{formatDay(d.day)}</strong> · {d.amountUsd === null ? 'no data yet' : formatUsd(d.amountUsd)}
                  {d.flagged ? <div style={{ color: 'var(--bad)' }}>Anomaly</div> : null}
                </div>
              );
            }}
          />
          <Bar dataKey="v" maxBarSize={18} isAnimationActive={false}>
            {days.map((d) => (
              <Cell key={d.day} fill={d.flagged ? 'var(--bad)' : 'var(--chart-6)'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
