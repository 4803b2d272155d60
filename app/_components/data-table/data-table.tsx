'use client';

/**
 * Generic table (TanStack Table v8): sorting by column header, a text filter over every text
 * column, pagination, and a CSV download of the filtered, sorted rows (all pages). Each table
 * supplies its columns (a per-table columns.tsx); the CSV takes each column's raw value, so money
 * is exported as the exact decimal string, never the formatted cell.
 */
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type Row,
  type RowData,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useId, useState } from 'react';
import { compareUsd } from '@/lib/money';
import { ColumnHeader } from './column-header';
import { type CsvValue, downloadCsv, toCsv } from './csv';
import { Pagination } from './pagination';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    align?: 'left' | 'right';
    /** CSV column title (defaults to the column id). */
    csvHeader?: string;
    /** The column that names the row: rendered as a row header (th scope="row") for screen readers. */
    rowHeader?: boolean;
  }
}

/** Sorts exact decimal strings numerically (null lowest). */
export function sortByDecimal<T>(a: Row<T>, b: Row<T>, columnId: string): number {
  return compareUsd(a.getValue<string | null>(columnId), b.getValue<string | null>(columnId));
}

/** Sorts numbers with null (unknown) lowest. */
export function sortByNullableNumber<T>(a: Row<T>, b: Row<T>, columnId: string): number {
  const x = a.getValue<number | null>(columnId);
  const y = b.getValue<number | null>(columnId);
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x - y;
}

export interface DataTableProps<T> {
  /** Accessible name of the table (also used in the CSV file name). */
  label: string;
  columns: ColumnDef<T>[];
  data: T[];
  csvFileName: string;
  initialSorting?: SortingState;
  pageSize?: number;
  filterPlaceholder?: string;
}

export function DataTable<T>({
  label,
  columns,
  data,
  csvFileName,
  initialSorting = [],
  pageSize = 10,
  filterPlaceholder,
}: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [globalFilter, setGlobalFilter] = useState('');
  const filterId = useId();
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    initialState: { pagination: { pageSize } },
  });

  function exportCsv() {
    const cols = table.getVisibleLeafColumns().filter((c) => c.accessorFn);
    const rows = table.getPrePaginationRowModel().rows.map((r) => cols.map((c) => r.getValue<CsvValue>(c.id)));
    downloadCsv(
      csvFileName,
      toCsv(
        cols.map((c) => c.columnDef.meta?.csvHeader ?? c.id),
        rows,
      ),
    );
  }

  const rows = table.getRowModel().rows;
  const matched = table.getFilteredRowModel().rows.length;
  return (
    <div>
      <div className="table-tools">
        <div className="field">
          <label htmlFor={filterId} className="visually-hidden">
            Filter {label}
          </label>
          <input
            id={filterId}
            type="search"
            placeholder={filterPlaceholder ?? 'Filter rows…'}
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.target.value)}
          />
        </div>
        <button type="button" className="btn btn-sm" onClick={exportCsv} disabled={matched === 0}>
          Download CSV
        </button>
      </div>
      <div className="table-wrap">
        <table aria-label={label} className="table-nowrap data-table">
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <ColumnHeader key={h.id} header={h} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty-row">
                  {data.length === 0 ? 'No rows in this period.' : 'No rows match the filter.'}
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id}>
                  {r.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    const className = meta?.align === 'right' ? 'right' : undefined;
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={className}>
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id} className={className}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination table={table} label={label} />
    </div>
  );
}
