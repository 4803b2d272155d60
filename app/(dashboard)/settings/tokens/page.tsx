import type { Metadata } from 'next';
import { listTokens, type TokenInfo, tokenStatus } from '@/db/queries/tokens';
import { requirePage } from '@/lib/auth/guard';
import { readEnv } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { openPageConnection } from '../../_components/connection';
import { DatabaseUnavailable } from '../../_components/database-unavailable';
import { CreateTokenForm } from './create-token-form';
import { RevokeButton } from './revoke-button';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Tokens' };

const iso = (d: Date | null) => formatDateTime(d?.toISOString() ?? null);

export default async function TokensPage() {
  await requirePage('/settings/tokens');
  const c = await openPageConnection();
  if (!c.ok) return <DatabaseUnavailable message={c.message} />;
  const tokens = await listTokens(c.conn);
  const rate = readEnv().ITEMIZED_PUSH_RATE;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Tokens</h1>
          <p>
            Bearer tokens for pushing data: <code>POST /api/ingest</code> (scope <code>ingest:files</code>) and <code>POST /v1/traces</code>{' '}
            (scope <code>ingest:traces</code>). Only a hash of each token is stored, so a token is shown once, when it is created. A revoked
            or expired token gets 401 at once; each token may push {rate === 0 ? 'without a rate limit' : `${rate} requests a minute`}{' '}
            (ITEMIZED_PUSH_RATE). The CLI does the same: <code>itemized tokens create|list|revoke</code>.
          </p>
        </div>
      </div>
      <CreateTokenForm />
      <section className="card" aria-labelledby="tokens-title">
        <div className="card-head">
          <h2 id="tokens-title">Tokens</h2>
        </div>
        {tokens.length === 0 ? (
          <div className="empty-block" role="status">
            <p>
              <strong>No tokens yet.</strong> Create one above, then push with it:
            </p>
            <pre className="small">
              curl -X POST http://HOST:3000/api/ingest -H &quot;Authorization: Bearer itm_…&quot; -H &apos;Content-Type:
              application/x-ndjson&apos; --data-binary @app-logs.jsonl
            </pre>
          </div>
        ) : (
          <div className="table-wrap">
            <table aria-label="Ingest tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <TokenRow key={t.id} t={t} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function TokenRow({ t }: { t: TokenInfo }) {
  const status = tokenStatus(t);
  return (
    <tr>
      <td>
        <strong>{t.name}</strong>
      </td>
      <td>{t.prefix ? <code>{t.prefix}…</code> : <span className="muted">—</span>}</td>
      <td>
        {t.scopes.map((s) => (
          <code key={s} style={{ marginRight: 6 }}>
            {s}
          </code>
        ))}
      </td>
      <td>{iso(t.createdAt)}</td>
      <td>{t.lastUsedAt ? iso(t.lastUsedAt) : <span className="muted">never</span>}</td>
      <td>{t.expiresAt ? iso(t.expiresAt) : <span className="muted">never</span>}</td>
      <td>
        {status === 'active' ? <span className="badge badge-ok">active</span> : null}
        {status === 'expired' ? <span className="badge badge-warn">expired</span> : null}
        {status === 'revoked' ? <span className="badge badge-bad">revoked {iso(t.revokedAt)}</span> : null}
      </td>
      <td>{status === 'revoked' ? null : <RevokeButton id={t.id} name={t.name} />}</td>
    </tr>
  );
}
