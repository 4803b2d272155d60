'use client';

import { ErrorPanel } from '@/app/_components/error-panel';

/** Catches what the dashboard boundary cannot: errors in the dashboard layout itself. */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} />;
}
