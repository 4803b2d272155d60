/** Budget burn per team, workflow or the whole organisation; an explained empty state until budgets exist. */
import type { Connection } from '@/db/client';
import { formatMonth } from '@/lib/format';
import { MoneyKind } from '../../_components/overview/money-kind';
import { BudgetBurnTable } from './budget-burn-table';
import { loadBudgetBurn, type MonthContext } from './budget-data';

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
        <BudgetBurnTable
          month={ctx.month}
          rows={burn.map((b) => ({
            budget:
              b.budget.scope === 'total'
                ? 'Whole organisation'
                : // id is "<scope>:<name in itemized.yaml>" (the workflow's map name, not its usage tag).
                  typeof b.budget.id === 'string'
                  ? b.budget.id.replace(':', ': ')
                  : `${b.budget.scope}: ${b.budget.key ?? '(not set)'}`,
            amountUsd: b.budget.amountUsd,
            spentUsd: b.spentUsd,
            burnShare: b.burnShare,
            elapsedShare: b.elapsedShare,
            forecastUsd: b.forecast.forecastUsd,
            projectedOverrunUsd: b.projectedOverrunUsd,
            status: b.status,
          }))}
        />
      )}
    </section>
  );
}
