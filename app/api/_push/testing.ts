/** Test support for the push route tests: the route's connection, tokens and requests. Nothing in the app imports it. */
import type { Connection } from '@/db/client';
import { insertToken } from '@/db/queries/tokens';
import { newIngestToken, TOKEN_SCOPES, type TokenScope, tokenPrefix } from '@/lib/tokens';

/** Route handlers call getConnection(), which returns this process-wide cached promise: point it at the test database. */
export function useConnection(conn: Connection): void {
  (globalThis as unknown as { itemizedConnection?: Promise<Connection> }).itemizedConnection = Promise.resolve(conn);
}

export async function makeToken(
  conn: Connection,
  name: string,
  expiresAt: Date | null = null,
  scopes: readonly TokenScope[] = TOKEN_SCOPES,
): Promise<string> {
  const { token, hash } = await newIngestToken();
  await insertToken(conn, { name, hash, prefix: tokenPrefix(token), scopes, expiresAt });
  return token;
}

export function post(url: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${url}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

export async function count(conn: Connection, table = 'usage_events'): Promise<number> {
  const [r] = await conn.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.n);
}

/** A body that streams `total` bytes of JSONL-looking text in chunks, without announcing its length. */
export function streamOf(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const n = Math.min(chunk, total - sent);
      controller.enqueue(new TextEncoder().encode(`${'{"a":1}\n'.repeat(Math.ceil(n / 8))}`.slice(0, n)));
      sent += n;
    },
  });
}
