import { describe, expect, test } from 'vitest';
import { describeUrl, retryAfterMs } from './http';
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
