'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatCompact, formatInt, formatShare, formatUsd } from '@/lib/format';
import { VerdictBadge } from '../../_components/audit/verdict-badge';
import type { AccuracyPanelData } from './types';

export type AccuracySummaryRow = Omit<AccuracyPanelData, 'bins' | 'kneeLabel' | 'capLabel'>;

const right = { align: 'right' } as const;

const columns: ColumnDef<AccuracySummaryRow>[] = [
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'model', header: 'Model', meta: { csvHeader: 'model' } },
  { accessorKey: 'metric', header: 'Binned by', meta: { csvHeader: 'binned_by' } },
  {
    accessorKey: 'verdict',
    header: 'Verdict',
    cell: (c) => <VerdictBadge verdict={c.row.original.verdict} knee={c.row.original.knee} needed={c.row.original.needed} />,
    meta: { csvHeader: 'verdict' },
  },
  {
    accessorKey: 'knee',
    header: 'Knee',
    cell: (c) => formatCompact(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'knee_tokens' },
  },
  {
    accessorKey: 'n',
    header: 'With outcome',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'requests_with_outcome' },
  },
  {
    accessorKey: 'rho',
    header: 'ρ',
    cell: (c) => {
      const v = c.getValue<number | null>();
      return v === null ? '—' : v.toFixed(2);
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'spearman_rho' },
  },
  {
    accessorKey: 'successRate',
    header: 'Success',
    cell: (c) => formatShare(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'success_rate' },
  },
  {
    accessorKey: 'cap',
    header: 'Cap',
    cell: (c) => formatCompact(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'recommended_cap_tokens' },
  },
  {
    accessorKey: 'savingsUsd',
    header: 'Saving',
    cell: (c) => formatUsd(c.getValue<string | null>()),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'savings_list_cost_usd' },
  },
  {
    accessorKey: 'expectedChangePp',
    header: 'Δ success',
    cell: (c) => {
      const v = c.getValue<number | null>();
      return v === null ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} pts`;
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'expected_success_change_pts' },
  },
];

export function AccuracySummaryTable({ rows }: { rows: AccuracySummaryRow[] }) {
  return (
    <DataTable
      label="Accuracy verdicts"
      columns={columns}
      data={rows}
      csvFileName="itemized-accuracy-verdicts.csv"
      initialSorting={[{ id: 'savingsUsd', desc: true }]}
      pageSize={12}
    />
  );
}
