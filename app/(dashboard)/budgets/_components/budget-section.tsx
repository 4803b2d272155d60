/** Budget burn per team, workflow or the whole organisation; an explained empty state until budgets exist. */
import type { Connection } from '@/db/client';
import type { BudgetBurn } from '@/lib/analysis/budgets';
import { formatMonth, formatShare, formatUsd } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { loadBudgetBurn, type MonthContext } from './budget-data';

const STATUS: Record<BudgetBurn['status'], { label: string; cls: string }> = {
  over: { label: 'Over budget', cls: 'badge-bad' },
  forecast_over: { label: 'Forecast over', cls: 'badge-bad' },
  at_risk: { label: 'At risk', cls: 'badge-warn' },
  on_track: { label: 'On track', cls: 'badge-ok' },
};

export async function BudgetSection({ conn, ctx }: { conn: Connection; ctx: MonthContext }) {
  const burn = await loadBudgetBurn(conn, ctx);
  return (
    <section className="card" aria-labelledby="bd-title">
      <div className="card-head">
        <div>
          <h2 id="bd-title">
            Budget burn <MoneyKind kind="list" />
          </h2>
          <p>
            Spend to date against each budget, and whether the month-end forecast or its interval's high end goes over. Counted as the
            dependency map attributes it (a workflow's spend is what its rules match; a team's adds its flat-rate plans at their price and
            leaves the usage they cover out), as Scenarios checks budgets; the forecasts above follow the usage's own tags.
          </p>
        </div>
      </div>
      {burn.length === 0 ? (
        <div className="empty-block" role="status" data-testid="budgets-empty">
          <p>
            <strong>No budgets set for {formatMonth(`${ctx.month}-01`)}.</strong>
          </p>
          <p className="muted">
            Budgets are set per team, per workflow or for the whole organisation in <code>itemized.yaml</code> (the dependency map kept in
            git) or under Settings › Workflows. Until then the forecasts above show where each team and workflow is heading.
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table aria-label="Budget burn" className="table-nowrap fin-table">
            <thead>
              <tr>
                <th scope="col">Budget</th>
                <th scope="col" className="right">
                  Amount
                </th>
                <th scope="col" className="right">
                  Spent
                </th>
                <th scope="col" className="right">
                  Burned / month elapsed
                </th>
                <th scope="col" className="right">
                  Forecast
                </th>
                <th scope="col" className="right">
                  Projected overrun
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {burn.map((b) => (
                <tr key={`${b.budget.scope}:${b.budget.key ?? ''}:${b.budget.id ?? ''}`}>
                  <th scope="row">
                    {b.budget.scope === 'total'
                      ? 'Whole organisation'
                      : // id is "<scope>:<name in itemized.yaml>" (the workflow's map name, not its usage tag).
                        typeof b.budget.id === 'string'
                        ? b.budget.id.replace(':', ': ')
                        : `${b.budget.scope}: ${b.budget.key ?? '(not set)'}`}
                  </th>
                  <td className="right">{formatUsd(b.budget.amountUsd)}</td>
                  <td className="right">{formatUsd(b.spentUsd)}</td>
                  <td className="right">
                    {formatShare(b.burnShare)} / {formatShare(b.elapsedShare)}
                  </td>
                  <td className="right">{formatUsd(b.forecast.forecastUsd)}</td>
                  <td className="right">{formatUsd(b.projectedOverrunUsd)}</td>
                  <td>
                    <span className={`badge ${STATUS[b.status].cls}`}>{STATUS[b.status].label}</span>
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
