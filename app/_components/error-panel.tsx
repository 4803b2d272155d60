'use client';

import { useEffect } from 'react';

/** Shared body of the error boundaries: production hides server messages, so show the digest to match server logs. */
export function ErrorPanel({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String((error as Error & { digest?: string }).digest ?? '') : '';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-bad" role="alert" style={{ margin: 24 }}>
      <h2>Something went wrong loading this page</h2>
      <p style={{ marginTop: 6 }}>{message}</p>
      {digest ? <p className="small muted">Reference in the server log: {digest}</p> : null}
      <p style={{ marginTop: 10 }}>
        <button type="button" className="btn" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </div>
  );
}
