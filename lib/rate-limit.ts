/**
 * A token bucket per key (here: per ingest token), in process memory. Each key may burst up to `perMinute` requests
 * and then gets one more every 60/perMinute seconds. In-process is enough for one server (the embedded database
 * allows exactly one); behind several replicas each would enforce its own share.
 */

export interface RateDecision {
  ok: boolean;
  /** Seconds until the next request would be allowed (0 when ok), for Retry-After. */
  retryAfterSeconds: number;
  /** Requests left in the bucket after this one. */
  remaining: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** perMinute <= 0 turns the limit off. `now` returns milliseconds (injectable for tests). */
  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    if (this.perMinute <= 0) return { ok: true, retryAfterSeconds: 0, remaining: Number.POSITIVE_INFINITY };
    const now = this.now();
    const perMs = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.prune(now);
      return { ok: true, retryAfterSeconds: 0, remaining: Math.floor(b.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)), remaining: 0 };
  }

  /** Full buckets carry no information: drop them now and then so the map stays as small as the set of busy keys. */
  private prune(now: number): void {
    if (this.buckets.size < 1000) return;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * (this.perMinute / 60_000) >= this.perMinute) this.buckets.delete(k);
  }
}
