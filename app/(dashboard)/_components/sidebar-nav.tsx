'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { mayOpen, type Role } from '@/lib/auth/policy';

const ITEMS = [
  { href: '/', label: 'Overview', keepsFilters: true },
  { href: '/reasoning', label: 'Reasoning', keepsFilters: true },
  { href: '/accuracy', label: 'Accuracy', keepsFilters: true },
  { href: '/loops', label: 'Loops', keepsFilters: true },
  { href: '/reconciliation', label: 'Reconciliation', keepsFilters: true },
  { href: '/dependencies', label: 'Dependencies', keepsFilters: true },
  { href: '/scenarios', label: 'Scenarios', keepsFilters: true },
  // The explorer reads the same keys (from, to, vendor, team, workflow) as its own filters.
  { href: '/explorer', label: 'Explorer', keepsFilters: true },
  // Statement and budgets are per calendar month (?month=), with their own filters.
  { href: '/statement', label: 'Statement', keepsFilters: false },
  { href: '/budgets', label: 'Budgets', keepsFilters: false },
  { href: '/imports', label: 'Imports', keepsFilters: false },
  { href: '/settings/sources', label: 'Sources', keepsFilters: false },
  { href: '/settings/workflows', label: 'Workflows & budgets', keepsFilters: false },
  { href: '/settings/tokens', label: 'Tokens', keepsFilters: false },
  { href: '/settings/users', label: 'Users', keepsFilters: false },
  { href: '/settings/audit', label: 'Audit log', keepsFilters: false },
] as const;

/** The dashboard-wide filters carried from page to page (page-specific ones such as ?trace= are not). */
const SHARED_FILTERS = ['from', 'to', 'vendor', 'team', 'workflow'];

/** Only the pages the role may open are listed (the pages check again on the server). */
function NavList({ query, role }: { query: string; role: Role | null }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {ITEMS.filter((item) => mayOpen(role, item.href)).map((item) => {
          const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link href={item.keepsFilters && query ? `${item.href}?${query}` : item.href} aria-current={active ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function NavWithFilters({ role }: { role: Role | null }) {
  const params = useSearchParams();
  const kept = new URLSearchParams();
  for (const k of SHARED_FILTERS) {
    const v = params.get(k);
    if (v) kept.set(k, v);
  }
  return <NavList query={kept.toString()} role={role} />;
}

export function SidebarNav({ role }: { role: Role | null }) {
  return (
    <Suspense fallback={<NavList query="" role={role} />}>
      <NavWithFilters role={role} />
    </Suspense>
  );
}
