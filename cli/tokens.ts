/**
 * `itemized tokens create NAME [--expires-in D] [--scope S] | list | revoke NAME`: bearer tokens for POST /api/ingest and /v1/traces.
 * Creations and revocations go to the audit log as "cli:<os user>" (name, scopes, expiry; never the token).
 */
import type { Connection } from '../db/client';
import { recordAudit } from '../db/queries/audit-log';
import { insertToken, listTokens, revokeToken, tokenStatus } from '../db/queries/tokens';
import { newIngestToken, parseExpiry, TOKEN_SCOPES, type TokenScope, tokenPrefix } from '../lib/tokens';
import { cliActor } from './cli-actor';

export { parseExpiry };

export async function createTokenCommand(
  conn: Connection,
  name: string,
  expiresAt: Date | null,
  scopes: readonly TokenScope[] = TOKEN_SCOPES,
): Promise<string> {
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new Error(`--expires-in ${expiresAt.toISOString()} is in the past`);
  const { token, hash } = await newIngestToken();
  const t = await insertToken(conn, { name, hash, prefix: tokenPrefix(token), scopes, expiresAt });
  await recordAudit(conn, {
    actor: cliActor(),
    action: 'token.create',
    target: t.name,
    detail: { scopes: t.scopes, expiresAt: t.expiresAt?.toISOString() ?? null },
  });
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `token "${t.name}" created (scopes ${t.scopes.join(', ')}${t.expiresAt ? `, expires ${t.expiresAt.toISOString()}` : ', no expiry'}). ` +
      'It is shown once and stored only as a hash: copy it now. Use it as "Authorization: Bearer <token>".\n',
  );
  return token;
}

export async function listTokensCommand(conn: Connection): Promise<void> {
  const rows = (await listTokens(conn)).map((t) => ({
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    status: tokenStatus(t),
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
  }));
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

export async function revokeTokenCommand(conn: Connection, name: string): Promise<void> {
  const t = await revokeToken(conn, name);
  if (!t) throw new Error(`no active token named "${name}" (itemized tokens list shows them)`);
  await recordAudit(conn, { actor: cliActor(), action: 'token.revoke', target: name });
  process.stdout.write(`token "${name}" revoked; pushes with it now get 401\n`);
}
