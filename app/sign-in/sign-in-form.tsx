'use client';

/**
 * Email and password, and "Sign in with <IdP>" when OpenID Connect is configured. Both go to the
 * library's endpoints (/api/auth/sign-in/*), which rate-limit attempts, check the password and set
 * the session cookie; this form only collects the input and shows the outcome.
 */
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { authClient } from '@/lib/auth/client';

export function SignInForm({ next, oidcName }: { next: string; oidcName: string | null }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const { error: failed } = await authClient.signIn.email({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (failed) {
      setBusy(false);
      setError(failed.status === 429 ? 'Too many attempts: wait a minute and try again.' : (failed.message ?? 'Sign-in failed.'));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  async function onOidc() {
    setBusy(true);
    setError(null);
    const { error: failed } = await authClient.signIn.social({ provider: 'oidc', callbackURL: next, errorCallbackURL: '/sign-in' });
    if (failed) {
      setBusy(false);
      setError(failed.message ?? 'Could not reach the identity provider.');
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} className="sign-in-form" aria-label="Sign in" aria-describedby={error ? `${id}-error` : undefined}>
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} name="email" type="email" autoComplete="username" required />
        <label htmlFor={`${id}-password`}>Password</label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required />
        {error ? (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName ? (
        <button type="button" className="btn" onClick={onOidc} disabled={busy}>
          Sign in with {oidcName}
        </button>
      ) : null}
    </>
  );
}
