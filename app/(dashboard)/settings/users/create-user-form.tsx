'use client';

import { useActionState } from 'react';
import { ROLE_SUMMARY, ROLES } from '@/lib/auth/policy';
import { Field } from '../workflows/_components/form-field';
import { createUserAction, type UserFormState } from './actions';

/** Add a user with a role and a first password, or none for OpenID Connect sign-in only. */
export function CreateUserForm() {
  const [state, action, pending] = useActionState<UserFormState, FormData>(createUserAction, { ok: false });
  const e = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <form key={state.seq ?? 0} action={action} aria-label="Add user" className="card" style={{ display: 'grid', gap: 12 }}>
      <h2>Add a user</h2>
      <div className="form-actions" style={{ marginTop: 0, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Field id="user-email" label="Email" error={e.email}>
          {(a) => <input {...a} name="email" type="email" required autoComplete="off" defaultValue={v?.email ?? ''} />}
        </Field>
        <Field id="user-name" label="Name" hint="optional">
          {(a) => <input {...a} name="name" type="text" maxLength={100} autoComplete="off" defaultValue={v?.name ?? ''} />}
        </Field>
        <Field id="user-role" label="Role">
          {(a) => (
            <select {...a} name="role" defaultValue={v?.role ?? 'analyst'}>
              {ROLES.map((r) => (
                <option key={r} value={r} title={ROLE_SUMMARY[r]}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="user-password" label="First password" error={e.password} hint="at least 12 characters">
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" />}
        </Field>
      </div>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" name="oidcOnly" /> OpenID Connect only (no password; signs in through your identity provider)
      </label>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Adding…' : 'Add user'}
        </button>
        {state.message ? (
          <span role="status" className={state.ok ? 'small' : 'small text-bad'}>
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
