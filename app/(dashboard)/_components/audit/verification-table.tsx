'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatInt, formatShare, formatUsd } from '@/lib/format';

/** One model or workflow: what its verified successes cost, and how much spend has no verifier. */
export interface VerificationRow {
  key: string;
  listCostUsd: string | null;
  outcomeEvents: number;
  successEvents: number;
  successRate: number | null;
  /** List cost of requests with an outcome / successful outcomes; null when there are none. */
  costPerSuccessUsd: string | null;
  unverifiedListCostUsd: string | null;
  unverifiedShare: number | null;
}

const right = { align: 'right' } as const;

function columns(dimLabel: string): ColumnDef<VerificationRow>[] {
  return [
    { accessorKey: 'key', header: dimLabel, meta: { csvHeader: dimLabel.toLowerCase() } },
    {
      accessorKey: 'listCostUsd',
      header: 'Spend (all)',
      cell: (c) => formatUsd(c.getValue<string | null>()),
      sortingFn: sortByDecimal,
      sortDescFirst: true,
      meta: { ...right, csvHeader: 'list_cost_usd' },
    },
    {
      accessorKey: 'outcomeEvents',
      header: 'With outcome',
      cell: (c) => formatInt(c.getValue<number>()),
      meta: { ...right, csvHeader: 'outcome_events' },
    },
    {
      accessorKey: 'successRate',
      header: 'Success rate',
      cell: (c) => formatShare(c.getValue<number | null>()),
      sortingFn: sortByNullableNumber,
      meta: { ...right, csvHeader: 'success_rate' },
    },
    {
      accessorKey: 'costPerSuccessUsd',
      header: 'Cost per verified success',
      cell: (c) => formatUsd(c.getValue<string | null>(), { decimals: 4 }),
      sortingFn: sortByDecimal,
      sortDescFirst: true,
      meta: { ...right, csvHeader: 'cost_per_verified_success_usd' },
    },
    {
      accessorKey: 'unverifiedListCostUsd',
      header: 'Unverified spend',
      cell: (c) => formatUsd(c.getValue<string | null>()),
      sortingFn: sortByDecimal,
      sortDescFirst: true,
      meta: { ...right, csvHeader: 'unverified_list_cost_usd' },
    },
    {
      accessorKey: 'unverifiedShare',
      header: 'Unverified share',
      cell: (c) => {
        const v = c.getValue<number | null>();
        return <span className={v !== null && v >= 0.5 ? 'text-warn' : undefined}>{formatShare(v)}</span>;
      },
      sortingFn: sortByNullableNumber,
      meta: { ...right, csvHeader: 'unverified_share' },
    },
  ];
}

export function VerificationTable({ rows, dimLabel, label }: { rows: VerificationRow[]; dimLabel: string; label: string }) {
  return (
    <DataTable
      label={label}
      columns={columns(dimLabel)}
      data={rows}
      csvFileName={`itemized-verification-by-${dimLabel.toLowerCase()}.csv`}
      initialSorting={[{ id: 'listCostUsd', desc: true }]}
      pageSize={8}
    />
  );
}
