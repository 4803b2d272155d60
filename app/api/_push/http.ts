/**
 * Shared by the push endpoints (POST /api/ingest, POST /v1/traces): bearer-token authentication with scopes, the
 * per-token rate limit (ITEMIZED_PUSH_RATE), the body size limit (ITEMIZED_MAX_PUSH_BYTES, counted on the bytes as
 * received, i.e. before any gunzip; the decompressed size is bounded in lib/ingest/gunzip.ts), and media types.
 */
import type { Connection } from '@/db/client';
import { authenticateToken, type TokenInfo } from '@/db/queries/tokens';
import { readEnv } from '@/lib/env';
import { RateLimiter } from '@/lib/rate-limit';
import { hashToken, looksLikeToken, type TokenScope } from '@/lib/tokens';

export function maxPushBytes(): number {
  return readEnv().ITEMIZED_MAX_PUSH_BYTES;
}

export function limitMessage(limit: number): string {
  const mib = limit / (1024 * 1024);
  return `request body exceeds the push limit of ${limit} bytes (${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB; set ITEMIZED_MAX_PUSH_BYTES to change it): split the payload into several requests`;
}

export type AuthOutcome =
  | { ok: true; token: TokenInfo }
  | { ok: false; status: 401 | 403 | 429; message: string; headers: Record<string, string> };

const REASONS = {
  unknown: 'invalid token',
  revoked: 'token revoked',
  expired: 'token expired',
} as const;

/** One limiter per process (cached on globalThis so that dev reloads keep it), rebuilt when ITEMIZED_PUSH_RATE changes. */
function limiter(): RateLimiter {
  const perMinute = readEnv().ITEMIZED_PUSH_RATE;
  const g = globalThis as unknown as { itemizedPushLimiter?: RateLimiter };
  if (g.itemizedPushLimiter?.perMinute !== perMinute) g.itemizedPushLimiter = new RateLimiter(perMinute);
  return g.itemizedPushLimiter;
}

/**
 * Reads `Authorization: Bearer itm_…` (never logged or echoed) and decides: 401 missing, unknown, revoked or
 * expired; 403 a valid token without `scope`; 429 over ITEMIZED_PUSH_RATE for this token (with Retry-After).
 */
export async function authenticate(request: Request, conn: Connection, scope: TokenScope): Promise<AuthOutcome> {
  const header = request.headers.get('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const unauthorized = (message: string) => ({ ok: false, status: 401, message, headers: WWW_AUTHENTICATE }) as const;
  if (!m)
    return unauthorized(
      'missing bearer token: send "Authorization: Bearer itm_…" (create one in Settings › Tokens or with itemized tokens create NAME)',
    );
  if (!looksLikeToken(m[1])) return unauthorized(REASONS.unknown);
  const r = await authenticateToken(conn, await hashToken(m[1]), scope);
  if (!r.ok) {
    if (r.reason !== 'scope') return unauthorized(REASONS[r.reason]);
    return {
      ok: false,
      status: 403,
      message: `token not allowed here: this endpoint needs scope ${scope} (create a token with it in Settings › Tokens or with itemized tokens create NAME --scope ${scope})`,
      headers: { 'WWW-Authenticate': `Bearer realm="itemized", error="insufficient_scope", scope="${scope}"` },
    };
  }
  const rate = limiter().take(String(r.token.id));
  if (!rate.ok)
    return {
      ok: false,
      status: 429,
      message: `rate limit exceeded: this token may push ${limiter().perMinute} requests per minute (ITEMIZED_PUSH_RATE); retry in ${rate.retryAfterSeconds} s`,
      headers: { 'Retry-After': String(rate.retryAfterSeconds) },
    };
  return r;
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
