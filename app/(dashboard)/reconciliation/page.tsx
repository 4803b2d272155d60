import type { Metadata } from 'next';
import Link from 'next/link';
import { BilledVsUsageChart } from '@/app/_components/charts/billed-vs-usage-chart';
import { getCloudAiShare } from '@/db/queries/cloud-ai-share';
import { getReconciliation } from '@/db/queries/reconciliation';
import { MATCH_TOLERANCE_PCT, reconciliationTotals } from '@/lib/analysis/reconcile';
import { requirePage } from '@/lib/auth/guard';
import type { SearchParamsRecord } from '@/lib/filters';
import { formatUsd } from '@/lib/format';
import { sumUsd } from '@/lib/money';
import { DatabaseUnavailable } from '../_components/database-unavailable';
import { EmptyState } from '../_components/overview/empty-state';
import { MoneyKind } from '../_components/overview/money-kind';
import { loadPageContext } from '../_components/page-context';
import { PageHeader } from '../_components/page-header';
import { CloudAiShareCard } from './_components/cloud-ai-share-card';
import { ReconciliationTable } from './_components/reconciliation-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Reconciliation' };

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage('/reconciliation');
  const ctx = await loadPageContext(searchParams);
  if (ctx.kind === 'unavailable') return <DatabaseUnavailable message={ctx.message} />;
  if (ctx.kind === 'empty')
    return (
      <>
        <h1>Reconciliation</h1>
        <EmptyState />
      </>
    );
  const { conn, filters } = ctx;
  const [rows, cloudShare] = await Promise.all([
    getReconciliation(conn, { from: filters.from, to: filters.to, vendor: filters.vendor }),
    getCloudAiShare(conn, { from: filters.from, to: filters.to }),
  ]);
  const totals = reconciliationTotals(rows);
  // One bar pair per vendor over the period (months summed exactly).
  const vendors = [...new Set(rows.map((r) => r.vendor))];
  const points = vendors.map((v) => {
    const of = rows.filter((r) => r.vendor === v);
    return { label: v, billedUsd: sumUsd(of.map((r) => r.billedUsd)), usageListUsd: sumUsd(of.map((r) => r.usageListUsd)) };
  });
  return (
    <>
      <PageHeader title="Reconciliation" filters={filters}>
        <p className="small muted">
          For each vendor and month: what the vendor billed (its cost lines, else the request costs a gateway states) against what the
          logged usage costs at list or negotiated prices. Matched means within {MATCH_TOLERANCE_PCT}% of the bill or one cent. A gap says
          which side is missing data: load the bill, the logs, or prices for unpriced models. Period and vendor filters apply; team and
          workflow do not (a bill is per vendor).
        </p>
      </PageHeader>
      {rows.length === 0 ? (
        <section className="card">
          <h2>Nothing to reconcile in this period</h2>
          <p>
            Load a vendor’s cost export (OpenAI or Anthropic cost reports, a FOCUS cloud bill) and the request logs of the same traffic on
            the <Link href="/imports">Imports</Link> page, or widen the period.
          </p>
        </section>
      ) : (
        <>
          <div className="grid-kpi">
            <Kpi title="Billed" value={formatUsd(totals.billedUsd)} badge={<MoneyKind kind="billed" />} />
            <Kpi title="Usage at list price" value={formatUsd(totals.usageListUsd)} badge={<MoneyKind kind="list" />} />
            <Kpi
              title="Gap where both sides exist"
              value={formatUsd(totals.comparableGapUsd, { decimals: 2 })}
              sub="billed minus usage; positive means the bill is higher"
            />
            <Kpi
              title="Vendor-months"
              value={`${totals.matched} of ${rows.length} matched`}
              sub={`${totals.gaps} with a gap · ${totals.noBilling} without a bill · ${totals.noUsage} without usage${totals.noPrices ? ` · ${totals.noPrices} with usage unpriced` : ''}`}
            />
          </div>
          <section className="card" aria-labelledby="recon-chart">
            <div className="card-head">
              <h2 id="recon-chart">Billed against usage, by vendor</h2>
            </div>
            <BilledVsUsageChart points={points} />
          </section>
          <section className="card" aria-labelledby="recon-table">
            <div className="card-head">
              <div>
                <h2 id="recon-table">By vendor and month</h2>
                <p>
                  Usage exports and request logs of the same traffic are both counted on the usage side; a note says where both exist.
                  Credits, taxes and plan fees are on the bill but are not token prices, so they are listed apart.
                </p>
              </div>
            </div>
            <ReconciliationTable
              rows={rows.map((r) => ({
                month: r.month,
                vendor: r.vendor,
                billedUsd: r.billedUsd,
                billedBasis: r.billedBasis,
                usageListUsd: r.usageListUsd,
                gapUsd: r.gapUsd,
                gapPct: r.gapPct,
                otherChargesUsd: r.otherChargesUsd,
                status: r.status,
                missing: r.missing,
                usageEvents: r.usageEvents,
                notes: r.notes.join('; '),
              }))}
            />
          </section>
        </>
      )}
      {cloudShare.length ? <CloudAiShareCard rows={cloudShare} /> : null}
    </>
  );
}

function Kpi({ title, value, sub, badge }: { title: string; value: string; sub?: string; badge?: React.ReactNode }) {
  return (
    <section className="card kpi" aria-label={title}>
      <h2 className="kpi-label">
        {title} {badge}
      </h2>
      <p className="kpi-value">{value}</p>
      {sub ? <p className="kpi-sub">{sub}</p> : null}
    </section>
  );
}
