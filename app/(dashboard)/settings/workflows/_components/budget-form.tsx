'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { BudgetConfig } from '@/lib/config/types';
import { type FormState, saveBudgetAction } from '../actions';
import { Field, FormErrors } from './form-field';

/** Add (index null) or edit one monthly budget, for a team or a workflow. */
export function BudgetForm({ budget: b, index, names }: { budget: BudgetConfig | null; index: number | null; names: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveBudgetAction, { ok: false });
  const e = state.fieldErrors ?? {};
  /** The submitted value after a refusal, else the stored one. */
  const v = (k: string, stored: string) => state.values?.[k]?.[0] ?? stored;
  return (
    <form action={action} aria-label={index === null ? 'New budget' : `Edit budget ${b?.name ?? ''}`} noValidate>
      <FormErrors errors={[...(state.errors ?? []), ...(e._item ? [e._item] : [])]} />
      <input type="hidden" name="index" value={index ?? ''} />
      <div className="form-grid">
        <Field id="budget-scope" label="For a" error={e.scope}>
          {(a) => (
            <select {...a} name="scope" defaultValue={v('scope', b?.scope ?? 'team')}>
              <option value="team">team</option>
              <option value="workflow">workflow</option>
            </select>
          )}
        </Field>
        <Field id="budget-name" label="Team or workflow" error={e.name}>
          {(a) => (
            <>
              <input {...a} name="name" type="text" list="budget-names" defaultValue={v('name', b?.name ?? '')} required />
              <datalist id="budget-names">
                {names.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field id="budget-month" label="Month" error={e.month} hint="Empty: every month (a month's own budget wins)">
          {(a) => <input {...a} name="month" type="month" defaultValue={v('month', b?.month ?? '')} />}
        </Field>
        <Field id="budget-amount" label="USD per month" error={e.amount_usd}>
          {(a) => (
            <input {...a} name="amount_usd" type="text" inputMode="decimal" defaultValue={v('amount_usd', b?.amountUsd ?? '')} required />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save budget'}
        </button>
        <Link href="/settings/workflows#budgets" className="btn">
          Cancel
        </Link>
      </div>
    </form>
  );
}
