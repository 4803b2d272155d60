/**
 * The TCP connection postgres.js uses (its `socket` option), with Nagle's algorithm off as libpq sets it.
 *
 * Why: Node opens sockets with Nagle on and postgres.js leaves it so. A short message written while the server has
 * not yet acknowledged earlier data then waits for its delayed ACK (~40 ms on Linux). The loader hit that after every
 * COPY batch: the next statement took 45 ms instead of 0.5 ms to answer (21 times in a 1M-line ingest, 0.9 s in all;
 * 0.3 s with this socket, the rest being the client's own event-loop latency).
 */
import net from 'node:net';

/** The parsed options postgres.js passes to a custom socket factory (the fields used here). */
export interface SocketTarget {
  host: string[];
  port: number[];
  /** Unix-domain socket path (from a host starting with "/"): Nagle does not apply there. */
  path?: string | false;
  /** Seconds; postgres.js's default is 30. */
  connect_timeout?: number;
}

/** Connects to the first host that answers (postgres.js's multi-host order), with TCP_NODELAY set. */
export async function connectNoDelay(target: SocketTarget): Promise<net.Socket> {
  const timeoutMs = (target.connect_timeout ?? 30) * 1000;
  if (target.path) return open(() => net.connect(target.path as string), timeoutMs, String(target.path));
  let last: unknown;
  for (let i = 0; i < target.host.length; i++) {
    const host = decodeHost(target.host[i]);
    const port = target.port[i] ?? target.port[0];
    try {
      if (host.startsWith('/')) {
        // A socket folder (libpq's convention: postgres://user@%2Fvar%2Frun%2Fpostgresql/db): its .s.PGSQL.<port> file.
        const file = `${host.replace(/\/$/, '')}/.s.PGSQL.${port}`;
        return await open(() => net.connect(file), timeoutMs, file);
      }
      const socket = await open(() => net.connect({ host, port }), timeoutMs, `${host}:${port}`);
      socket.setNoDelay(true);
      return socket;
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

/** postgres.js passes a URL's host as written: a percent-encoded socket folder stays encoded. */
function decodeHost(host: string): string {
  try {
    return decodeURIComponent(host);
  } catch {
    return host;
  }
}

function open(connect: () => net.Socket, timeoutMs: number, where: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to ${where} timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
