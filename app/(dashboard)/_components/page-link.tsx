/**
 * A link to another dashboard page that only the roles allowed there see (lib/auth/policy.ts PAGE_ROLES): a
 * finance user is not sent from the overview to the reasoning audit, nor an analyst to Settings, only to get a
 * 403. Others see `fallback` (default: nothing) — e.g. plain text saying who can make the change.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getActor } from '@/lib/auth/guard';
import { rolesForPath } from '@/lib/auth/policy';

export async function PageLink(props: { href: string; className?: string; children: ReactNode; fallback?: ReactNode }) {
  const actor = await getActor();
  const roles = rolesForPath(props.href.split(/[?#]/)[0]);
  if (actor?.role && roles.includes(actor.role)) {
    return (
      <Link href={props.href} className={props.className}>
        {props.children}
      </Link>
    );
  }
  return props.fallback ?? null;
}
