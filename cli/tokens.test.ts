/** `itemized tokens create | list | revoke` on both databases, and --expires parsing. */
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Connection } from '../db/client';
import { authenticateToken, TokenNameTakenError } from '../db/queries/tokens';
import { testDatabases } from '../db/testing';
import { hashToken, looksLikeToken } from '../lib/tokens';
import { createTokenCommand, listTokensCommand, parseExpiry, revokeTokenCommand } from './tokens';

test.each([
  ['2026-12-31', '2027-01-01T00:00:00.000Z'], // through the end of that UTC day
  ['2026-06-01T12:00:00Z', '2026-06-01T12:00:00.000Z'],
  ['30d', '2026-01-31T00:00:00.000Z'],
  ['12h', '2026-01-01T12:00:00.000Z'],
])('parseExpiry(%s)', (v, want) => {
  expect(parseExpiry(v, new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe(want);
});

test.each(['2026-02-30', 'tomorrow', '5w'])('parseExpiry(%s) is refused', (v) => {
  expect(parseExpiry(v)).toBeNull();
});

describe.each(testDatabases())('tokens on $name', (tdb) => {
  let conn: Connection;
  let out: string[];
  beforeAll(async () => {
    conn = await tdb.open();
  });
  afterAll(async () => {
    await conn?.close();
    await tdb.dispose();
  });
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  };

  test('create prints the token once; only its SHA-256 is stored; list never shows it', async () => {
    capture();
    const token = await createTokenCommand(conn, 'gateway', new Date(Date.now() + 86_400_000));
    expect(looksLikeToken(token)).toBe(true);
    expect(out.join('')).toBe(`${token}\n`);
    const rows = await conn.query<{ token_hash: string; scope: string; prefix: string }>(
      "SELECT token_hash, scope, prefix FROM ingest_tokens WHERE name = 'gateway'",
    );
    expect(rows).toEqual([{ token_hash: await hashToken(token), scope: 'ingest:files ingest:traces', prefix: token.slice(0, 10) }]);
    expect(JSON.stringify(await conn.query('SELECT * FROM ingest_tokens'))).not.toContain(token);
    capture();
    await listTokensCommand(conn);
    const listed = JSON.parse(out.join(''));
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'gateway',
        prefix: token.slice(0, 10),
        scopes: ['ingest:files', 'ingest:traces'],
        status: 'active',
        revoked_at: null,
        last_used_at: null,
      }),
    ]);
    expect(out.join('')).not.toContain(token);
    expect((await authenticateToken(conn, await hashToken(token), 'ingest:files')).ok).toBe(true);
  });

  test('an active name cannot be reused; revoke, then the name is free and the old token refused', async () => {
    capture();
    await expect(createTokenCommand(conn, 'gateway', null)).rejects.toBeInstanceOf(TokenNameTakenError);
    const [old] = await conn.query<{ token_hash: string }>("SELECT token_hash FROM ingest_tokens WHERE name = 'gateway'");
    await revokeTokenCommand(conn, 'gateway');
    expect(await authenticateToken(conn, old.token_hash, 'ingest:files')).toEqual({ ok: false, reason: 'revoked' });
    const fresh = await createTokenCommand(conn, 'gateway', null);
    expect((await authenticateToken(conn, await hashToken(fresh), 'ingest:traces')).ok).toBe(true);
    await expect(revokeTokenCommand(conn, 'nobody')).rejects.toThrow(/no active token named "nobody"/);
    capture();
    await listTokensCommand(conn);
    expect(JSON.parse(out.join('')).map((t: { status: string }) => t.status)).toEqual(['active', 'revoked']);
    // Every creation and revocation is in the audit log by the CLI user; no token value is.
    const log = await conn.query<{ actor: string; action: string; target: string }>(
      "SELECT actor, action, target FROM audit_events WHERE action LIKE 'token.%' ORDER BY id",
    );
    expect(log.map((e) => `${e.action} ${e.target}`)).toEqual(['token.create gateway', 'token.revoke gateway', 'token.create gateway']);
    expect(log.every((e) => e.actor.startsWith('cli'))).toBe(true);
    expect(JSON.stringify(await conn.query('SELECT * FROM audit_events'))).not.toContain(fresh);
  });

  test('a token scoped to traces only is refused for files (reason scope), and vice versa', async () => {
    capture();
    const traces = await createTokenCommand(conn, 'otel', null, ['ingest:traces']);
    expect((await authenticateToken(conn, await hashToken(traces), 'ingest:traces')).ok).toBe(true);
    expect(await authenticateToken(conn, await hashToken(traces), 'ingest:files')).toEqual({ ok: false, reason: 'scope' });
    const files = await createTokenCommand(conn, 'uploader', null, ['ingest:files']);
    expect(await authenticateToken(conn, await hashToken(files), 'ingest:traces')).toEqual({ ok: false, reason: 'scope' });
  });

  test("a legacy token with scope 'ingest' keeps both scopes; an expired one is refused as expired", async () => {
    await conn.query("INSERT INTO ingest_tokens (name, token_hash, scope) VALUES ('old', $1, 'ingest')", [await hashToken('itm_old')]);
    for (const s of ['ingest:files', 'ingest:traces'] as const)
      expect((await authenticateToken(conn, await hashToken('itm_old'), s)).ok).toBe(true);
    await conn.query("INSERT INTO ingest_tokens (name, token_hash, expires_at) VALUES ('gone', $1, now() - interval '1 second')", [
      await hashToken('itm_gone'),
    ]);
    expect(await authenticateToken(conn, await hashToken('itm_gone'), 'ingest:files')).toEqual({ ok: false, reason: 'expired' });
  });

  test('an expiry in the past is refused', async () => {
    capture();
    await expect(createTokenCommand(conn, 'late', new Date(Date.now() - 1000))).rejects.toThrow(/in the past/);
  });
});
