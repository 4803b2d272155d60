/**
 * `itemized tokens create NAME [--expires D] | list | revoke NAME`: bearer tokens for POST /api/ingest and /v1/traces.
 * Creations and revocations go to the audit log as "cli:<os user>" (name, scope, expiry; never the token).
 */
import type { Connection } from '../db/client';
import { recordAudit } from '../db/queries/audit-log';
import { insertToken, listTokens, revokeToken, type TokenInfo } from '../db/queries/tokens';
import { newIngestToken } from '../lib/tokens';
import { cliActor } from './cli-actor';

/**
 * When a token stops working: a day YYYY-MM-DD means through the end of that UTC day; an ISO instant is taken as
 * is; `30d` / `12h` count from now. Returns null for an unparseable value.
 */
export function parseExpiry(v: string, now = new Date()): Date | null {
  const rel = /^(\d+)([dh])$/.exec(v.trim());
  if (rel) return new Date(now.getTime() + Number(rel[1]) * (rel[2] === 'd' ? 86_400_000 : 3_600_000));
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return null;
    return new Date(d.getTime() + 86_400_000);
  }
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function status(t: TokenInfo, now = Date.now()): 'active' | 'revoked' | 'expired' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export async function createTokenCommand(conn: Connection, name: string, expiresAt: Date | null): Promise<string> {
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw new Error(`--expires ${expiresAt.toISOString()} is in the past`);
  const { token, hash } = newIngestToken();
  const t = await insertToken(conn, { name, hash, expiresAt });
  await recordAudit(conn, {
    actor: cliActor(),
    action: 'token.create',
    target: t.name,
    detail: { scope: t.scope, expiresAt: t.expiresAt?.toISOString() ?? null },
  });
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `token "${t.name}" created (scope ingest${t.expiresAt ? `, expires ${t.expiresAt.toISOString()}` : ', no expiry'}). ` +
      'It is shown once and stored only as a hash: copy it now. Use it as "Authorization: Bearer <token>".\n',
  );
  return token;
}

export async function listTokensCommand(conn: Connection): Promise<void> {
  const rows = (await listTokens(conn)).map((t) => ({
    name: t.name,
    scope: t.scope,
    status: status(t),
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
