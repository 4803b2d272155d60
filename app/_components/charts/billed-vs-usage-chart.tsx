'use client';

/**
 * Billed against usage-at-list per vendor, side by side. Props carry exact decimal strings; they become
 * numbers here for bar lengths only, and the tooltip shows the exact amounts formatted.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd, formatUsdCompact } from '@/lib/format';
import { toChartNumber } from '@/lib/money';
import { AXIS_TICK, GRID_STROKE, seriesColor } from './chart-theme';

export interface BilledVsUsagePoint {
  label: string;
  billedUsd: string | null;
  usageListUsd: string | null;
}

export function BilledVsUsageChart({ points }: { points: BilledVsUsagePoint[] }) {
  const data = points.map((p) => ({ label: p.label, billed: toChartNumber(p.billedUsd), usage: toChartNumber(p.usageListUsd) }));
  const exact = new Map(points.map((p) => [p.label, p]));
  return (
    <div
      className="chart-box"
      role="img"
      aria-label={`Billed against usage at list price: ${points
        .map((p) => `${p.label} billed ${formatUsd(p.billedUsd)}, usage ${formatUsd(p.usageListUsd)}`)
        .join('; ')}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} interval={0} />
          <YAxis tickFormatter={formatUsdCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} />
          <Tooltip
            cursor={{ fill: 'var(--surface-muted)' }}
            content={(t) => {
              const p = t.active && typeof t.label === 'string' ? exact.get(t.label) : undefined;
              if (!p) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{p.label}</strong>
                  <div>Billed: {formatUsd(p.billedUsd)}</div>
                  <div>Usage at list: {formatUsd(p.usageListUsd)}</div>
                </div>
              );
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="billed" name="Billed" fill={seriesColor(0)} maxBarSize={28} isAnimationActive={false} />
          <Bar dataKey="usage" name="Usage at list price" fill={seriesColor(1)} maxBarSize={28} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
