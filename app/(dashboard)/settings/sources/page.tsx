import type { Metadata } from 'next';
import { listPullStates, type PullStateRow } from '@/db/queries/pull-state';
import { formatDateTime, formatInt } from '@/lib/format';
import { CONNECTIONS } from '@/lib/pull/connections';
import { parseInterval } from '@/lib/pull/schedule';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { PullButton } from './pull-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sources' };

const STATUS: Record<string, string> = { succeeded: 'badge-ok', failed: 'badge-bad', up_to_date: 'badge-neutral' };
const lastDay = (cursor: Date | null) => (cursor ? new Date(cursor.getTime() - 86_400_000).toISOString().slice(0, 10) : null);

export default async function SourcesPage() {
  const c = await openPageConnection();
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const states = new Map((await listPullStates(c.conn)).map((s) => [s.id, s]));
  const every = process.env.ITEMIZED_PULL_EVERY;
  const scheduled = every && parseInterval(every) !== null ? every : null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sources</h1>
          <p>
            Vendor admin APIs Itemized pulls from. Keys are read from the server&apos;s environment and never shown or stored. Only complete
            UTC days are pulled; each pull starts where the last successful one ended, so pulling again adds nothing twice.{' '}
            {scheduled ? (
              <>
                Scheduled: every <strong>{scheduled}</strong> (ITEMIZED_PULL_EVERY).
              </>
            ) : (
              <>Not scheduled: set ITEMIZED_PULL_EVERY (e.g. 1h) to pull while the server runs, or run `itemized pull`.</>
            )}
          </p>
        </div>
      </div>
      {CONNECTIONS.map((def) => {
        const hasKey = Boolean(process.env[def.keyEnv]);
        const base = process.env[def.baseUrlEnv] ?? def.defaultBaseUrl;
        return (
          <section key={def.id} className="card" aria-labelledby={`src-${def.id}`}>
            <div className="card-head">
              <div>
                <h2 id={`src-${def.id}`}>{def.label}</h2>
                <p className="small muted">
                  {base} · key{' '}
                  {hasKey ? (
                    <span className="badge badge-ok">set in {def.keyEnv}</span>
                  ) : (
                    <span className="badge badge-warn">missing: set {def.keyEnv}</span>
                  )}
                </p>
              </div>
              <PullButton connection={def.id} disabled={!hasKey} />
            </div>
            <table aria-label={`${def.label}: pull state`}>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Loaded through</th>
                  <th scope="col">Last attempt</th>
                  <th scope="col">Status</th>
                  <th scope="col" style={{ textAlign: 'right' }}>
                    Rows added
                  </th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {def.endpoints.map((ep) => (
                  <EndpointRow key={ep.id} label={ep.label} state={states.get(`${def.id}/${ep.id}`)} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

function EndpointRow({ label, state }: { label: string; state: PullStateRow | undefined }) {
  if (!state)
    return (
      <tr>
        <td>{label}</td>
        <td colSpan={5} className="muted">
          Never pulled
        </td>
      </tr>
    );
  return (
    <tr>
      <td>{label}</td>
      <td>{lastDay(state.cursor) ?? '—'}</td>
      <td>{formatDateTime(state.lastAttemptAt?.toISOString() ?? null)}</td>
      <td>
        {state.lastStatus ? (
          <span className={`badge ${STATUS[state.lastStatus] ?? 'badge-neutral'}`}>{state.lastStatus.replace(/_/g, ' ')}</span>
        ) : (
          '—'
        )}
      </td>
      <td style={{ textAlign: 'right' }}>{formatInt(state.lastRowsInserted)}</td>
      <td className="small">{state.lastError ?? '—'}</td>
    </tr>
  );
}
