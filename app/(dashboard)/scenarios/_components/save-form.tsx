'use client';

/** Saves the rules now applied (the URL's) under a name; saving an existing name replaces its rules. */
import Link from 'next/link';
import { useActionState } from 'react';
import { type SaveScenarioState, saveScenarioAction } from '../actions';

export function SaveScenarioForm({ rules, defaultName }: { rules: string[]; defaultName: string }) {
  const [state, action, pending] = useActionState<SaveScenarioState, FormData>(saveScenarioAction, { ok: false });
  const nameError = state.fieldErrors?.name;
  return (
    <form action={action} aria-label="Save scenario" className="form-actions" style={{ marginTop: 0, alignItems: 'flex-end' }}>
      {rules.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rules keep their order and may repeat
        <input key={i} type="hidden" name="rule" value={r} />
      ))}
      <div className="field">
        <label htmlFor="scenario-name">Scenario name</label>
        <input
          id="scenario-name"
          name="name"
          type="text"
          defaultValue={defaultName}
          maxLength={120}
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? 'scenario-name-error' : undefined}
        />
        {nameError ? (
          <span id="scenario-name-error" className="field-error">
            {nameError}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending || rules.length === 0}>
        {pending ? 'Saving…' : 'Save scenario'}
      </button>
      <span role="status" className="small">
        {state.ok && state.saved ? (
          <>
            Saved “{state.saved.name}”. <Link href={`#saved-title`}>See saved scenarios</Link>
          </>
        ) : null}
        {state.fieldErrors?.rules ? <span className="field-error">{state.fieldErrors.rules}</span> : null}
        {state.error ? <span className="field-error">{state.error}</span> : null}
        {rules.length === 0 ? <span className="muted">Run a scenario with at least one rule to save it.</span> : null}
      </span>
    </form>
  );
}
