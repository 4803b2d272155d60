'use client';

import { useActionState } from 'react';
import { ROLES } from '@/lib/auth/policy';
import { setDisabledAction, setRoleAction, type UserFormState } from './actions';

/** A user's role (select + Save) and enable/disable, each its own small form with its answer beside it. */
export function UserControls({ email, role, disabled }: { email: string; role: string | null; disabled: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<UserFormState | null, FormData>(setRoleAction, null);
  const [stateState, stateAction, statePending] = useActionState<UserFormState | null, FormData>(setDisabledAction, null);
  // The newer of the two answers (each form keeps its own).
  const answer = (roleState?.seq ?? 0) >= (stateState?.seq ?? 0) ? roleState : stateState;
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <form action={roleAction} aria-label={`Change the role of ${email}`} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="hidden" name="email" value={email} />
        <select key={role} name="role" defaultValue={role ?? ''} aria-label={`Role of ${email}`}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn-sm" disabled={rolePending}>
          {rolePending ? 'Saving…' : 'Save role'}
        </button>
      </form>
      <form action={stateAction} aria-label={`${disabled ? 'Enable' : 'Disable'} ${email}`}>
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
        <button type="submit" className={`btn btn-sm${disabled ? '' : ' btn-danger'}`} disabled={statePending}>
          {disabled ? 'Enable' : 'Disable'}
        </button>
      </form>
      {answer?.message ? (
        <span role="status" className={`small${answer.ok ? '' : ' text-bad'}`}>
          {answer.message}
        </span>
      ) : null}
    </div>
  );
}
