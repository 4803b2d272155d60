import { PageLink } from '@/app/(dashboard)/_components/page-link';
import type { SubscriptionReport } from '@/lib/analysis/subscriptions';
import { formatInt } from '@/lib/format';
import { Usd } from '../../_components/usd';

/** Flat-rate plans: what each costs for the period against the API-equivalent (list) cost of the usage it covers. */
export function SubscriptionsCard({ reports }: { reports: SubscriptionReport[] }) {
  return (
    <section className="card" aria-labelledby="subs-title">
      <div className="card-head">
        <div>
          <h2 id="subs-title">Flat-rate subscriptions</h2>
          <p>
            Plan cost for the period (seats × price, prorated by days) against the API-equivalent cost of the logged usage it covers, at
            list prices. Saved = API-equivalent − plan cost: negative when the seats cost more than the logged usage would metered. The
            dependency on the vendor is there either way.
          </p>
        </div>
        <PageLink href="/settings/workflows#subscriptions" className="btn btn-sm">
          Edit subscriptions
        </PageLink>
      </div>
      {reports.length === 0 ? (
        <p className="muted">
          No subscription is declared. Add them in{' '}
          <PageLink href="/settings/workflows#subscriptions" fallback={<>Settings (admins)</>}>
            Settings
          </PageLink>
          .
        </p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Flat-rate subscriptions">
            <thead>
              <tr>
                <th>Plan</th>
                <th>Vendor</th>
                <th>Team</th>
                <th className="right">Seats</th>
                <th>Covers</th>
                <th className="right">Covered events</th>
                <th className="right">Plan cost</th>
                <th className="right">API-equivalent</th>
                <th className="right">Saved by the plan</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.index}>
                  <td>{r.subscription.plan}</td>
                  <td>{r.subscription.vendor}</td>
                  <td>{r.subscription.team ?? '—'}</td>
                  <td className="right">{formatInt(r.subscription.seats)}</td>
                  <td>{r.subscription.covers.join(', ')}</td>
                  <td className="right">
                    {formatInt(r.covered.events)}
                    {r.covered.unpricedEvents ? (
                      <span className="small muted"> ({formatInt(r.covered.unpricedEvents)} unpriced)</span>
                    ) : null}
                  </td>
                  <td className="right">
                    <Usd value={r.planCostUsd} />
                  </td>
                  <td className="right">
                    <Usd value={r.apiEquivalentUsd} />
                  </td>
                  <td className="right">
                    <Usd value={r.gapUsd} signed />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
