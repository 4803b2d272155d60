'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { type RevokeTokenState, revokeTokenAction } from './actions';

/** Revoke with an inline confirmation: the first button asks, the second (focused, Escape cancels) revokes. */
export function RevokeButton({ id, name }: { id: number; name: string }) {
  const [asking, setAsking] = useState(false);
  const [state, action, pending] = useActionState<RevokeTokenState | null, FormData>(revokeTokenAction, null);
  const confirm = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    requestAnimationFrame(() => ask.current?.focus());
  };
  if (!asking)
    return (
      <>
        <button ref={ask} type="button" className="btn btn-sm" onClick={() => setAsking(true)} aria-label={`Revoke ${name}`}>
          Revoke
        </button>
        {state && !state.ok ? <span className="small text-bad"> {state.message}</span> : null}
      </>
    );
  return (
    <form
      action={action}
      aria-label={`Confirm revoking ${name}`}
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
      style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <input type="hidden" name="id" value={id} />
      <span className="small">Revoke “{name}”? Pushes with it will get 401.</span>
      <button ref={confirm} type="submit" className="btn btn-sm btn-danger" disabled={pending}>
        {pending ? 'Revoking…' : 'Yes, revoke'}
      </button>
      <button type="button" className="btn btn-sm" onClick={cancel} disabled={pending}>
        Cancel
      </button>
    </form>
  );
}
