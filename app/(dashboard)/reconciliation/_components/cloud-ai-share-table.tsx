'use client';

import type { ColumnDef } from '@tanstack/react-table';
import { DataTable, sortByDecimal } from '@/app/_components/data-table/data-table';
import { formatInt, formatMonth, formatUsd } from '@/lib/format';

export interface CloudAiShareTableRow {
  month: string;
  cloud: string;
  currency: string;
  billedTotal: string;
  billedAi: string;
  aiSharePct: string | null;
  lines: number;
  aiLines: number;
  aiServices: string;
}

const right = { align: 'right' } as const;
/** A FOCUS amount in its billing currency: "$1,234.50" for USD, "EUR 1,234.50" otherwise. */
function money(value: string, currency: string): string {
  const usd = formatUsd(value);
  return currency === 'USD' ? usd : `${usd.replace('$', '')} ${currency}`;
}

const columns: ColumnDef<CloudAiShareTableRow>[] = [
  { accessorKey: 'month', header: 'Month', cell: (c) => formatMonth(`${c.getValue<string>()}-01`), meta: { csvHeader: 'month' } },
  { accessorKey: 'cloud', header: 'Cloud', meta: { csvHeader: 'cloud' } },
  {
    accessorKey: 'billedTotal',
    header: 'Whole bill',
    cell: (c) => money(c.getValue<string>(), c.row.original.currency),
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'billed_total' },
  },
  {
    accessorKey: 'billedAi',
    header: 'AI services',
    cell: (c) => money(c.getValue<string>(), c.row.original.currency),
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'billed_ai' },
  },
  {
    accessorKey: 'aiSharePct',
    header: 'AI share',
    cell: (c) => {
      const pct = c.getValue<string | null>();
      if (pct === null) return '—';
      // The gauge is clamped to 0..100: credits can make a share negative or above 100%.
      const value = Math.min(100, Math.max(0, Number(pct)));
      return (
        <span className="share">
          <meter className="share-bar" min={0} max={100} value={value} aria-hidden="true" />
          {pct}%
        </span>
      );
    },
    sortingFn: sortByDecimal,
    meta: { ...right, csvHeader: 'ai_share_pct' },
  },
  { accessorKey: 'currency', header: 'Currency', meta: { csvHeader: 'currency' } },
  {
    accessorKey: 'aiLines',
    header: 'AI lines',
    cell: (c) => `${formatInt(c.getValue<number>())} of ${formatInt(c.row.original.lines)}`,
    meta: { ...right, csvHeader: 'ai_lines' },
  },
  {
    accessorKey: 'aiServices',
    header: 'Largest AI services',
    cell: (c) => <span className="small muted">{c.getValue<string>() || '—'}</span>,
    meta: { csvHeader: 'ai_services' },
  },
];

export function CloudAiShareTable({ rows }: { rows: CloudAiShareTableRow[] }) {
  return (
    <DataTable
      label="AI share of cloud bills by cloud and month"
      columns={columns}
      data={rows}
      csvFileName="itemized-cloud-ai-share.csv"
      pageSize={12}
      filterPlaceholder="Filter clouds, months…"
    />
  );
}
