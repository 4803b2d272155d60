/**
 * HTTP with retries for vendor admin APIs: 429 and 5xx (and network failures) are retried with
 * exponential backoff and full jitter, honouring Retry-After (seconds or an HTTP date). Other 4xx
 * fail at once. Messages never include request headers, so keys cannot leak into logs.
 */

export interface RetryOptions {
  /** Attempts after the first (default 5). */
  retries?: number;
  /** First backoff step in ms (default 1000); doubles per attempt, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each wait, e.g. to print "429, retrying in 2 s". */
  onRetry?: (info: { attempt: number; status: number | null; delayMs: number; url: string }) => void;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export class PullHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

/** Retry-After in ms, or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Math.round(Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Drops the query string's values that might carry secrets (none should, but be safe) and keeps the path readable. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

export async function fetchJsonWithRetry(
  url: string,
  init: RequestInit,
  opts: RetryOptions = {},
): Promise<{ text: string; json: unknown }> {
  const retries = opts.retries ?? 5;
  const base = opts.baseDelayMs ?? 1000;
  const cap = opts.maxDelayMs ?? 60_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    let status: number | null = null;
    let failure: string;
    let wait: number | null = null;
    try {
      const res = await fetch(url, init);
      status = res.status;
      const text = await res.text();
      if (res.ok) {
        try {
          return { text, json: JSON.parse(text) };
        } catch {
          throw new PullHttpError(`${describeUrl(url)}: expected a JSON response, got ${JSON.stringify(text.slice(0, 120))}`, status);
        }
      }
      failure = `${describeUrl(url)}: HTTP ${status} ${brief(text)}`;
      if (!RETRYABLE(status)) throw new PullHttpError(failure, status);
      wait = retryAfterMs(res.headers.get('retry-after'));
    } catch (e) {
      if (e instanceof PullHttpError) throw e;
      failure = `${describeUrl(url)}: ${(e as Error).message}`;
    }
    if (attempt >= retries) throw new PullHttpError(`${failure} (gave up after ${retries + 1} attempts)`, status);
    const delayMs = wait ?? Math.round(random() * Math.min(cap, base * 2 ** attempt));
    opts.onRetry?.({ attempt: attempt + 1, status, delayMs, url: describeUrl(url) });
    await sleep(delayMs);
  }
}

/** The vendor's error message, if the body is a JSON error object; else the first characters. */
function brief(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const m = typeof j.error === 'string' ? j.error : (j.error?.message ?? j.message);
    if (m) return `(${String(m).slice(0, 200)})`;
  } catch {}
  return text ? `(${text.slice(0, 120)})` : '';
}
