import type { Metadata } from 'next';
import { listPullStates, type PullStateRow } from '@/db/queries/pull-state';
import { requirePage } from '@/lib/auth/guard';
import { formatDateTime, formatInt } from '@/lib/format';
import { CONNECTIONS } from '@/lib/pull/connections';
import { keyOrigins } from '@/lib/pull/keys';
import { LITELLM_STATE_ID, safeDbUrl } from '@/lib/pull/litellm-db';
import { parseInterval } from '@/lib/pull/schedule';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { KeyForm } from './key-form';
import { PullButton } from './pull-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sources' };

const STATUS: Record<string, string> = { succeeded: 'badge-ok', failed: 'badge-bad', up_to_date: 'badge-neutral' };
const lastDay = (cursor: Date | null) => (cursor ? new Date(cursor.getTime() - 86_400_000).toISOString().slice(0, 10) : null);

export default async function SourcesPage() {
  await requirePage('/settings/sources');
  const c = await openPageConnection();
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const states = new Map((await listPullStates(c.conn)).map((s) => [s.id, s]));
  const origins = await keyOrigins(c.conn, CONNECTIONS);
  const every = process.env.ITEMIZED_PULL_EVERY;
  const scheduled = every && parseInterval(every) !== null ? every : null;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sources</h1>
          <p>
            Vendor admin APIs Itemized pulls from. A key comes from the server&apos;s environment or is stored here, encrypted under the
            server&apos;s auth secret (the environment wins when both exist); a key is never shown again, logged or audited. Only complete
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
        const origin = origins.get(def.id) ?? { from: 'none' };
        const hasKey = origin.from !== 'none';
        const base = process.env[def.baseUrlEnv] ?? def.defaultBaseUrl;
        return (
          <section key={def.id} className="card" aria-labelledby={`src-${def.id}`}>
            <div className="card-head">
              <div>
                <h2 id={`src-${def.id}`}>{def.label}</h2>
                <p className="small muted">
                  {base} · key{' '}
                  {origin.from === 'env' ? (
                    <span className="badge badge-ok">set in {def.keyEnv}</span>
                  ) : origin.from === 'settings' ? (
                    <>
                      <span className="badge badge-ok">stored in Settings</span> <code>{origin.hint}</code>
                    </>
                  ) : (
                    <span className="badge badge-warn">missing: set {def.keyEnv} or store one below</span>
                  )}
                </p>
              </div>
              <PullButton connection={def.id} disabled={!hasKey} />
            </div>
            <KeyForm connection={def.id} label={def.label} stored={origin.from === 'settings'} />
            <StateTable label={`${def.label}: pull state`}>
              {def.endpoints.map((ep) => (
                <EndpointRow key={ep.id} label={ep.label} state={states.get(`${def.id}/${ep.id}`)} />
              ))}
            </StateTable>
          </section>
        );
      })}
      <LitellmSection state={states.get(LITELLM_STATE_ID)} />
    </>
  );
}

function LitellmSection({ state }: { state: PullStateRow | undefined }) {
  const url = process.env.LITELLM_DATABASE_URL;
  return (
    <section className="card" aria-labelledby="src-litellm">
      <div className="card-head">
        <div>
          <h2 id="src-litellm">LiteLLM proxy database</h2>
          <p className="small muted">
            {url ? (
              <>
                {safeDbUrl(url)} · <span className="badge badge-ok">set in LITELLM_DATABASE_URL</span> · read-only session
              </>
            ) : (
              <span className="badge badge-warn">missing: set LITELLM_DATABASE_URL to the proxy&apos;s Postgres</span>
            )}
          </p>
        </div>
        <PullButton connection="litellm" disabled={!url} />
      </div>
      <StateTable label="LiteLLM proxy database: pull state">
        <EndpointRow label="LiteLLM_SpendLogs" state={state} cursorIsInstant />
      </StateTable>
    </section>
  );
}

function EndpointRow({ label, state, cursorIsInstant }: { label: string; state: PullStateRow | undefined; cursorIsInstant?: boolean }) {
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
      <td>{(cursorIsInstant ? formatDateTime(state.cursor?.toISOString() ?? null) : lastDay(state.cursor)) ?? '—'}</td>
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

function StateTable({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <table aria-label={label}>
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
      <tbody>{children}</tbody>
    </table>
  );
}
