'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { REQUEST_PAGE_SIZES, type RequestsParams, requestsHref } from '@/lib/explorer-links';

/** Rows per page of the drill-down; changing it starts again from the first page. */
export function RequestsPageSize({ params }: { params: RequestsParams }) {
  const router = useRouter();
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>Rows per page</label>
      <select
        id={id}
        value={params.size}
        onChange={(e) =>
          router.push(requestsHref({ from: params.from, to: params.to, filters: params.filters }, { size: Number(e.target.value) }))
        }
      >
        {REQUEST_PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </span>
  );
}
