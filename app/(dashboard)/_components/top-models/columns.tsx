'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatInt, formatShare, formatUsd } from '@/lib/format';

/** One row per (vendor, model) in the period; plain data from the server. */
export interface TopModelTableRow {
  vendor: string;
  model: string;
  /** The model's family (genai-prices' name, e.g. "GPT-4o"): dated snapshots and gateway ids of one model share it. */
  family: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** null = no request of this model reported reasoning (unknown, not 0). */
  reasoningTokens: number | null;
  /** Measured reasoning share (0..1) of this model's output with known reasoning; null = not reported. */
  reasoningShare: number | null;
  /** Exact decimal string; null when every record is unpriced. */
  listCostUsd: string | null;
  /** Share of the period's list-price spend (0..1). */
  spendShare: number | null;
  unpricedEvents: number;
}

const right = { align: 'right' } as const;

export const topModelColumns: ColumnDef<TopModelTableRow>[] = [
  { accessorKey: 'vendor', header: 'Vendor', meta: { csvHeader: 'vendor' } },
  { accessorKey: 'model', header: 'Model', meta: { csvHeader: 'model' } },
  { accessorKey: 'family', header: 'Family', meta: { csvHeader: 'model_family' } },
  { accessorKey: 'requests', header: 'Requests', cell: (c) => formatInt(c.getValue<number>()), meta: { ...right, csvHeader: 'requests' } },
  {
    accessorKey: 'inputTokens',
    header: 'Input tokens',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'input_tokens' },
  },
  {
    accessorKey: 'outputTokens',
    header: 'Output tokens',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'output_tokens' },
  },
  {
    accessorKey: 'reasoningTokens',
    header: 'Reasoning tokens',
    cell: (c) => {
      const v = c.getValue<number | null>();
      return v === null ? <span className="faint">not reported</span> : formatInt(v);
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'reasoning_tokens_measured' },
  },
  {
    accessorKey: 'reasoningShare',
    header: 'Reasoning share',
    cell: (c) => formatShare(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'reasoning_share_measured' },
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
    accessorKey: 'spendShare',
    header: 'Share of list spend',
    cell: (c) => formatShare(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'share_of_list_spend' },
  },
];

export function TopModelsTable({ rows }: { rows: TopModelTableRow[] }) {
  return (
    <DataTable
      label="Top models"
      columns={topModelColumns}
      data={rows}
      csvFileName="itemized-top-models.csv"
      initialSorting={[{ id: 'listCostUsd', desc: true }]}
      filterPlaceholder="Filter by vendor or model…"
    />
  );
}
