import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { type FilterOptions, getFilterOptions } from '@/db/queries/overview';
import { requireCurrentPage } from '@/lib/auth/guard';
import { defaultPeriod } from '@/lib/filters';
import { loadDataExtent, openPageConnection, todayUtc } from './_components/connection';
import { FilterBar } from './_components/filter-bar';
import { SidebarNav } from './_components/sidebar-nav';
import { UserMenu } from './_components/user-menu';

// Reads the database on every request; nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Before any data is read: anonymous visitors are sent to /sign-in, other roles get 403 (see the guard).
  const actor = await requireCurrentPage();
  const c = await openPageConnection();
  let options: FilterOptions = { vendors: [], teams: [], workflows: [] };
  let latestDay: string | null = null;
  if (c.ok) {
    const [o, extent] = await Promise.all([getFilterOptions(c.conn.db), loadDataExtent(c.conn)]);
    options = o;
    latestDay = extent.lastDay;
  }
  const period = defaultPeriod(latestDay, todayUtc());
  return (
    <div className="shell">
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ¤
          </span>
          Itemized
        </div>
        <p className="brand-tag">AI spend, line by line</p>
        <SidebarNav role={actor.role} />
        <UserMenu actor={actor} />
        <p className="sidebar-foot">
          {c.ok ? `${c.conn.driver === 'pglite' ? 'Embedded database' : 'Postgres'}: ${c.conn.location}` : 'Database unavailable'}
        </p>
      </aside>
      <div className="main">
        <header className="topbar">
          <Suspense fallback={<div className="skeleton" style={{ height: 50 }} />}>
            <FilterBar hasData={latestDay !== null} defaultFrom={period.from} defaultTo={period.to} {...options} />
          </Suspense>
        </header>
        <main id="content" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
