/** The token bucket with a fake clock: burst, refill, Retry-After, per-key independence, 0 = off. */
import { expect, test } from 'vitest';
import { RateLimiter } from './rate-limit';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('a burst of perMinute requests passes, the next is refused with Retry-After until one refills', () => {
  const c = clock();
  const rl = new RateLimiter(60, c.now); // one per second
  for (let i = 0; i < 60; i++) expect(rl.take('a').ok).toBe(true);
  const refused = rl.take('a');
  expect(refused).toEqual({ ok: false, retryAfterSeconds: 1, remaining: 0 });
  c.advance(500);
  expect(rl.take('a').ok).toBe(false);
  c.advance(500);
  expect(rl.take('a')).toMatchObject({ ok: true, remaining: 0 });
  expect(rl.take('a').ok).toBe(false);
});

test('Retry-After is the wait for one request at slow rates, rounded up', () => {
  const c = clock();
  const rl = new RateLimiter(2, c.now); // one per 30 s
  expect(rl.take('a').ok).toBe(true);
  expect(rl.take('a').ok).toBe(true);
  expect(rl.take('a').retryAfterSeconds).toBe(30);
  c.advance(20_500);
  expect(rl.take('a').retryAfterSeconds).toBe(10);
  c.advance(9_500);
  expect(rl.take('a').ok).toBe(true);
});

test('buckets are per key, and refill never exceeds the burst', () => {
  const c = clock();
  const rl = new RateLimiter(3, c.now);
  for (let i = 0; i < 3; i++) rl.take('a');
  expect(rl.take('a').ok).toBe(false);
  expect(rl.take('b')).toMatchObject({ ok: true, remaining: 2 });
  c.advance(3_600_000);
  for (let i = 0; i < 3; i++) expect(rl.take('a').ok).toBe(true);
  expect(rl.take('a').ok).toBe(false);
});

test('0 turns the limit off', () => {
  const rl = new RateLimiter(0, () => 0);
  for (let i = 0; i < 10_000; i++) expect(rl.take('a').ok).toBe(true);
});
