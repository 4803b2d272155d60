'use client';

/** Sortable tables of the Dependencies page: the map's edges (its text alternative) and concentration per workflow. */
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal, sortByNullableNumber } from '@/app/_components/data-table/data-table';
import { formatInt, formatUsd } from '@/lib/format';

export interface EdgeRow {
  from: string;
  to: string;
  kind: 'usage' | 'fallback';
  /** "exercised" / "never exercised" for fallbacks, "" for usage. */
  fallback: string;
  spendUsd: string | null;
  events: number;
}

export interface WorkflowConcentrationRow {
  workflow: string;
  team: string;
  criticality: string;
  spendUsd: string | null;
  hhi: number | null;
  vendors: string;
  sharesBy: string;
  /** Declared fallbacks with their status in the period ("none declared" when there is none). */
  fallbacks: string;
  risk: string;
}

const right = { align: 'right' } as const;
const usd = (c: { getValue: () => unknown }) => formatUsd(c.getValue() as string | null);

const edgeColumns: ColumnDef<EdgeRow>[] = [
  { accessorKey: 'from', header: 'From', meta: { csvHeader: 'from' } },
  { accessorKey: 'to', header: 'To', meta: { csvHeader: 'to' } },
  {
    accessorKey: 'kind',
    header: 'Edge',
    cell: (c) =>
      c.row.original.kind === 'usage' ? (
        'usage'
      ) : (
        <span className={`badge ${c.row.original.fallback === 'exercised' ? 'badge-ok' : 'badge-warn'}`}>
          fallback · {c.row.original.fallback}
        </span>
      ),
    meta: { csvHeader: 'kind' },
  },
  { accessorKey: 'fallback', header: 'Fallback status', meta: { csvHeader: 'fallback_status' } },
  {
    accessorKey: 'spendUsd',
    header: 'List spend',
    cell: usd,
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_spend_usd' },
  },
  { accessorKey: 'events', header: 'Events', cell: (c) => formatInt(c.getValue<number>()), meta: { ...right, csvHeader: 'events' } },
];

export function EdgesTable({ rows }: { rows: EdgeRow[] }) {
  return (
    <DataTable
      label="Dependency map edges"
      columns={edgeColumns}
      data={rows}
      csvFileName="dependency-edges.csv"
      initialSorting={[{ id: 'spendUsd', desc: true }]}
      pageSize={15}
      filterPlaceholder="Filter by team, workflow, model, vendor…"
    />
  );
}

const RISK_BADGE: Record<string, string> = {
  exposed: 'badge-bad',
  'fallback exercised': 'badge-ok',
  diversified: 'badge-ok',
  idle: 'badge-neutral',
};

const workflowColumns: ColumnDef<WorkflowConcentrationRow>[] = [
  { accessorKey: 'workflow', header: 'Workflow', meta: { csvHeader: 'workflow' } },
  { accessorKey: 'team', header: 'Team', meta: { csvHeader: 'team' } },
  { accessorKey: 'criticality', header: 'Criticality', meta: { csvHeader: 'criticality' } },
  {
    accessorKey: 'spendUsd',
    header: 'List spend',
    cell: usd,
    sortingFn: sortByDecimal,
    sortDescFirst: true,
    meta: { ...right, csvHeader: 'list_spend_usd' },
  },
  {
    accessorKey: 'hhi',
    header: 'HHI',
    cell: (c) => {
      const v = c.getValue<number | null>();
      if (v === null) return '—';
      return c.row.original.sharesBy === 'tokens' ? `${formatInt(Math.round(v))} (tokens)` : formatInt(Math.round(v));
    },
    sortingFn: sortByNullableNumber,
    meta: { ...right, csvHeader: 'hhi' },
  },
  { accessorKey: 'vendors', header: 'Vendors (share)', meta: { csvHeader: 'vendor_shares' } },
  {
    accessorKey: 'fallbacks',
    header: 'Declared fallbacks',
    cell: (c) => <span className="wrap-cell">{c.getValue<string>()}</span>,
    meta: { csvHeader: 'declared_fallbacks' },
  },
  {
    accessorKey: 'risk',
    header: 'Risk',
    cell: (c) => <span className={`badge ${RISK_BADGE[c.getValue<string>()] ?? 'badge-neutral'}`}>{c.getValue<string>()}</span>,
    meta: { csvHeader: 'risk' },
  },
];

export function WorkflowConcentrationTable({ rows }: { rows: WorkflowConcentrationRow[] }) {
  return (
    <DataTable
      label="Vendor concentration by workflow"
      columns={workflowColumns}
      data={rows}
      csvFileName="vendor-concentration-by-workflow.csv"
      initialSorting={[{ id: 'spendUsd', desc: true }]}
      pageSize={15}
    />
  );
}
