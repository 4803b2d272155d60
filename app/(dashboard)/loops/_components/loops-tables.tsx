'use client';

import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatCompact, formatDateTime, formatInt, formatShare, formatUsd } from '@/lib/format';

export interface LoopRow {
  workflow: string;
  class: string;
  tasks: number;
  callsMean: number;
  callsMedian: number;
  callsMax: number;
  tokensPerTask: number;
  costPerTaskUsd: string | null;
  costMultiple: number | null;
  successRate: number | null;
}

export interface TaskRow {
  traceId: string;
  workflow: string;
  team: string;
  calls: number;
  tokens: number;
  reasoningTokens: number;
  listCostUsd: string | null;
  outcome: string;
  startedAt: string;
  href: string;
}

export interface CallRow {
  n: number;
  occurredAt: string;
  vendor: string;
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  listCostUsd: string | null;
  toolCalls: number | null;
  latencyMs: number | null;
  outcome: string;
}

const right = { align: 'right' } as const;
const num =
  (d = 1) =>
  (c: { getValue: () => unknown }) => {
    const v = c.getValue() as number | null;
    return v === null ? '—' : v.toFixed(d);
  };
const int = (c: { getValue: () => unknown }) => formatInt(c.getValue() as number | null);
const usd = (c: { getValue: () => unknown }) => formatUsd(c.getValue() as string | null);
const CLASS: Record<string, string> = { single_call: 'Single call', fixed_chain: 'Fixed chain', agent_loop: 'Agent loop' };

const loopColumns: ColumnDef<LoopRow>[] = [
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  {
    accessorKey: 'class',
    header: 'Pattern',
    cell: (c) => (
      <span className={`badge ${c.getValue() === 'agent_loop' ? 'badge-warn' : 'badge-neutral'}`}>{CLASS[c.getValue<string>()]}</span>
    ),
    meta: { csvHeader: 'pattern' },
  },
  { accessorKey: 'tasks', header: 'Tasks', cell: int, meta: { ...right, csvHeader: 'tasks' } },
  { accessorKey: 'callsMean', header: 'Calls / task', cell: num(1), meta: { ...right, csvHeader: 'calls_per_task_mean' } },
  { accessorKey: 'callsMedian', header: 'Median', cell: num(0), meta: { ...right, csvHeader: 'calls_per_task_median' } },
  { accessorKey: 'callsMax', header: 'Max', cell: int, meta: { ...right, csvHeader: 'calls_per_task_max' } },
  {
    accessorKey: 'tokensPerTask',
    header: 'Tokens / task',
    cell: (c) => formatCompact(c.getValue<number>()),
    meta: { ...right, csvHeader: 'tokens_per_task' },
  },
  {
    accessorKey: 'costPerTaskUsd',
    header: 'Cost / task',
    cell: (c) => formatUsd(c.getValue<string | null>(), { decimals: 4 }),
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_cost_per_task_usd' },
  },
  {
    accessorKey: 'costMultiple',
    header: '× single-call tasks',
    cell: (c) => {
      const v = c.getValue<number | null>();
      return v === null ? <span className="faint">no single-call baseline</span> : `${v.toFixed(1)}×`;
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'cost_multiple_vs_single_call_tasks' },
  },
  {
    accessorKey: 'successRate',
    header: 'Task success',
    cell: (c) => formatShare(c.getValue<number | null>()),
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'task_success_rate' },
  },
];

const taskColumns: ColumnDef<TaskRow>[] = [
  {
    accessorKey: 'traceId',
    header: 'Task (trace)',
    cell: (c) => <Link href={c.row.original.href}>{c.row.original.traceId.slice(0, 22)}</Link>,
    meta: { csvHeader: 'trace_id' },
  },
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'team', header: 'Team', meta: { csvHeader: 'team' } },
  { accessorKey: 'startedAt', header: 'Started', cell: (c) => formatDateTime(c.getValue<string>()), meta: { csvHeader: 'started_at' } },
  { accessorKey: 'calls', header: 'Calls', cell: int, meta: { ...right, csvHeader: 'calls' } },
  { accessorKey: 'tokens', header: 'Tokens', cell: (c) => formatCompact(c.getValue<number>()), meta: { ...right, csvHeader: 'tokens' } },
  {
    accessorKey: 'reasoningTokens',
    header: 'Reasoning',
    cell: (c) => formatCompact(c.getValue<number>()),
    meta: { ...right, csvHeader: 'reasoning_tokens' },
  },
  {
    accessorKey: 'listCostUsd',
    header: 'Cost',
    cell: usd,
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_cost_usd' },
  },
  { accessorKey: 'outcome', header: 'Outcome', meta: { csvHeader: 'outcome' } },
];

const callColumns: ColumnDef<CallRow>[] = [
  { accessorKey: 'n', header: '#', meta: { ...right, csvHeader: 'call' } },
  {
    accessorKey: 'occurredAt',
    header: 'Time',
    cell: (c) => c.getValue<string>().slice(0, 19).replace('T', ' '),
    meta: { csvHeader: 'occurred_at' },
  },
  { accessorKey: 'vendor', header: 'Vendor', meta: { csvHeader: 'vendor' } },
  { accessorKey: 'model', header: 'Model', meta: { csvHeader: 'model' } },
  { accessorKey: 'inputTokens', header: 'Input', cell: int, meta: { ...right, csvHeader: 'input_tokens' } },
  { accessorKey: 'outputTokens', header: 'Output', cell: int, meta: { ...right, csvHeader: 'output_tokens' } },
  { accessorKey: 'reasoningTokens', header: 'Reasoning', cell: int, meta: { ...right, csvHeader: 'reasoning_tokens' } },
  { accessorKey: 'toolCalls', header: 'Tool calls', cell: int, meta: { ...right, csvHeader: 'tool_calls' } },
  { accessorKey: 'latencyMs', header: 'Latency ms', cell: int, meta: { ...right, csvHeader: 'latency_ms' } },
  { accessorKey: 'listCostUsd', header: 'Cost', cell: usd, sortingFn: sortByDecimal, meta: { ...right, csvHeader: 'list_cost_usd' } },
  { accessorKey: 'outcome', header: 'Outcome', meta: { csvHeader: 'outcome' } },
];

export function LoopsTable({ rows }: { rows: LoopRow[] }) {
  return (
    <DataTable
      label="Patterns by workflow"
      columns={loopColumns}
      data={rows}
      csvFileName="itemized-loops-by-workflow.csv"
      initialSorting={[{ id: 'costPerTaskUsd', desc: true }]}
    />
  );
}

export function TasksTable({ rows }: { rows: TaskRow[] }) {
  return (
    <DataTable
      label="Most expensive multi-call tasks"
      columns={taskColumns}
      data={rows}
      csvFileName="itemized-expensive-tasks.csv"
      initialSorting={[{ id: 'listCostUsd', desc: true }]}
    />
  );
}

export function CallsTable({ rows, traceId }: { rows: CallRow[]; traceId: string }) {
  return (
    <DataTable
      label="Calls of the task"
      columns={callColumns}
      data={rows}
      csvFileName={`itemized-task-${traceId.replace(/[^\w.-]+/g, '_')}.csv`}
      pageSize={50}
    />
  );
}
