'use client';

/**
 * Store, replace or remove a vendor admin key (Settings › Sources). The field is a password input that is cleared
 * after saving; the page shows only the stored key's hint.
 */
import { useActionState, useEffect, useRef } from 'react';
import { type PullActionState, removeKeyAction, saveKeyAction } from './actions';

export function KeyForm({ connection, label, stored }: { connection: string; label: string; stored: boolean }) {
  const [saved, save, saving] = useActionState<PullActionState | null, FormData>(saveKeyAction, null);
  const [removed, remove, removing] = useActionState<PullActionState | null, FormData>(removeKeyAction, null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (saved?.ok && input.current) input.current.value = '';
  }, [saved]);
  return (
    <div className="key-form">
      <form action={save} aria-label={`Store ${label} key`} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <input type="hidden" name="connection" value={connection} />
        <label className="small" htmlFor={`key-${connection}`}>
          {stored ? 'Replace the stored key' : 'Store an admin key'}
        </label>
        <input
          ref={input}
          id={`key-${connection}`}
          name="key"
          type="password"
          autoComplete="off"
          required
          minLength={8}
          placeholder="admin key"
          style={{ width: 260 }}
        />
        <button type="submit" className="btn btn-sm" disabled={saving}>
          {saving ? 'Saving…' : 'Save key'}
        </button>
        <output className={`small ${saved?.ok === false ? 'text-bad' : 'muted'}`} aria-live="polite">
          {saved?.message ?? ''}
        </output>
      </form>
      {stored ? (
        <form action={remove} style={{ display: 'inline' }}>
          <input type="hidden" name="connection" value={connection} />
          <button type="submit" className="btn btn-sm btn-link" disabled={removing}>
            Remove stored key
          </button>
        </form>
      ) : null}
      <output className={`small ${removed?.ok === false ? 'text-bad' : 'muted'}`} aria-live="polite">
        {removed?.message ?? ''}
      </output>
    </div>
  );
}
