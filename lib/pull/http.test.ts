import { describe, expect, test } from 'vitest';
import { describeUrl, fetchJsonWithRetry, retryAfterMs } from './http';
import { parseInterval } from './schedule';

describe('pull helpers', () => {
  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('Thu, 26 Nov 2026 10:00:05 GMT', Date.parse('2026-11-26T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
  test('URLs are described without their query', () => {
    expect(describeUrl('https://api.openai.com/v1/organization/costs?start_time=1&page=abc')).toBe(
      'https://api.openai.com/v1/organization/costs',
    );
  });
  test('pull intervals', () => {
    expect(parseInterval('1h')).toBe(3_600_000);
    expect(parseInterval(' 30m ')).toBe(1_800_000);
    expect(parseInterval('2d')).toBe(172_800_000);
    expect(parseInterval('0h')).toBeNull();
    expect(parseInterval('hourly')).toBeNull();
    expect(parseInterval('1.5h')).toBeNull();
  });
});

describe('fetchJsonWithRetry against a local server', () => {
  /** Answers each request with the next [status, body, headers] and records nothing else. */
  async function serve(replies: [number, string, Record<string, string>?][]) {
    const { createServer } = await import('node:http');
    let n = 0;
    const server = createServer((_req, res) => {
      const [status, body, headers] = replies[Math.min(n++, replies.length - 1)];
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    return {
      url: `http://127.0.0.1:${port}/v1/x?key=secret`,
      calls: () => n,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  test('5xx and 429 are retried: exponential full-jitter backoff, Retry-After honoured, then the JSON page', async () => {
    const s = await serve([
      [503, '{"error":{"message":"overloaded"}}'],
      [502, 'bad gateway'],
      [429, '{"error":"slow down"}', { 'retry-after': '7' }],
      [200, '{"data":[1]}'],
    ]);
    const slept: number[] = [];
    const retries: { attempt: number; status: number | null; delayMs: number }[] = [];
    try {
      const r = await fetchJsonWithRetry(
        s.url,
        {},
        { baseDelayMs: 1000, sleep: async (ms) => void slept.push(ms), random: () => 0.5, onRetry: (x) => retries.push(x) },
      );
      expect(r.json).toEqual({ data: [1] });
      // Attempt k waits random x min(cap, base x 2^k): 0.5 x 1000, 0.5 x 2000; the 429 waits what Retry-After says.
      expect(slept).toEqual([500, 1000, 7000]);
      expect(retries.map((x) => [x.attempt, x.status])).toEqual([
        [1, 503],
        [2, 502],
        [3, 429],
      ]);
      expect(s.calls()).toBe(4);
    } finally {
      await s.close();
    }
  });

  test('a 4xx other than 429 fails at once; persistent 5xx gives up after retries + 1 attempts, URL without its query', async () => {
    const unauthorized = await serve([[401, '{"error":{"message":"invalid key"}}']]);
    try {
      await expect(fetchJsonWithRetry(unauthorized.url, {}, { sleep: async () => {} })).rejects.toThrow(
        /^http:\/\/127\.0\.0\.1:\d+\/v1\/x: HTTP 401 \(invalid key\)$/,
      );
      expect(unauthorized.calls()).toBe(1);
    } finally {
      await unauthorized.close();
    }
    const down = await serve([[500, 'oops']]);
    try {
      await expect(fetchJsonWithRetry(down.url, {}, { retries: 2, sleep: async () => {} })).rejects.toThrow(
        /HTTP 500 \(oops\) \(gave up after 3 attempts\)/,
      );
      expect(down.calls()).toBe(3);
    } finally {
      await down.close();
    }
  });
});
