/**
 * Token hashing is the auth library's SHA-256 (`createHash` from @better-auth/utils/hash), stored as lower-case hex:
 * the same bytes as the node:crypto hex digests stored before, so tokens made earlier keep working.
 */
import { createHash as nodeCreateHash } from 'node:crypto';
import { createHash } from '@better-auth/utils/hash';
import { beforeEach, expect, test, vi } from 'vitest';
import { hashToken, looksLikeToken, newIngestToken } from './tokens';

/** Passes calls through to the real library and counts them, so the test sees that hashToken goes through it. */
const calls = vi.hoisted(() => ({ digest: 0 }));
vi.mock('@better-auth/utils/hash', async (importOriginal) => {
  const real = await importOriginal<typeof import('@better-auth/utils/hash')>();
  return {
    createHash: ((...args: Parameters<typeof real.createHash>) => {
      const h = real.createHash(...args);
      return {
        digest: (input: Parameters<typeof h.digest>[0]) => {
          calls.digest++;
          return h.digest(input);
        },
      };
    }) as typeof real.createHash,
  };
});

beforeEach(() => {
  calls.digest = 0;
});

const hex = (b: ArrayBuffer) => Buffer.from(b).toString('hex');

test('hashToken is the hex of the auth library SHA-256 and goes through it', async () => {
  const token = 'itm_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
  const lib = hex((await createHash('SHA-256').digest(token)) as ArrayBuffer);
  calls.digest = 0;
  expect(await hashToken(token)).toBe(lib);
  expect(calls.digest).toBe(1);
});

test('hashToken matches known SHA-256 vectors, lower-case hex (the stored format of existing tokens)', async () => {
  // FIPS 180-2 test vector.
  expect(await hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect(await hashToken('itm_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG')).toBe(
    'bf543ebf3be94a671848361f9e6a9526251746c37adefa9480de72447c0bf902',
  );
});

test('a new token is well formed and stored as its hash (identical to the old node:crypto hex digest)', async () => {
  const { token, hash } = await newIngestToken();
  expect(looksLikeToken(token)).toBe(true);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hash).toBe(nodeCreateHash('sha256').update(token, 'utf8').digest('hex'));
  expect(hash).toBe(await hashToken(token));
});
