'use client';

import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';

export interface ConfirmActionState {
  ok: boolean;
  message: string;
}

/**
 * A destructive server action behind an inline confirmation: the first button asks, the second (focused; Escape or
 * Cancel returns focus to the first) submits `fields` as the form. A refusal's message is shown beside the button.
 */
export function ConfirmActionButton(props: {
  action: (prev: ConfirmActionState | null, form: FormData) => Promise<ConfirmActionState>;
  fields: Record<string, string | number>;
  /** Text of the first button, e.g. "Revoke". */
  label: string;
  /** Accessible name of the first button, e.g. "Revoke ci-token". */
  askLabel: string;
  /** Accessible name of the confirmation form. */
  formLabel: string;
  question: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
}) {
  const [asking, setAsking] = useState(false);
  const [state, action, pending] = useActionState<ConfirmActionState | null, FormData>(props.action, null);
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
        <button ref={ask} type="button" className="btn btn-sm" onClick={() => setAsking(true)} aria-label={props.askLabel}>
          {props.label}
        </button>
        {state && !state.ok ? <span className="small text-bad"> {state.message}</span> : null}
      </>
    );
  return (
    <form
      action={action}
      aria-label={props.formLabel}
      onKeyDown={(e) => e.key === 'Escape' && cancel()}
      style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}
    >
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <span className="small">{props.question}</span>
      <button ref={confirm} type="submit" className="btn btn-sm btn-danger" disabled={pending}>
        {pending ? props.pendingLabel : props.confirmLabel}
      </button>
      <button type="button" className="btn btn-sm" onClick={cancel} disabled={pending}>
        Cancel
      </button>
    </form>
  );
}
