'use client';

/** Who is signed in, with which role, and Sign out (through the library's /api/auth/sign-out). */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { authClient } from '@/lib/auth/client';
import type { Actor } from '@/lib/auth/policy';

export function UserMenu({ actor }: { actor: Actor }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  if (actor.demo) return <p className="user-menu small">Demo mode: no sign-in</p>;
  async function signOut() {
    setBusy(true);
    await authClient.signOut();
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <div className="user-menu small">
      <span className="user-email" title={actor.email}>
        {actor.email}
      </span>
      <span className="badge badge-neutral">{actor.role ?? 'no role'}</span>
      <button type="button" className="btn btn-sm" onClick={signOut} disabled={busy}>
        Sign out
      </button>
    </div>
  );
}
