import Decimal from 'decimal.js';
import { SpendByVendorChart } from '@/app/_components/charts/spend-by-vendor-chart';
import { CsvButton } from '@/app/_components/data-table/csv-button';
import type { Connection } from '@/db/client';
import { getHiddenReasoningBy } from '@/db/queries/reasoning';
import { getAuditTotals } from '@/db/queries/verification';
import { daysInclusive, granularityFor, rebucket, stackByDay } from '@/lib/analysis/timeseries';
import type { ResolvedFilters } from '@/lib/filters';
import { formatCompact, formatShare, formatUsd } from '@/lib/format';
import { shareOf } from '@/lib/money';
import { HiddenSpendTable } from '../../_components/audit/hidden-spend-table';
import { MoneyKind } from '../../_components/overview/money-kind';
import { flatten, loadHiddenSpend, loadHiddenSpendTotal } from './hidden-spend';

/** Headline figures and the per-model / team / workflow tables (usage_daily rollup only). */
export async function HiddenSpendSection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const [byModel, byWorkflow, byTeam, totals, t] = await Promise.all([
    loadHiddenSpend(conn, filters, 'model'),
    loadHiddenSpend(conn, filters, 'workflow'),
    loadHiddenSpend(conn, filters, 'team'),
    getAuditTotals(conn.db, filters),
    loadHiddenSpendTotal(conn, filters),
  ]);
  return (
    <section className="card" aria-labelledby="hidden-title">
      <div className="card-head">
        <div>
          <h2 id="hidden-title">
            Hidden reasoning spend <MoneyKind kind="list" />
          </h2>
          <p>
            Reasoning tokens are billed as output but nobody reads them. Spend = reasoning tokens × the model&apos;s output price. Measured
            figures come from requests that report their reasoning; estimates cover aggregated billing buckets, using the same model&apos;s
            per-request share, and are never added to the measured ones.
          </p>
        </div>
      </div>
      <div className="stat-row">
        <div className="stat">
          <span className="stat-label">
            <span className="badge badge-measured">Measured</span> hidden spend
          </span>
          <span className="stat-value" data-testid="hidden-measured">
            {formatUsd(t.measuredSpendUsd)}
          </span>
          <span className="stat-sub">{formatShare(shareOf(t.measuredSpendUsd, totals.listCostUsd))} of list-price spend</span>
        </div>
        <div className="stat">
          <span className="stat-label">
            <span className="badge badge-measured">Measured</span> reasoning share
          </span>
          <span className="stat-value">{formatShare(t.measuredShare)}</span>
          <span className="stat-sub">
            {formatCompact(t.measuredReasoningTokens)} reasoning tokens · covers{' '}
            {t.measuredCoveragePct === null ? '—' : `${t.measuredCoveragePct.toFixed(0)}%`} of output tokens
          </span>
        </div>
        <div className="stat stat-estimate">
          <span className="stat-label">
            <span className="badge badge-estimate">Estimated</span> in billing buckets
          </span>
          <span className="stat-value">{t.estimatedCoveragePct ? `≈ ${formatUsd(t.estimatedSpendUsd)}` : '—'}</span>
          <span className="stat-sub">
            {t.estimatedCoveragePct
              ? `≈ ${formatCompact(t.estimatedReasoningTokens)} tokens · covers ${t.estimatedCoveragePct.toFixed(0)}% of output tokens`
              : 'No aggregated buckets with a per-request basis'}
          </span>
        </div>
      </div>
      <div className="stack">
        <div>
          <h3 className="subhead">By model</h3>
          <HiddenSpendTable rows={byModel.map((r) => flatten(r, '(unknown model)'))} dimLabel="Model" label="Hidden reasoning by model" />
        </div>
        <div>
          <h3 className="subhead">By workflow</h3>
          <HiddenSpendTable
            rows={byWorkflow.map((r) => flatten(r, '(no workflow)'))}
            dimLabel="Workflow"
            label="Hidden reasoning by workflow"
          />
        </div>
        <div>
          <h3 className="subhead">By team</h3>
          <HiddenSpendTable rows={byTeam.map((r) => flatten(r, '(no team)'))} dimLabel="Team" label="Hidden reasoning by team" />
        </div>
      </div>
    </section>
  );
}

const MODELS_DRAWN = 7;

/** Measured hidden reasoning spend per day, stacked by model (the top few; the rest as "other"). */
export async function HiddenSpendByDaySection({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const rows = (await getHiddenReasoningBy(conn, filters, 'day'))
    .filter((r) => !r.isBucket && r.key !== null)
    .map((r) => ({ day: r.key as string, model: r.model, reasoningListCostUsd: r.reasoningListCostUsd }));
  const totals = new Map<string, Decimal>();
  for (const r of rows) {
    const m = r.model ?? '(unknown)';
    totals.set(m, (totals.get(m) ?? new Decimal(0)).plus(r.reasoningListCostUsd ?? 0));
  }
  const top = new Set(
    [...totals.entries()]
      .sort((a, b) => b[1].comparedTo(a[1]))
      .slice(0, MODELS_DRAWN)
      .map(([m]) => m),
  );
  const daily = stackByDay(
    rows
      .filter((r) => r.reasoningListCostUsd !== null && r.reasoningListCostUsd !== '0')
      .map((r) => ({
        day: r.day,
        series: top.has(r.model ?? '(unknown)') ? (r.model ?? '(unknown)') : 'other models',
        value: r.reasoningListCostUsd,
      })),
    filters.from,
    filters.to,
  );
  const granularity = granularityFor(daysInclusive(filters.from, filters.to));
  const stacked = rebucket(daily, granularity);
  return (
    <section className="card" aria-labelledby="hidden-day-title">
      <div className="card-head">
        <div>
          <h2 id="hidden-day-title">
            Hidden reasoning spend per {granularity} <MoneyKind kind="list" />
          </h2>
          <p>Measured only (requests that report reasoning), stacked by model.</p>
        </div>
        <CsvButton
          fileName="itemized-hidden-reasoning-by-day.csv"
          headers={['day', 'model', 'hidden_reasoning_list_cost_usd_measured']}
          rows={rows.map((r) => [r.day, r.model, r.reasoningListCostUsd])}
        />
      </div>
      {stacked.series.length === 0 ? (
        <p className="muted">No measured reasoning in this period.</p>
      ) : (
        <SpendByVendorChart
          series={stacked.series}
          totals={stacked.totals}
          points={stacked.points}
          granularity={granularity}
          kindLabel="Hidden reasoning spend"
          seriesKind="model"
        />
      )}
    </section>
  );
}
