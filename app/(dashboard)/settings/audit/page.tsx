import type { Metadata } from 'next';
import Link from 'next/link';
import { listAuditEvents } from '@/db/queries/audit-log';
import { AUDIT_ACTIONS } from '@/lib/auth/audit-actions';
import { requirePage } from '@/lib/auth/guard';
import { formatInt } from '@/lib/format';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log' };

const PAGE_SIZE = 50;

/** Admin only: who signed in (or failed to), exported, or changed settings, tokens or users; newest first. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requirePage('/settings/audit');
  const c = await openPageConnection();
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const raw = (await searchParams).page;
  const asked = Number.parseInt(Array.isArray(raw) ? (raw[0] ?? '1') : (raw ?? '1'), 10);
  const log = await listAuditEvents(c.conn, { page: Number.isFinite(asked) && asked > 0 ? asked : 1, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const first = (log.page - 1) * log.pageSize + 1;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p>
            Sign-ins and failed sign-ins, exports, uploads and pulls, and changes to settings, tokens and users (including those made with
            the <code>itemized users</code> command), newest first. Entries are never edited or removed from here.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title" className="visually-hidden">
          Entries
        </h2>
        <div className="table-wrap">
          <table aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.length === 0 ? (
                <tr>
                  <td colSpan={5} className="empty-row">
                    {log.total === 0 ? 'Nothing recorded yet.' : 'No entries on this page.'}
                  </td>
                </tr>
              ) : (
                log.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="num table-nowrap">{r.occurredAt.toISOString().slice(0, 19).replace('T', ' ')}</td>
                    <td>{r.actor}</td>
                    <td>
                      <span className={`badge ${r.action === 'sign_in.failure' ? 'badge-bad' : 'badge-neutral'}`}>
                        {AUDIT_ACTIONS[r.action as keyof typeof AUDIT_ACTIONS] ?? r.action}
                      </span>
                    </td>
                    <td>{r.target ?? '—'}</td>
                    <td className="small">{r.detail ? <code>{JSON.stringify(r.detail)}</code> : '—'}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {log.total > 0 ? (
          <nav className="pager" aria-label="Audit log pages">
            <span className="num">
              Entries {formatInt(Math.min(first, log.total))}–{formatInt(Math.min(log.total, first + log.rows.length - 1))} of{' '}
              {formatInt(log.total)}
            </span>
            {log.page > 1 ? (
              <Link className="btn btn-sm" href={`/settings/audit?page=${log.page - 1}`}>
                Newer
              </Link>
            ) : null}
            {log.page < pages ? (
              <Link className="btn btn-sm" href={`/settings/audit?page=${log.page + 1}`}>
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
