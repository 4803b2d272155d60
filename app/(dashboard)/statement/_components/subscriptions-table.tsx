/** Flat-rate plans of the dependency map (seats x monthly price, prorated by days) as their own billed lines. */
import type { StatementLine } from '@/db/queries/statement';
import { formatUsd } from '@/lib/format';
import { sumExact } from '@/lib/money';
import { exactAttr } from '../../_components/finance/kpi';

export function SubscriptionsTable({ lines }: { lines: StatementLine[] }) {
  const total = sumExact(lines.map((l) => l.billedCostUsd));
  return (
    <div className="table-wrap">
      <table aria-label="Subscriptions" className="table-nowrap fin-table">
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col" className="right">
              Plan cost
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.label}</th>
              <td className="right" data-metric="billedCostUsd" data-exact={exactAttr(l.billedCostUsd)}>
                {formatUsd(l.billedCostUsd)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="right" data-testid="subscriptions-total" data-exact={exactAttr(total)}>
              {formatUsd(total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
