'use client';

import { useActionState } from 'react';
import { type PullActionState, pullNow } from './actions';

export function PullButton({ connection, disabled }: { connection: string; disabled: boolean }) {
  const [state, action, pending] = useActionState<PullActionState | null, FormData>(pullNow, null);
  return (
    <form action={action} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <input type="hidden" name="connection" value={connection} />
      <button type="submit" className="btn btn-sm" disabled={disabled || pending} aria-describedby={`pull-${connection}-status`}>
        {pending ? 'Pulling…' : 'Pull now'}
      </button>
      <output id={`pull-${connection}-status`} className={`small ${state?.ok === false ? 'text-bad' : 'muted'}`} aria-live="polite">
        {state?.message ?? ''}
      </output>
    </form>
  );
}
