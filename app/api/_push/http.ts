/**
 * Shared by the push endpoints (POST /api/ingest, POST /v1/traces): bearer-token authentication, the body size
 * limit (ITEMIZED_MAX_PUSH_BYTES, counted on the bytes as received, i.e. before any gunzip), and media types.
 */
import type { Connection } from '@/db/client';
import { authenticateToken, type TokenInfo } from '@/db/queries/tokens';
import { readEnv } from '@/lib/env';
import { hashToken, looksLikeToken } from '@/lib/tokens';

export function maxPushBytes(): number {
  return readEnv().ITEMIZED_MAX_PUSH_BYTES;
}

export function limitMessage(limit: number): string {
  const mib = limit / (1024 * 1024);
  return `request body exceeds the push limit of ${limit} bytes (${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB; set ITEMIZED_MAX_PUSH_BYTES to change it): split the payload into several requests`;
}

export type AuthOutcome = { ok: true; token: TokenInfo } | { ok: false; message: string };

const REASONS = {
  unknown: 'invalid token',
  revoked: 'token revoked',
  expired: 'token expired',
  scope: 'token not scoped to ingest',
} as const;

/** Reads `Authorization: Bearer itm_…`; the token is never logged or echoed. */
export async function authenticate(request: Request, conn: Connection): Promise<AuthOutcome> {
  const header = request.headers.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m)
    return {
      ok: false,
      message: 'missing bearer token: send "Authorization: Bearer itm_…" (create one with: itemized tokens create NAME)',
    };
  if (!looksLikeToken(m[1])) return { ok: false, message: REASONS.unknown };
  const r = await authenticateToken(conn, hashToken(m[1]));
  return r.ok ? r : { ok: false, message: REASONS[r.reason] };
}

export const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="itemized"' };

/** The media type without parameters, lower case; '' when absent. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** gzip (or none) is accepted; the reader recognises gzip by its magic bytes whatever the header says. */
export function unsupportedEncoding(request: Request): string | null {
  const enc = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  return enc === '' || enc === 'identity' || enc === 'gzip' || enc === 'x-gzip' ? null : enc;
}

/** Content-Length above the limit: refused before reading a byte. */
export function declaredTooLarge(request: Request, limit: number): boolean {
  const n = Number(request.headers.get('content-length'));
  return Number.isFinite(n) && n > limit;
}

class PushTooLargeError extends Error {}

/** The body as Buffers, stopping with an error once more than `limit` bytes arrived (exceeded() then says so). */
export function limitedBody(request: Request, limit: number): { input: AsyncIterable<Buffer>; exceeded: () => boolean } {
  let exceeded = false;
  async function* read(): AsyncIterable<Buffer> {
    if (!request.body) return;
    const reader = request.body.getReader();
    let bytes = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
        if (bytes > limit) {
          exceeded = true;
          throw new PushTooLargeError(limitMessage(limit));
        }
        yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }
  return { input: read(), exceeded: () => exceeded };
}
