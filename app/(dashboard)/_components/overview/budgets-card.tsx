import Link from 'next/link';
import type { Connection } from '@/db/client';
import type { ResolvedFilters } from '@/lib/filters';
import { formatMonth } from '@/lib/format';
import { loadBudgetBurn } from '../../budgets/_components/budget-data';
import { KpiCard } from './kpi-card';
import { MoneyKind } from './money-kind';

/**
 * Budgets of the month the period ends in (as of its last day): how many are over, heading over, or
 * at risk. The budgets come from the dependency map (itemized.yaml / Settings › Workflows & budgets).
 */
export async function BudgetsCard({ conn, filters }: { conn: Connection; filters: ResolvedFilters }) {
  const month = filters.to.slice(0, 7);
  const burn = await loadBudgetBurn(conn, { month, asOf: filters.to, lastKnown: filters.to });
  const over = burn.filter((b) => b.status === 'over').length;
  const heading = burn.filter((b) => b.status === 'forecast_over').length;
  const risk = burn.filter((b) => b.status === 'at_risk').length;
  return (
    <KpiCard
      id="kpi-budgets"
      title={`Budgets, ${formatMonth(`${month}-01`)}`}
      badge={<MoneyKind kind="list" />}
      value={burn.length === 0 ? 'None set' : `${over + heading} of ${burn.length} over or heading over`}
      comparison={null}
      previousLabel=""
      previousDays={0}
      footnote={
        <>
          {burn.length === 0
            ? 'Set team and workflow budgets in itemized.yaml or Settings'
            : `${over} over · ${heading} forecast over · ${risk} at risk`}{' '}
          ·{' '}
          <Link className="kpi-link" href={`/budgets?month=${month}`}>
            Budgets →
          </Link>
        </>
      }
    />
  );
}
