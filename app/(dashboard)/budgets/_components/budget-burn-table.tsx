'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import type { BudgetStatus } from '@/lib/analysis/budgets';
import { formatShare, formatUsd } from '@/lib/format';

/** One budget's burn, serialisable for the client (amounts exact decimal strings). */
export interface BudgetBurnRow {
  /** "team: research", "workflow: platform/incident-agent", "Whole organisation". */
  budget: string;
  amountUsd: string;
  spentUsd: string;
  burnShare: number | null;
  elapsedShare: number;
  forecastUsd: string;
  projectedOverrunUsd: string;
  status: BudgetStatus;
}

const STATUS: Record<BudgetStatus, { label: string; cls: string }> = {
  over: { label: 'Over budget', cls: 'badge-bad' },
  forecast_over: { label: 'Forecast over', cls: 'badge-bad' },
  at_risk: { label: 'At risk', cls: 'badge-warn' },
  on_track: { label: 'On track', cls: 'badge-ok' },
};
/** Worst first when sorted descending. */
const SEVERITY: Record<BudgetStatus, number> = { on_track: 0, at_risk: 1, forecast_over: 2, over: 3 };

const right = { align: 'right' } as const;
const usd = (c: { getValue: () => unknown }) => formatUsd(c.getValue() as string);

const columns: ColumnDef<BudgetBurnRow>[] = [
  { accessorKey: 'budget', header: 'Budget', meta: { csvHeader: 'budget', rowHeader: true } },
  { accessorKey: 'amountUsd', header: 'Amount', cell: usd, sortingFn: sortByDecimal, meta: { ...right, csvHeader: 'amount_usd' } },
  { accessorKey: 'spentUsd', header: 'Spent', cell: usd, sortingFn: sortByDecimal, meta: { ...right, csvHeader: 'spent_usd' } },
  {
    accessorKey: 'burnShare',
    header: 'Burned / month elapsed',
    cell: (c) => `${formatShare(c.getValue<number | null>())} / ${formatShare(c.row.original.elapsedShare)}`,
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'burned_share' },
  },
  { accessorKey: 'forecastUsd', header: 'Forecast', cell: usd, sortingFn: sortByDecimal, meta: { ...right, csvHeader: 'forecast_usd' } },
  {
    accessorKey: 'projectedOverrunUsd',
    header: 'Projected overrun',
    cell: usd,
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'projected_overrun_usd' },
  },
  {
    accessorKey: 'status',
    header: 'Status',
    cell: (c) => {
      const s = STATUS[c.getValue<BudgetStatus>()];
      return <span className={`badge ${s.cls}`}>{s.label}</span>;
    },
    sortingFn: (a, b) => SEVERITY[a.original.status] - SEVERITY[b.original.status],
    meta: { csvHeader: 'status' },
  },
];

export function BudgetBurnTable({ rows, month }: { rows: BudgetBurnRow[]; month: string }) {
  return (
    <DataTable
      label="Budget burn"
      columns={columns}
      data={rows}
      csvFileName={`itemized-budget-burn-${month}.csv`}
      pageSize={25}
      filterPlaceholder="Filter budgets, statuses…"
    />
  );
}
