/**
 * Ingest bearer tokens: `itm_` + 32 random bytes (base64url, 43 characters). Stored only as their SHA-256, computed
 * with the auth library's own hasher (`createHash('SHA-256')` from `@better-auth/utils/hash`, WebCrypto underneath)
 * and kept as lower-case hex, no home-made crypto.
 *
 * Why a fast hash and not argon2/bcrypt: the secret is 256 random bits, not a password. There is no dictionary to
 * try, so a slow hash buys nothing (2^256 guesses stay out of reach at any hash speed) and would only add latency to
 * every push. This is the accepted scheme for random API keys: GitHub stores its tokens and Stripe its API keys as
 * fast (SHA-256-class) hashes. Passwords, being low-entropy, are another matter and need a slow hash.
 * It is also the auth library's own scheme for the random secrets it stores: better-auth keeps verification
 * tokens, one-time tokens and OTPs, when stored hashed, as SHA-256 through this same `createHash` (its
 * `defaultKeyHasher`, which encodes the digest as base64url where tokens here use hex); passwords get scrypt.
 */
import { randomBytes } from 'node:crypto';
import { createHash } from '@better-auth/utils/hash';

export const TOKEN_PREFIX = 'itm_';
const TOKEN_RE = /^itm_[A-Za-z0-9_-]{43}$/;

/** What a token may do: `ingest:files` = POST /api/ingest, `ingest:traces` = POST /v1/traces. */
export const TOKEN_SCOPES = ['ingest:files', 'ingest:traces'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function isTokenScope(s: string): s is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(s);
}

/**
 * Scopes are stored OAuth-style (RFC 6749 §3.3) as one space-separated string. `ingest`, the single scope of tokens
 * created before scopes were split, means every ingest scope.
 */
export function parseScopes(stored: string): TokenScope[] {
  const out = new Set<TokenScope>();
  for (const s of stored.split(/\s+/)) {
    if (s === 'ingest') for (const t of TOKEN_SCOPES) out.add(t);
    else if (isTokenScope(s)) out.add(s);
  }
  return TOKEN_SCOPES.filter((s) => out.has(s));
}

export function formatScopes(scopes: readonly TokenScope[]): string {
  return TOKEN_SCOPES.filter((s) => scopes.includes(s)).join(' ');
}

export async function newIngestToken(): Promise<{ token: string; hash: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: await hashToken(token) };
}

const sha256Hex = createHash('SHA-256', 'hex');

/** The stored form of a token: lower-case hex of the SHA-256 of its UTF-8 bytes (the same as tokens stored before). */
export function hashToken(token: string): Promise<string> {
  return sha256Hex.digest(token);
}

/**
 * The start of a token (`itm_` + 6 characters), stored so that lists can show which token is which. It gives away 36
 * of the 256 random bits; the 220 left are still far beyond guessing.
 */
export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}

/** True when the string has the shape of an Itemized token (checked before any database lookup). */
export function looksLikeToken(s: string): boolean {
  return TOKEN_RE.test(s);
}

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
