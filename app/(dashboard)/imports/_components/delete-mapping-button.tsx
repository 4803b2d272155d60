'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { type DeleteMappingState, deleteMappingAction } from '../actions';

/** Delete with an inline confirmation: the first button asks, the second (focused, Escape cancels) deletes. */
export function DeleteMappingButton({ name }: { name: string }) {
  const [asking, setAsking] = useState(false);
  const [state, action, pending] = useActionState<DeleteMappingState | null, FormData>(deleteMappingAction, null);
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
        <button ref={ask} type="button" className="btn btn-sm" onClick={() => setAsking(true)} aria-label={`Delete mapping ${name}`}>
          Delete
        </button>
        {state && !state.ok ? <span className="small text-bad"> {state.message}</span> : null}
      </>
    );
  return (
    <form
      action={action}
      aria-label={`Confirm deleting mapping ${name}`}
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
      style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <input type="hidden" name="name" value={name} />
      <span className="small">Delete “{name}”? Data already loaded through it stays.</span>
      <button ref={confirm} type="submit" className="btn btn-sm btn-danger" disabled={pending}>
        {pending ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button type="button" className="btn btn-sm" onClick={cancel} disabled={pending}>
        Cancel
      </button>
    </form>
  );
}
