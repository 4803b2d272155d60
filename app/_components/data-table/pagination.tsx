'use client';

import type { Table } from '@tanstack/react-table';

export function Pagination<T>({ table, label }: { table: Table<T>; label: string }) {
  const { pageIndex, pageSize } = table.getState().pagination;
  const total = table.getFilteredRowModel().rows.length;
  if (total <= pageSize) return null;
  const first = pageIndex * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span className="num">
        Rows {first}–{last} of {total}
      </span>
      <button type="button" className="btn btn-sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
        Previous
      </button>
      <button type="button" className="btn btn-sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
        Next
      </button>
    </nav>
  );
}
