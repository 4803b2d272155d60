import { expect, test } from 'vitest';
import { API_CSP, COMMON_HEADERS, pageCsp } from './headers';

test('production page policy: scripts by nonce only, no inline styles except attributes, no framing', () => {
  expect(pageCsp('abc123==')).toBe(
    "default-src 'self'; script-src 'self' 'nonce-abc123==' 'strict-dynamic'; style-src 'self' 'nonce-abc123=='; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  );
  expect(pageCsp('abc123==')).not.toContain('unsafe-eval');
});

test('development adds only what Next.js dev needs (eval for React dev tools, inline styles)', () => {
  const dev = pageCsp('n', true);
  expect(dev).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  expect(dev).toContain("style-src 'self' 'unsafe-inline'");
});

test('API answers allow nothing; every answer is nosniff, no-referrer-to-others and unframeable', () => {
  expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(COMMON_HEADERS).toMatchObject({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  });
});
