'use client';

import type { Header } from '@tanstack/react-table';
import { flexRender } from '@tanstack/react-table';

/** A <th> whose sortable title is a button; aria-sort tells assistive tech the current order. */
export function ColumnHeader<T>({ header }: { header: Header<T, unknown> }) {
  const col = header.column;
  const sorted = col.getIsSorted();
  const align = col.columnDef.meta?.align === 'right' ? 'right' : undefined;
  const title = header.isPlaceholder ? null : flexRender(col.columnDef.header, header.getContext());
  return (
    <th scope="col" className={align} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
      {col.getCanSort() ? (
        <button type="button" className="sort-btn" onClick={col.getToggleSortingHandler()}>
          {title}
          <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
        </button>
      ) : (
        title
      )}
    </th>
  );
}
