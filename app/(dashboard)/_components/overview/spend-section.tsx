import { SpendByVendorChart } from '@/app/_components/charts/spend-by-vendor-chart';
import type { Db } from '@/db/client';
import { getDailyListSpendByVendor } from '@/db/queries/overview';
import { daysInclusive, granularityFor, rebucket, stackByDay } from '@/lib/analysis/timeseries';
import type { ResolvedFilters } from '@/lib/filters';
import { MoneyKind } from './money-kind';

export async function SpendSection({ db, filters }: { db: Db; filters: ResolvedFilters }) {
  const rows = await getDailyListSpendByVendor(db, filters);
  const granularity = granularityFor(daysInclusive(filters.from, filters.to));
  const daily = stackByDay(
    // Unpriced usage has no list amount to draw; the unpriced-usage card accounts for it.
    rows.filter((r) => r.listCostUsd !== null).map((r) => ({ day: r.day, series: r.vendor, value: r.listCostUsd })),
    filters.from,
    filters.to,
  );
  const stacked = rebucket(daily, granularity);
  return (
    <section className="card" aria-labelledby="spend-title">
      <div className="card-head">
        <div>
          <h2 id="spend-title">
            Spend over time <MoneyKind kind="list" />
          </h2>
          <p>
            Usage at list price per {granularity} (UTC), stacked by vendor. Invoices cover whole periods, so billed spend is not drawn over
            time.
          </p>
        </div>
      </div>
      {stacked.series.length === 0 ? (
        <p className="muted">No priced usage in this period.</p>
      ) : (
        <SpendByVendorChart
          series={stacked.series}
          totals={stacked.totals}
          points={stacked.points}
          granularity={granularity}
          kindLabel="List-price spend"
        />
      )}
    </section>
  );
}
