'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatInt, formatShare, formatUsd } from '@/lib/format';

/** One row per (workflow, team) in the period. */
export interface TopWorkflowTableRow {
  workflow: string;
  team: string;
  requests: number;
  outputTokens: number;
  reasoningTokens: number;
  listCostUsd: string | null;
  /** Successes / events with an outcome (0..1); null when no outcome signal. */
  successRate: number | null;
  outcomeEvents: number;
  /** List cost of records with no outcome signal. */
  unverifiedListCostUsd: string | null;
}

const right = { align: 'right' } as const;

export const topWorkflowColumns: ColumnDef<TopWorkflowTableRow>[] = [
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'team', header: 'Team', meta: { csvHeader: 'team' } },
  { accessorKey: 'requests', header: 'Requests', cell: (c) => formatInt(c.getValue<number>()), meta: { ...right, csvHeader: 'requests' } },
  {
    accessorKey: 'outputTokens',
    header: 'Output tokens',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'output_tokens' },
  },
  {
    accessorKey: 'reasoningTokens',
    header: 'Reasoning tokens',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'reasoning_tokens_measured' },
  },
  {
    accessorKey: 'listCostUsd',
    header: 'Spend (list price)',
    cell: (c) => (c.row.original.listCostUsd === null ? <span className="faint">unpriced</span> : formatUsd(c.row.original.listCostUsd)),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_cost_usd' },
  },
  {
    accessorKey: 'successRate',
    header: 'Success rate',
    cell: (c) =>
      c.row.original.successRate === null ? (
        <span className="faint">no signal</span>
      ) : (
        `${formatShare(c.row.original.successRate)} of ${formatInt(c.row.original.outcomeEvents)}`
      ),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'success_rate' },
  },
  {
    accessorKey: 'unverifiedListCostUsd',
    header: 'Unverified spend (list)',
    cell: (c) => formatUsd(c.row.original.unverifiedListCostUsd ?? '0'),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'unverified_list_cost_usd' },
  },
];

export function TopWorkflowsTable({ rows }: { rows: TopWorkflowTableRow[] }) {
  return (
    <DataTable
      label="Top workflows"
      columns={topWorkflowColumns}
      data={rows}
      csvFileName="itemized-top-workflows.csv"
      initialSorting={[{ id: 'listCostUsd', desc: true }]}
      filterPlaceholder="Filter by workflow or team…"
    />
  );
}
