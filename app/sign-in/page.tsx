import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getConnection } from '@/db/client';
import { countUsers } from '@/db/queries/users';
import { getActor } from '@/lib/auth/guard';
import { safeNextPath } from '@/lib/auth/policy';
import { authDisabled, oidcFromEnv } from '@/lib/auth/settings';
import { readEnv } from '@/lib/env';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

/** Public: the one page anonymous visitors may open. Signed-in visitors (and demo mode) go on to `next`. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (authDisabled() || (await getActor())) redirect(next);
  const oidc = oidcFromEnv(readEnv());
  const noUsers = (await countUsers(await getConnection())) === 0;
  return (
    <main className="sign-in" id="content">
      <div className="sign-in-card card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ¤
          </span>
          Itemized
        </div>
        <h1>Sign in</h1>
        {noUsers ? (
          <p className="notice" role="note">
            No users yet. Create the first admin on the server, then sign in here:
            <br />
            <code>npx itemized users create --email you@example.com --role admin</code>
          </p>
        ) : null}
        <SignInForm next={next} oidcName={oidc.ok && oidc.oidc ? oidc.oidc.name : null} />
      </div>
    </main>
  );
}
