import type { Connection } from '@/db/client';
import { getBucketLogOverlap } from '@/db/queries/overlap';
import type { ResolvedFilters } from '@/lib/filters';
import { formatInt, formatUsd } from '@/lib/format';

/**
 * Warns when a vendor usage export and per-request logs cover the same day, vendor and model: both are
 * counted until reconciliation exists, so spend for that traffic may appear twice. Renders nothing otherwise.
 */
export async function OverlapNotice({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const rows = await getBucketLogOverlap(conn, { from: filters.from, to: filters.to, vendor: filters.vendor });
  if (rows.length === 0) return null;
  return (
    <section className="notice notice-warn" aria-labelledby="overlap-title" style={{ marginBottom: 16 }}>
      <h2 id="overlap-title" style={{ fontSize: 15, margin: '0 0 4px' }}>
        Possible double counting
      </h2>
      <p style={{ margin: 0 }}>
        A usage export (aggregated buckets) and request logs both cover the same traffic on some days, and both are counted. Load usage
        exports only for traffic you do not log per request, or filter one source out.
      </p>
      <ul style={{ margin: '6px 0 0' }}>
        {rows.slice(0, 5).map((r) => (
          <li key={`${r.vendor}|${r.model}`}>
            {r.vendor} · {r.model ?? 'all models (export not grouped by model)'}: {formatInt(r.days)} day{r.days === 1 ? '' : 's'},{' '}
            {formatInt(r.bucketRequests)} exported requests beside {formatInt(r.loggedRequests)} logged
            {r.bucketListCostUsd ? `, ${formatUsd(r.bucketListCostUsd)} at list price in the export` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
