'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { CRITICALITIES, type WorkflowConfig } from '@/lib/config/types';
import { type FormState, saveWorkflowAction } from '../actions';
import { fallbacksToText, matchToText } from '../config-edit';
import { Field, FormErrors } from './form-field';

/** Add (workflow null) or edit one workflow. Field names are itemized.yaml's keys, so import errors land beside their field. */
export function WorkflowForm(props: {
  /** The values to start from (a suggestion prefills a new one). */
  workflow: WorkflowConfig | null;
  /** The name of the workflow edited; null = a new one. */
  original: string | null;
  position: number;
  count: number;
}) {
  const { workflow, original, position, count } = props;
  const [state, action, pending] = useActionState<FormState, FormData>(saveWorkflowAction, { ok: false });
  const e = state.fieldErrors ?? {};
  /** The submitted value after a refusal, else the stored one. */
  const v = (k: string, stored: string) => state.values?.[k]?.[0] ?? stored;
  const w = workflow;
  return (
    <form action={action} aria-label={original ? `Edit workflow ${original}` : 'New workflow'} noValidate>
      <FormErrors errors={state.errors} />
      <input type="hidden" name="original" value={original ?? ''} />
      <div className="form-grid">
        <Field id="wf-name" label="Name" error={e.name} hint="Unique, e.g. support/ticket-triage">
          {(a) => <input {...a} name="name" type="text" defaultValue={v('name', w?.name ?? '')} required />}
        </Field>
        <Field id="wf-team" label="Owner team" error={e.team}>
          {(a) => <input {...a} name="team" type="text" defaultValue={v('team', w?.team ?? '')} required />}
        </Field>
        <Field id="wf-criticality" label="Criticality" error={e.criticality}>
          {(a) => (
            <select {...a} name="criticality" defaultValue={v('criticality', w?.criticality ?? 'important')}>
              {CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="wf-position" label="Position" error={e.position} hint={`1 to ${count}: the first matching workflow gets a usage line`}>
          {(a) => <input {...a} name="position" type="number" min={1} max={count} defaultValue={v('position', String(position))} />}
        </Field>
        <Field id="wf-description" label="Description" error={e.description} wide>
          {(a) => <input {...a} name="description" type="text" defaultValue={v('description', w?.description ?? '')} />}
        </Field>
        <Field
          id="wf-match"
          label="Match rules"
          error={e.match}
          wide
          hint="One rule per line; a line matches when all its fields do: field=value, value; field=value. Fields: workflow (the usage's workflow tag), project, team, environment, vendor, source, api_key, user."
        >
          {(a) => <textarea {...a} name="match" rows={3} defaultValue={v('match', w ? matchToText(w.match) : '')} required />}
        </Field>
        <Field id="wf-fallbacks" label="Declared fallbacks" error={e.fallbacks} wide hint="One per line, in preference order: vendor/model">
          {(a) => <textarea {...a} name="fallbacks" rows={2} defaultValue={v('fallbacks', w ? fallbacksToText(w) : '')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save workflow'}
        </button>
        <Link href="/settings/workflows#workflows" className="btn">
          Cancel
        </Link>
      </div>
    </form>
  );
}
