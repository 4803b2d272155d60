'use client';

import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable, sortByDecimal } from '@/app/_components/data-table/data-table';
import { formatDateTime, formatInt, formatUsd } from '@/lib/format';

export interface TraceRow {
  traceId: string;
  workflow: string;
  team: string;
  calls: number;
  reasoningTokens: number;
  outputTokens: number;
  hiddenSpendUsd: string | null;
  listCostUsd: string | null;
}

export interface RequestRow {
  occurredAt: string;
  requestId: string;
  traceId: string | null;
  workflow: string;
  model: string;
  outputTokens: number;
  reasoningTokens: number;
  hiddenSpendUsd: string | null;
  success: string;
}

const right = { align: 'right' } as const;
const int = (c: { getValue: () => unknown }) => formatInt(c.getValue() as number);

const traceColumns: ColumnDef<TraceRow>[] = [
  {
    accessorKey: 'traceId',
    header: 'Task (trace)',
    cell: (c) => <Link href={`/loops?trace=${encodeURIComponent(c.row.original.traceId)}`}>{c.row.original.traceId.slice(0, 18)}</Link>,
    meta: { csvHeader: 'trace_id' },
  },
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'team', header: 'Team', meta: { csvHeader: 'team' } },
  { accessorKey: 'calls', header: 'Calls', cell: int, meta: { ...right, csvHeader: 'calls' } },
  { accessorKey: 'reasoningTokens', header: 'Reasoning tokens', cell: int, meta: { ...right, csvHeader: 'reasoning_tokens' } },
  {
    accessorKey: 'hiddenSpendUsd',
    header: 'Hidden spend',
    cell: (c) => formatUsd(c.getValue<string | null>()),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'hidden_reasoning_list_cost_usd' },
  },
  {
    accessorKey: 'listCostUsd',
    header: 'Task spend',
    cell: (c) => formatUsd(c.getValue<string | null>()),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_cost_usd' },
  },
];

const requestColumns: ColumnDef<RequestRow>[] = [
  { accessorKey: 'occurredAt', header: 'Time', cell: (c) => formatDateTime(c.getValue<string>()), meta: { csvHeader: 'occurred_at' } },
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'model', header: 'Model', meta: { csvHeader: 'model' } },
  {
    accessorKey: 'traceId',
    header: 'Task',
    cell: (c) => {
      const t = c.row.original.traceId;
      return t ? <Link href={`/loops?trace=${encodeURIComponent(t)}`}>{t.slice(0, 14)}</Link> : <span className="faint">—</span>;
    },
    meta: { csvHeader: 'trace_id' },
  },
  { accessorKey: 'requestId', header: 'Event id', meta: { csvHeader: 'event_id' } },
  { accessorKey: 'outputTokens', header: 'Output tokens', cell: int, meta: { ...right, csvHeader: 'output_tokens' } },
  { accessorKey: 'reasoningTokens', header: 'Reasoning tokens', cell: int, meta: { ...right, csvHeader: 'reasoning_tokens' } },
  {
    accessorKey: 'hiddenSpendUsd',
    header: 'Hidden spend',
    cell: (c) => formatUsd(c.getValue<string | null>()),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'hidden_reasoning_list_cost_usd' },
  },
  { accessorKey: 'success', header: 'Outcome', meta: { csvHeader: 'outcome' } },
];

export function TopTracesTable({ rows }: { rows: TraceRow[] }) {
  return (
    <DataTable
      label="Tasks with the most hidden spend"
      columns={traceColumns}
      data={rows}
      csvFileName="itemized-top-hidden-tasks.csv"
      initialSorting={[{ id: 'hiddenSpendUsd', desc: true }]}
      pageSize={10}
    />
  );
}

export function TopRequestsTable({ rows }: { rows: RequestRow[] }) {
  return (
    <DataTable
      label="Requests with the most hidden spend"
      columns={requestColumns}
      data={rows}
      csvFileName="itemized-top-hidden-requests.csv"
      initialSorting={[{ id: 'hiddenSpendUsd', desc: true }]}
      pageSize={10}
    />
  );
}
