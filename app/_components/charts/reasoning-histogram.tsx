'use client';

/**
 * Distribution of reasoning tokens per request: bars over log-spaced bins (each bin twice or ten
 * times as wide as the one before), so the x axis reads as a log scale. Props only; the server bins.
 */
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCompact, formatInt, formatShare } from '@/lib/format';
import { AXIS_TICK, GRID_STROKE } from './chart-theme';

export interface HistogramBin {
  /** Inclusive lower edge (reasoning tokens). 0 is its own bin ("no reasoning"). */
  lo: number;
  /** Exclusive upper edge; null for the open last bin. */
  hi: number | null;
  /** Requests in the bin. */
  requests: number;
  /** Reasoning tokens in the bin (to show where the tokens, not the requests, sit). */
  reasoningTokens: number;
}

export function binLabel(b: Pick<HistogramBin, 'lo' | 'hi'>): string {
  if (b.lo === 0 && b.hi !== null && b.hi <= 1) return '0';
  if (b.hi === null) return `≥ ${formatCompact(b.lo)}`;
  return `${formatCompact(b.lo)}–${formatCompact(b.hi - 1)}`;
}

/** Axis tick: the bin's lower edge only ("1k"), so log-spaced ticks stay readable. */
const tickLabel = (label: string) => label.split('–')[0];

export function ReasoningHistogram({ bins, ariaLabel }: { bins: HistogramBin[]; ariaLabel: string }) {
  const totalReq = bins.reduce((s, b) => s + b.requests, 0);
  const totalTok = bins.reduce((s, b) => s + b.reasoningTokens, 0);
  const data = bins.map((b) => ({
    label: binLabel(b),
    requests: b.requests,
    reqShare: totalReq ? b.requests / totalReq : 0,
    tokShare: totalTok ? b.reasoningTokens / totalTok : 0,
  }));
  return (
    <div className="chart-box" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 18, left: 0 }} barCategoryGap={2}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="label"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            interval="preserveStartEnd"
            tickFormatter={tickLabel}
            label={{
              value: 'Reasoning tokens per request (log scale, lower edge of each bin)',
              position: 'insideBottom',
              offset: -12,
              ...AXIS_TICK,
            }}
          />
          <YAxis tickFormatter={formatCompact} tick={AXIS_TICK} tickLine={false} axisLine={false} width={52} />
          <Tooltip
            cursor={{ fill: 'var(--surface-muted)' }}
            content={(p) => {
              const d = p.active ? (p.payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
              if (!d) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{d.label} reasoning tokens</strong>
                  <ul>
                    <li>
                      {formatInt(d.requests)} requests ({formatShare(d.reqShare)})
                    </li>
                    <li>{formatShare(d.tokShare)} of all reasoning tokens</li>
                  </ul>
                </div>
              );
            }}
          />
          <Bar dataKey="requests" fill="var(--chart-1)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
