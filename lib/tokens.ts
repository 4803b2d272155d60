/**
 * Ingest bearer tokens: `itm_` + 32 random bytes (base64url, 43 characters). Stored as SHA-256 only. A fast hash is
 * enough because the secret has 256 bits of entropy: there is no dictionary to try, so bcrypt/scrypt would only add
 * latency to every push (unlike passwords, which are low-entropy and need a slow hash).
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'itm_';
const TOKEN_RE = /^itm_[A-Za-z0-9_-]{43}$/;

export function newIngestToken(): { token: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the string has the shape of an Itemized token (checked before any database lookup). */
export function looksLikeToken(s: string): boolean {
  return TOKEN_RE.test(s);
}
