'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatCompact, formatShare, formatUsd } from '@/lib/format';
import type { HiddenSpendRow } from '../../reasoning/_components/hidden-spend';

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)}%`);

const right = { align: 'right' } as const;

function columns(dimLabel: string): ColumnDef<HiddenSpendRow>[] {
  return [
    { accessorKey: 'key', header: dimLabel, meta: { csvHeader: dimLabel.toLowerCase() } },
    {
      accessorKey: 'outputTokens',
      header: 'Output tokens',
      cell: (c) => formatCompact(c.getValue<number>()),
      meta: { ...right, csvHeader: 'output_tokens' },
    },
    {
      accessorKey: 'measuredReasoningTokens',
      header: 'Reasoning (measured)',
      cell: (c) => formatCompact(c.getValue<number>()),
      meta: { ...right, csvHeader: 'reasoning_tokens_measured' },
    },
    {
      accessorKey: 'measuredShare',
      header: 'Share (measured)',
      cell: (c) => formatShare(c.getValue<number | null>()),
      sortingFn: sortByNullableNumber,
      meta: { ...right, csvHeader: 'reasoning_share_measured' },
    },
    {
      accessorKey: 'measuredSpendUsd',
      header: 'Hidden spend (measured)',
      cell: (c) => formatUsd(c.getValue<string>()),
      sortingFn: sortByDecimal,
      sortDescFirst: true,
      meta: { ...right, csvHeader: 'hidden_reasoning_list_cost_usd_measured' },
    },
    {
      accessorKey: 'measuredCoveragePct',
      header: 'Measured coverage',
      cell: (c) => pct(c.getValue<number | null>()),
      sortingFn: sortByNullableNumber,
      meta: { ...right, csvHeader: 'measured_coverage_pct_of_output' },
    },
    {
      accessorKey: 'estimatedSpendUsd',
      header: 'Hidden spend (estimated)',
      cell: (c) =>
        c.row.original.estimatedCoveragePct ? (
          <span className="estimate-text">≈ {formatUsd(c.getValue<string>())}</span>
        ) : (
          <span className="faint">—</span>
        ),
      sortingFn: sortByDecimal,
      sortDescFirst: true,
      meta: { ...right, csvHeader: 'hidden_reasoning_list_cost_usd_estimated' },
    },
    {
      accessorKey: 'estimatedCoveragePct',
      header: 'Estimate coverage',
      cell: (c) => (c.getValue<number | null>() ? pct(c.getValue<number | null>()) : <span className="faint">—</span>),
      sortingFn: sortByNullableNumber,
      meta: { ...right, csvHeader: 'estimated_coverage_pct_of_output' },
    },
  ];
}

export function HiddenSpendTable({ rows, dimLabel, label }: { rows: HiddenSpendRow[]; dimLabel: string; label: string }) {
  return (
    <DataTable
      label={label}
      columns={columns(dimLabel)}
      data={rows}
      csvFileName={`itemized-hidden-reasoning-by-${dimLabel.toLowerCase()}.csv`}
      initialSorting={[{ id: 'measuredSpendUsd', desc: true }]}
      pageSize={8}
    />
  );
}
