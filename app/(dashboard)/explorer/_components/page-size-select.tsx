'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { patchHref } from '@/lib/explorer-links';
import { type ExplorerView, PAGE_SIZES } from '@/lib/explorer-view';

/** Rows per page; changing it goes back to page 1 (updateExplorerView). */
export function PageSizeSelect({ view }: { view: ExplorerView }) {
  const router = useRouter();
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>Rows per page</label>
      <select id={id} value={view.pageSize} onChange={(e) => router.push(patchHref(view, { pageSize: Number(e.target.value) }))}>
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </span>
  );
}
