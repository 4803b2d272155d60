/**
 * Ingest tokens: create (the caller shows the plain token once), list, revoke by name, and authenticate a bearer
 * token for the push endpoints. Only SHA-256 hashes are stored (see lib/tokens.ts for why a fast hash suffices).
 */
import type { Connection } from '../client';

export interface TokenInfo {
  id: number;
  name: string;
  scope: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface TokenRow {
  id: number;
  name: string;
  scope: string;
  created_at: Date | string;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));
const info = (r: TokenRow): TokenInfo => ({
  id: Number(r.id),
  name: r.name,
  scope: r.scope,
  createdAt: new Date(r.created_at),
  expiresAt: date(r.expires_at),
  revokedAt: date(r.revoked_at),
  lastUsedAt: date(r.last_used_at),
});
const COLS = 'id, name, scope, created_at, expires_at, revoked_at, last_used_at';

export class TokenNameTakenError extends Error {
  readonly code = 'token_name_taken';
}

export async function insertToken(conn: Connection, t: { name: string; hash: string; expiresAt: Date | null }): Promise<TokenInfo> {
  const taken = await conn.query('SELECT 1 FROM ingest_tokens WHERE name = $1 AND revoked_at IS NULL', [t.name]);
  if (taken.length) throw new TokenNameTakenError(`an active token named "${t.name}" exists: revoke it first or pick another name`);
  const [row] = await conn.query<TokenRow>(
    `INSERT INTO ingest_tokens (name, token_hash, scope, expires_at) VALUES ($1, $2, 'ingest', $3) RETURNING ${COLS}`,
    [t.name, t.hash, t.expiresAt?.toISOString() ?? null],
  );
  return info(row);
}

export async function listTokens(conn: Connection): Promise<TokenInfo[]> {
  return (await conn.query<TokenRow>(`SELECT ${COLS} FROM ingest_tokens ORDER BY created_at, id`)).map(info);
}

/** Revokes the active token with this name; null when there is none. */
export async function revokeToken(conn: Connection, name: string): Promise<TokenInfo | null> {
  const [row] = await conn.query<TokenRow>(
    `UPDATE ingest_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING ${COLS}`,
    [name],
  );
  return row ? info(row) : null;
}

export type AuthResult = { ok: true; token: TokenInfo } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'scope' };

/** Looks a token up by its hash, checks it is active and scoped to ingest, and records its use. */
export async function authenticateToken(conn: Connection, hash: string, scope = 'ingest'): Promise<AuthResult> {
  const [row] = await conn.query<TokenRow>(`SELECT ${COLS} FROM ingest_tokens WHERE token_hash = $1`, [hash]);
  if (!row) return { ok: false, reason: 'unknown' };
  const t = info(row);
  if (t.revokedAt) return { ok: false, reason: 'revoked' };
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  if (t.scope !== scope) return { ok: false, reason: 'scope' };
  await conn.query('UPDATE ingest_tokens SET last_used_at = now() WHERE id = $1', [t.id]);
  return { ok: true, token: t };
}
