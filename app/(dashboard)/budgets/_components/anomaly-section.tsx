/** Anomaly flags on daily spend per workflow, each linking to the requests behind it and to its chart. */
import Link from 'next/link';
import type { Connection } from '@/db/client';
import { ANOMALY_DEFAULTS } from '@/lib/analysis/anomalies';
import { requestsHref } from '@/lib/explorer-links';
import { formatDay, formatMonth, formatUsd } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { loadAnomalies, type MonthContext } from './budget-data';
import { chartHref, scopeName } from './forecast-section';

export async function AnomalySection({ conn, ctx }: { conn: Connection; ctx: MonthContext }) {
  const flags = await loadAnomalies(conn, ctx);
  const replay = ctx.asOf < ctx.lastKnown;
  return (
    <section className="card" aria-labelledby="an-title">
      <div className="card-head">
        <div>
          <h2 id="an-title">
            Spend anomalies by workflow <MoneyKind kind="list" />
          </h2>
          <p>
            A day is flagged when a workflow&apos;s spend is at least {ANOMALY_DEFAULTS.threshold} robust z-scores (median and MAD of its
            own previous {ANOMALY_DEFAULTS.baselineDays} days) and ${ANOMALY_DEFAULTS.minExcessUsd} above its median. Drops are not flagged.
          </p>
        </div>
      </div>
      {flags.length === 0 ? (
        <p className="muted" role="status">
          No anomalous day in {formatMonth(`${ctx.month}-01`)} up to {formatDay(ctx.lastKnown)}: every workflow stayed within its usual
          range.
        </p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Spend anomalies" className="table-nowrap fin-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Workflow</th>
                <th scope="col" className="right">
                  Spend
                </th>
                <th scope="col" className="right">
                  Usual (median)
                </th>
                <th scope="col" className="right">
                  Excess
                </th>
                <th scope="col" className="right">
                  Robust z
                </th>
                <th scope="col">Look closer</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => {
                const name = scopeName({ scope: 'workflow', key: f.workflow });
                return (
                  <tr key={`${f.day}:${f.workflow ?? ''}`}>
                    <td className="num">{formatDay(f.day)}</td>
                    <th scope="row">{name}</th>
                    <td className="right" data-metric="spend" data-exact={f.spendUsd}>
                      {formatUsd(f.spendUsd)}
                    </td>
                    <td className="right">{formatUsd(f.baselineMedianUsd)}</td>
                    <td className="right">+{formatUsd(f.excessUsd)}</td>
                    <td className="right">{f.robustZ === null ? 'flat baseline' : f.robustZ.toFixed(1)}</td>
                    <td>
                      <Link href={requestsHref(f.requests)} prefetch={false} aria-label={`Requests of ${name} on ${formatDay(f.day)}`}>
                        Requests
                      </Link>
                      {' · '}
                      <Link
                        href={chartHref(ctx, { scope: 'workflow', key: f.workflow }, replay)}
                        prefetch={false}
                        aria-label={`Chart ${name}`}
                      >
                        Chart
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
