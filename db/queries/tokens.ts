/**
 * Ingest tokens: create (the caller shows the plain token once), list, revoke, and authenticate a bearer token for
 * the push endpoints. Only SHA-256 hashes are stored (see lib/tokens.ts for why a fast hash suffices).
 */
import { formatScopes, parseScopes, type TokenScope } from '../../lib/tokens';
import type { Connection } from '../client';

export interface TokenInfo {
  id: number;
  name: string;
  /** `itm_` + 6 characters; null for tokens created before prefixes were kept. */
  prefix: string | null;
  scopes: TokenScope[];
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface TokenRow {
  id: number;
  name: string;
  prefix: string | null;
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
  prefix: r.prefix,
  scopes: parseScopes(r.scope),
  createdAt: new Date(r.created_at),
  expiresAt: date(r.expires_at),
  revokedAt: date(r.revoked_at),
  lastUsedAt: date(r.last_used_at),
});
const COLS = 'id, name, prefix, scope, created_at, expires_at, revoked_at, last_used_at';

export class TokenNameTakenError extends Error {
  readonly code = 'token_name_taken';
}

export type TokenStatus = 'active' | 'revoked' | 'expired';

export function tokenStatus(t: TokenInfo, now = Date.now()): TokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export async function insertToken(
  conn: Connection,
  t: { name: string; hash: string; prefix?: string | null; scopes: readonly TokenScope[]; expiresAt: Date | null },
): Promise<TokenInfo> {
  if (t.scopes.length === 0) throw new Error('a token needs at least one scope');
  const taken = await conn.query('SELECT 1 FROM ingest_tokens WHERE name = $1 AND revoked_at IS NULL', [t.name]);
  if (taken.length) throw new TokenNameTakenError(`an active token named "${t.name}" exists: revoke it first or pick another name`);
  const [row] = await conn.query<TokenRow>(
    `INSERT INTO ingest_tokens (name, token_hash, prefix, scope, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLS}`,
    [t.name, t.hash, t.prefix ?? null, formatScopes(t.scopes), t.expiresAt?.toISOString() ?? null],
  );
  return info(row);
}

/** Every token, newest first. */
export async function listTokens(conn: Connection): Promise<TokenInfo[]> {
  return (await conn.query<TokenRow>(`SELECT ${COLS} FROM ingest_tokens ORDER BY created_at DESC, id DESC`)).map(info);
}

/** Revokes the active token with this name; null when there is none. */
export async function revokeToken(conn: Connection, name: string): Promise<TokenInfo | null> {
  const [row] = await conn.query<TokenRow>(
    `UPDATE ingest_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING ${COLS}`,
    [name],
  );
  return row ? info(row) : null;
}

/** Revokes the token with this id (Settings › Tokens); null when it does not exist or is already revoked. */
export async function revokeTokenById(conn: Connection, id: number): Promise<TokenInfo | null> {
  const [row] = await conn.query<TokenRow>(
    `UPDATE ingest_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLS}`,
    [id],
  );
  return row ? info(row) : null;
}

export type AuthResult = { ok: true; token: TokenInfo } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'scope' };

/** Looks a token up by its hash, checks it is active and carries `scope`, and records its use. */
export async function authenticateToken(conn: Connection, hash: string, scope: TokenScope): Promise<AuthResult> {
  const [row] = await conn.query<TokenRow>(`SELECT ${COLS} FROM ingest_tokens WHERE token_hash = $1`, [hash]);
  if (!row) return { ok: false, reason: 'unknown' };
  const t = info(row);
  const status = tokenStatus(t);
  if (status !== 'active') return { ok: false, reason: status };
  if (!t.scopes.includes(scope)) return { ok: false, reason: 'scope' };
  await conn.query('UPDATE ingest_tokens SET last_used_at = now() WHERE id = $1', [t.id]);
  return { ok: true, token: t };
}
