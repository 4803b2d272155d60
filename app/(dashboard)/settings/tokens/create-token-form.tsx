'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { TOKEN_SCOPES } from '@/lib/tokens';
import { Field } from '../workflows/_components/form-field';
import { type CreateTokenState, createTokenAction } from './actions';
import { EXPIRY_PRESETS } from './token-input';

const SCOPE_HELP: Record<(typeof TOKEN_SCOPES)[number], string> = {
  'ingest:files': 'POST /api/ingest (files, logs, CSV)',
  'ingest:traces': 'POST /v1/traces (OpenTelemetry)',
};

/** Create a token; the answer carries the secret, shown here once with a copy button. */
export function CreateTokenForm() {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, { ok: false });
  const e = state.fieldErrors ?? {};
  return (
    <>
      {state.created ? <NewSecret key={state.created.token} created={state.created} /> : null}
      <form action={action} aria-label="Create token" className="card" style={{ display: 'grid', gap: 12 }}>
        <h2>Create a token</h2>
        <div className="form-actions" style={{ marginTop: 0, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Field id="token-name" label="Name" error={e.name} hint="who or what pushes with it, e.g. litellm-proxy">
            {(a) => <input {...a} name="name" required maxLength={100} autoComplete="off" />}
          </Field>
          <Field id="token-expires" label="Expires" error={e.expires}>
            {(a) => (
              <select {...a} name="expiresIn" defaultValue="">
                {EXPIRY_PRESETS.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="token-expires-on" label="or on (UTC, end of day)">
            {(a) => <input {...a} name="expiresOn" type="date" />}
          </Field>
        </div>
        <fieldset aria-describedby={e.scope ? 'token-scope-error' : undefined} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="small muted">Scopes</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" name="scope" value={s} defaultChecked />
              <code>{s}</code> <span className="small muted">{SCOPE_HELP[s]}</span>
            </label>
          ))}
          {e.scope ? (
            <span id="token-scope-error" className="field-error">
              {e.scope}
            </span>
          ) : null}
        </fieldset>
        <div>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
    </>
  );
}

function NewSecret({ created }: { created: NonNullable<CreateTokenState['created']> }) {
  const [copied, setCopied] = useState<string>('');
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('Copied to the clipboard.');
    } catch {
      box.current?.select();
      setCopied('Copy is blocked here: the token is selected, press Ctrl+C.');
    }
  };
  return (
    <section className="notice" aria-labelledby="new-token-title" style={{ marginBottom: 16 }}>
      <h2 id="new-token-title">Token “{created.name}” created</h2>
      <p className="small">
        Copy it now: it is shown once and stored only as a hash. Scopes {created.scopes.join(', ')};{' '}
        {created.expiresAt ? `expires ${created.expiresAt.slice(0, 16).replace('T', ' ')} UTC` : 'no expiry'}.
      </p>
      <div className="form-actions" style={{ marginTop: 8 }}>
        <label htmlFor="new-token-value" className="visually-hidden">
          New token
        </label>
        <input
          id="new-token-value"
          ref={box}
          readOnly
          value={created.token}
          onFocus={(ev) => ev.currentTarget.select()}
          style={{ fontFamily: 'var(--font-mono, monospace)', minWidth: '32rem', padding: '6px 8px', lineHeight: 1.5 }}
        />
        <button type="button" className="btn" onClick={copy}>
          Copy
        </button>
        <output className="small muted" aria-live="polite">
          {copied}
        </output>
      </div>
      <p className="small muted" style={{ marginTop: 8 }}>
        Use it as <code>Authorization: Bearer {created.token.slice(0, 10)}…</code>
      </p>
    </section>
  );
}
