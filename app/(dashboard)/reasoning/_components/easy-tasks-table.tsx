'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatCompact, formatInt, formatShare, formatUsd } from '@/lib/format';

export interface EasyTaskRow {
  workflow: string;
  model: string;
  outcomes: number;
  /** Upper edge (tokens) of the lowest reasoning quartile. */
  lowQuartileMaxTokens: number;
  lowRate: number;
  bestRate: number | null;
  /** Lower bound of the median request's reasoning tokens. */
  medianTokensAtLeast: number;
  /** Median ÷ the lowest quartile's edge. */
  medianRatio: number | null;
  cap: number;
  savingsUsd: string;
  expectedChangePp: number | null;
}

const right = { align: 'right' } as const;

const columns: ColumnDef<EasyTaskRow>[] = [
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'model', header: 'Model', meta: { csvHeader: 'model' } },
  {
    accessorKey: 'outcomes',
    header: 'With outcome',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'requests_with_outcome' },
  },
  {
    accessorKey: 'lowQuartileMaxTokens',
    header: 'Lowest quarter ≤',
    cell: (c) => formatCompact(c.getValue<number>()),
    meta: { ...right, csvHeader: 'lowest_quartile_max_tokens' },
  },
  {
    accessorKey: 'lowRate',
    header: 'Its success',
    cell: (c) => formatShare(c.getValue<number>()),
    meta: { ...right, csvHeader: 'lowest_quartile_success_rate' },
  },
  {
    accessorKey: 'bestRate',
    header: 'Best bin',
    cell: (c) => formatShare(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'best_bin_success_rate' },
  },
  {
    accessorKey: 'medianTokensAtLeast',
    header: 'Median ≥',
    cell: (c) => formatCompact(c.getValue<number>()),
    meta: { ...right, csvHeader: 'median_tokens_at_least' },
  },
  {
    accessorKey: 'medianRatio',
    header: '× lowest',
    cell: (c) => {
      const v = c.getValue<number | null>();
      return v === null ? '—' : `${v.toFixed(1)}×`;
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'median_over_lowest_ratio' },
  },
  { accessorKey: 'cap', header: 'Cap', cell: (c) => formatCompact(c.getValue<number>()), meta: { ...right, csvHeader: 'cap_tokens' } },
  {
    accessorKey: 'savingsUsd',
    header: 'Saving',
    cell: (c) => formatUsd(c.getValue<string>()),
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

export function EasyTasksTable({ rows }: { rows: EasyTaskRow[] }) {
  return (
    <DataTable
      label="Easy-task reasoning"
      columns={columns}
      data={rows}
      csvFileName="itemized-easy-task-reasoning.csv"
      initialSorting={[{ id: 'savingsUsd', desc: true }]}
    />
  );
}
