'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal } from '@/app/_components/data-table/data-table';
import type { ReconciliationStatus } from '@/lib/analysis/reconcile';
import { formatInt, formatMonth, formatUsd } from '@/lib/format';

export interface ReconciliationTableRow {
  month: string;
  vendor: string;
  billedUsd: string | null;
  billedBasis: string | null;
  usageListUsd: string | null;
  gapUsd: string | null;
  gapPct: string | null;
  otherChargesUsd: string | null;
  status: ReconciliationStatus;
  missing: string | null;
  usageEvents: number;
  notes: string;
}

const right = { align: 'right' } as const;
const usd = (c: { getValue: () => unknown }) => formatUsd(c.getValue() as string | null);
/** Billed above usage reads "+$3.00", below "−$3.00". */
const signedUsd = (v: string | null) => {
  if (v === null) return '—';
  const text = formatUsd(v, { decimals: 2 });
  return v.startsWith('-') || text === '$0.00' ? text : `+${text}`;
};
const STATUS: Record<ReconciliationTableRow['status'], { label: string; badge: string }> = {
  matched: { label: 'Matched', badge: 'badge-ok' },
  gap: { label: 'Gap', badge: 'badge-bad' },
  no_billing: { label: 'No bill loaded', badge: 'badge-warn' },
  no_usage: { label: 'No usage logged', badge: 'badge-warn' },
  no_prices: { label: 'Usage unpriced', badge: 'badge-warn' },
};
const BASIS: Record<string, string> = { cost_lines: 'vendor cost lines', requests: 'gateway-stated request costs' };
const MISSING: Record<string, string> = { billing: 'bill', usage: 'usage', prices: 'prices (unpriced usage)' };

const columns: ColumnDef<ReconciliationTableRow>[] = [
  { accessorKey: 'month', header: 'Month', cell: (c) => formatMonth(`${c.getValue<string>()}-01`), meta: { csvHeader: 'month' } },
  { accessorKey: 'vendor', header: 'Vendor', meta: { csvHeader: 'vendor' } },
  { accessorKey: 'billedUsd', header: 'Billed', cell: usd, sortingFn: sortByDecimal, meta: { ...right, csvHeader: 'billed_usd' } },
  {
    accessorKey: 'billedBasis',
    header: 'From',
    cell: (c) => <span className="small muted">{BASIS[c.getValue<string>()] ?? '—'}</span>,
    meta: { csvHeader: 'billed_basis' },
  },
  {
    accessorKey: 'usageListUsd',
    header: 'Usage at list',
    cell: usd,
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'usage_list_cost_usd' },
  },
  {
    accessorKey: 'gapUsd',
    header: 'Gap',
    cell: (c) => signedUsd(c.getValue<string | null>()),
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'gap_usd' },
  },
  {
    accessorKey: 'gapPct',
    header: 'Gap %',
    cell: (c) => (c.getValue() === null ? '—' : `${c.getValue<string>()}%`),
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'gap_pct' },
  },
  {
    accessorKey: 'status',
    header: 'Status',
    cell: (c) => {
      const s = STATUS[c.getValue<ReconciliationTableRow['status']>()];
      return <span className={`badge ${s.badge}`}>{s.label}</span>;
    },
    meta: { csvHeader: 'status' },
  },
  {
    accessorKey: 'missing',
    header: 'Missing',
    cell: (c) => (c.getValue() ? MISSING[c.getValue<string>()] : '—'),
    meta: { csvHeader: 'missing' },
  },
  {
    accessorKey: 'otherChargesUsd',
    header: 'Credits, tax, plans',
    cell: usd,
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'other_charges_usd' },
  },
  {
    accessorKey: 'usageEvents',
    header: 'Usage rows',
    cell: (c) => formatInt(c.getValue<number>()),
    meta: { ...right, csvHeader: 'usage_events' },
  },
  {
    accessorKey: 'notes',
    header: 'Notes',
    cell: (c) => <span className="small muted">{c.getValue<string>()}</span>,
    meta: { csvHeader: 'notes' },
  },
];

export function ReconciliationTable({ rows }: { rows: ReconciliationTableRow[] }) {
  return (
    <DataTable
      label="Billed against usage by vendor and month"
      columns={columns}
      data={rows}
      csvFileName="itemized-reconciliation.csv"
      pageSize={25}
      filterPlaceholder="Filter vendors, months, statuses…"
    />
  );
}
