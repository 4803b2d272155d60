'use client';

import { useActionState } from 'react';
import { type FormState, importYamlAction } from '../actions';
import { Field } from './form-field';

/** Upload itemized.yaml: validated whole; nothing changes unless it has no error, and then it replaces the map. */
export function ImportForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(importYamlAction, { ok: false });
  return (
    <form action={action} aria-label="Import itemized.yaml">
      <div className="form-actions" style={{ marginTop: 0, alignItems: 'flex-end' }}>
        <Field id="yaml-file" label="itemized.yaml" error={state.fieldErrors?.file}>
          {(a) => <input {...a} name="file" type="file" accept=".yaml,.yml,text/yaml,application/yaml" required />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Importing…' : 'Import and replace the map'}
        </button>
      </div>
      {state.importErrors?.length ? (
        <div className="notice notice-bad" role="alert" style={{ marginTop: 10 }}>
          <p>
            <strong>Not imported: {state.importErrors.length} error(s).</strong> The map is unchanged.
          </p>
          <table aria-label="Import errors" style={{ marginTop: 6 }}>
            <thead>
              <tr>
                <th className="right">Line</th>
                <th>Where</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {state.importErrors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: errors keep their order and may repeat
                <tr key={i}>
                  <td className="right">{e.line}</td>
                  <td>
                    <code>{e.path || '(file)'}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </form>
  );
}
