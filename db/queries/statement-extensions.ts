/**
 * The statement's extensions, wired: flat-rate plans from the dependency map as their own billed lines
 * (plan cost for the period, prorated by days: lib/analysis/subscriptions.ts), and each vendor's
 * reconciliation status over the period's months (lib/analysis/reconcile.ts).
 */
import Decimal from 'decimal.js';
import { subscriptionInScope } from '../../lib/analysis/subscriptions';
import type { Connection } from '../client';
import { getReconciliation } from './reconciliation';
import type { StatementExtensions } from './statement';
import { loadSubscriptions } from './subscriptions';

export const DEFAULT_STATEMENT_EXTENSIONS: StatementExtensions = {
  async subscriptions(conn: Connection, scope) {
    const f = scope.filters ?? {};
    const reports = await loadSubscriptions(conn, { from: scope.from, to: scope.to });
    return reports
      .filter((r) => subscriptionInScope(r.subscription, f))
      .map((r) => ({
        key: `${r.subscription.vendor}/${r.subscription.plan}`,
        label: `${r.subscription.vendor} ${r.subscription.plan} (${r.subscription.seats} seats)`,
        billedCostUsd: r.planCostUsd,
      }));
  },
  async reconciliation(conn: Connection, scope) {
    const rows = await getReconciliation(conn, { from: scope.from, to: scope.to });
    const out: Record<string, { status: string; differenceUsd: string | null; note?: string }> = {};
    for (const vendor of new Set(rows.map((r) => r.vendor))) {
      const of = rows.filter((r) => r.vendor === vendor);
      const gaps = of.filter((r) => r.gapUsd !== null);
      const status = of.some((r) => r.status === 'gap')
        ? 'gap'
        : of.every((r) => r.status === 'matched')
          ? 'matched'
          : of.some((r) => r.status === 'no_billing')
            ? 'no_billing'
            : of.some((r) => r.status === 'no_usage')
              ? 'no_usage'
              : of.some((r) => r.status === 'no_prices')
                ? 'no_prices'
                : 'matched';
      out[vendor] = {
        status,
        differenceUsd: gaps.length ? gaps.reduce((s, r) => s.plus(r.gapUsd!), new Decimal(0)).toFixed() : null,
        note: [...new Set(of.flatMap((r) => r.notes))].join('; ') || undefined,
      };
    }
    return out;
  },
};
