'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { SOURCE_IDS, type SubscriptionConfig } from '@/lib/config/types';
import { type FormState, saveSubscriptionAction } from '../actions';
import { Field, FormErrors } from './form-field';

/** Add (index null) or edit one flat-rate plan. */
export function SubscriptionForm({ subscription: s, index }: { subscription: SubscriptionConfig | null; index: number | null }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveSubscriptionAction, { ok: false });
  const e = state.fieldErrors ?? {};
  /** The submitted value after a refusal, else the stored one. */
  const v = (k: string, stored: string) => state.values?.[k]?.[0] ?? stored;
  return (
    <form action={action} aria-label={index === null ? 'New subscription' : `Edit subscription ${s?.plan ?? ''}`} noValidate>
      <FormErrors errors={state.errors} />
      <input type="hidden" name="index" value={index ?? ''} />
      <div className="form-grid">
        <Field id="sub-vendor" label="Vendor" error={e.vendor} hint="Who bills it, e.g. anthropic">
          {(a) => <input {...a} name="vendor" type="text" defaultValue={v('vendor', s?.vendor ?? '')} required />}
        </Field>
        <Field id="sub-plan" label="Plan" error={e.plan}>
          {(a) => <input {...a} name="plan" type="text" defaultValue={v('plan', s?.plan ?? '')} required />}
        </Field>
        <Field id="sub-seats" label="Seats" error={e.seats}>
          {(a) => <input {...a} name="seats" type="number" min={1} step={1} defaultValue={v('seats', String(s?.seats ?? 1))} required />}
        </Field>
        <Field id="sub-price" label="USD per seat per month" error={e.monthly_price_per_seat_usd}>
          {(a) => (
            <input
              {...a}
              name="monthly_price_per_seat_usd"
              type="text"
              inputMode="decimal"
              defaultValue={v('monthly_price_per_seat_usd', s?.monthlyPricePerSeatUsd ?? '')}
              required
            />
          )}
        </Field>
        <Field id="sub-start" label="First day" error={e.period_start} hint="Empty: open">
          {(a) => <input {...a} name="period_start" type="date" defaultValue={v('period_start', s?.periodStart ?? '')} />}
        </Field>
        <Field id="sub-end" label="Last day" error={e.period_end} hint="Empty: open">
          {(a) => <input {...a} name="period_end" type="date" defaultValue={v('period_end', s?.periodEnd ?? '')} />}
        </Field>
        <Field id="sub-team" label="Team that pays" error={e.team}>
          {(a) => <input {...a} name="team" type="text" defaultValue={v('team', s?.team ?? '')} />}
        </Field>
        <Field id="sub-users" label="Seat holders" error={e.users} hint="Comma-separated; empty: anyone's usage of the covered sources">
          {(a) => <input {...a} name="users" type="text" defaultValue={v('users', s?.users.join(', ') ?? '')} />}
        </Field>
        <fieldset className="checks wide" aria-describedby={e.covers ? 'sub-covers-error' : undefined}>
          <legend>Logs it covers</legend>
          {SOURCE_IDS.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                name="covers"
                value={id}
                defaultChecked={state.values ? (state.values.covers ?? []).includes(id) : (s?.covers.includes(id) ?? false)}
              />{' '}
              {id}
            </label>
          ))}
          {e.covers ? (
            <span id="sub-covers-error" className="field-error" style={{ flexBasis: '100%' }}>
              {e.covers}
            </span>
          ) : null}
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save subscription'}
        </button>
        <Link href="/settings/workflows#subscriptions" className="btn">
          Cancel
        </Link>
      </div>
    </form>
  );
}
