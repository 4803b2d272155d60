/**
 * OpenID Connect as configured from the environment, against a small fake identity provider on
 * localhost (discovery, token, userinfo and JWKS endpoints; RS256 ID tokens): the authorization
 * request the library builds, the callback that links a CLI-created user, refuses an unknown one,
 * or creates one with ITEMIZED_OIDC_SIGNUP_ROLE. On both databases.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Connection } from '../../db/client';
import { testDatabases } from '../../db/testing';
import type { Env } from '../env';
import { createAuth } from './server';
import { oidcFromEnv } from './settings';
import { createUser } from './users';

const APP = 'http://127.0.0.1:3999';
const CLIENT_ID = 'itemized-test';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

interface Grant {
  nonce: string;
  challenge: string;
  user: { sub: string; email: string; name: string };
}

/** The identity provider: codes are handed out by the test (standing in for the user's consent). */
function fakeIdp() {
  const grants = new Map<string, Grant>();
  let issuer = '';
  const idToken = (g: Grant) => {
    const header = b64url(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' }));
    const now = Math.floor(Date.now() / 1000);
    const payload = b64url(
      JSON.stringify({ iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 300, nonce: g.nonce, email_verified: true, ...g.user }),
    );
    return `${header}.${payload}.${b64url(sign('sha256', Buffer.from(`${header}.${payload}`), privateKey))}`;
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    if (url.pathname === '/jwks')
      return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/token') {
      let body = '';
      for await (const c of req) body += c;
      const form = new URLSearchParams(body);
      const g = grants.get(form.get('code') ?? '');
      // PKCE: the verifier must hash to the challenge sent with the authorization request.
      const verifier = form.get('code_verifier') ?? '';
      if (!g || b64url(createHash('sha256').update(verifier).digest()) !== g.challenge) return json(400, { error: 'invalid_grant' });
      return json(200, {
        access_token: `at-${g.user.sub}`,
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken(g),
        scope: 'openid email profile',
      });
    }
    if (url.pathname === '/userinfo') {
      const g = [...grants.values()].find((x) => req.headers.authorization === `Bearer at-${x.user.sub}`);
      return g ? json(200, { ...g.user, email_verified: true }) : json(401, { error: 'invalid_token' });
    }
    json(404, {});
  });
  return {
    grants,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve(issuer);
        }),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const env = (issuer: string, extra: Partial<Env> = {}): Env =>
  ({
    ITEMIZED_URL: APP,
    ITEMIZED_OIDC_ISSUER: issuer,
    ITEMIZED_OIDC_CLIENT_ID: CLIENT_ID,
    ITEMIZED_OIDC_CLIENT_SECRET: 'test-secret',
    ...extra,
  }) as Env;

describe.each(testDatabases())('OpenID Connect sign-in on $name', (tdb) => {
  const idp = fakeIdp();
  let issuer: string;
  let conn: Connection;
  beforeAll(async () => {
    issuer = await idp.start();
    conn = await tdb.open();
  });
  afterAll(async () => {
    await idp.stop();
    await conn?.close();
    await tdb.dispose();
  });

  function auth(extra: Partial<Env> = {}) {
    const r = oidcFromEnv(env(issuer, extra));
    if (!r.ok) throw new Error(r.error);
    return createAuth(conn, { secret: 'oidc-test-secret-0123456789abcdefghijklmnop', baseURL: APP, oidc: r.oidc });
  }

  /** Starts sign-in as the browser would, "consents" at the IdP, then follows the callback. */
  async function signInAs(user: Grant['user'], extra: Partial<Env> = {}) {
    const a = auth(extra);
    const start = await a.handler(
      new Request(`${APP}/api/auth/sign-in/social`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP },
        body: JSON.stringify({ provider: 'oidc', callbackURL: '/reasoning', errorCallbackURL: '/sign-in' }),
      }),
    );
    expect(start.status).toBe(200);
    const authorize = new URL(((await start.json()) as { url: string }).url);
    const cookies = start.headers.getSetCookie().map((c) => c.split(';')[0]);
    const code = `code-${user.sub}-${Math.random()}`;
    idp.grants.set(code, {
      nonce: authorize.searchParams.get('nonce') ?? '',
      challenge: authorize.searchParams.get('code_challenge') ?? '',
      user,
    });
    const back = await a.handler(
      new Request(`${APP}/api/auth/callback/oidc?code=${encodeURIComponent(code)}&state=${authorize.searchParams.get('state')}`, {
        headers: { cookie: cookies.join('; ') },
      }),
    );
    const session = back.headers.getSetCookie().find((c) => c.startsWith('better-auth.session_token='));
    return { authorize, status: back.status, location: back.headers.get('location'), session: session?.split(';')[0] ?? null, auth: a };
  }

  test('the authorization request goes to the discovered endpoint with PKCE, nonce and our callback', async () => {
    const { authorize } = await signInAs({ sub: 'probe', email: 'probe@example.com', name: 'Probe' });
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP}/api/auth/callback/oidc`);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(authorize.searchParams.get('nonce')?.length).toBeGreaterThan(10);
  });

  test('someone with no Itemized user is refused when no sign-up role is set', async () => {
    const r = await signInAs({ sub: 'u-stranger', email: 'stranger@example.com', name: 'Stranger' });
    expect(r.status).toBe(302);
    expect(r.location).toMatch(/^\/sign-in\?error=/);
    expect(r.session).toBeNull();
    expect(await conn.query(`SELECT 1 FROM users WHERE email = 'stranger@example.com'`)).toEqual([]);
    // Two refusals: the probe of the first test was a stranger too.
    const refused = { actor: 'anonymous', action: 'sign_in.failure', detail: { method: '/callback/:id', reason: 'signup_disabled' } };
    expect(await conn.query(`SELECT actor, action, detail FROM audit_events ORDER BY id`)).toEqual([refused, refused]);
  });

  test('a user an admin created (no password) signs in through the IdP, keeping their role', async () => {
    await createUser(conn, { email: 'grace@example.com', role: 'analyst', password: null }, 'cli:test');
    const r = await signInAs({ sub: 'u-grace', email: 'grace@example.com', name: 'Grace' });
    expect(r.status).toBe(302);
    expect(r.location).toBe('/reasoning');
    const s = await r.auth.api.getSession({ headers: new Headers({ cookie: r.session ?? '' }) });
    expect(s?.user.email).toBe('grace@example.com');
    expect((s!.user as { role?: string }).role).toBe('analyst');
    expect(await conn.query(`SELECT provider_id, account_id FROM accounts ORDER BY provider_id`)).toEqual([
      { provider_id: 'oidc', account_id: 'u-grace' },
    ]);
    expect(await conn.query(`SELECT actor, action FROM audit_events WHERE action <> 'sign_in.failure' ORDER BY id`)).toEqual([
      { actor: expect.stringMatching(/^cli/), action: 'user.create' },
      { actor: 'grace@example.com', action: 'sign_in.success' },
    ]);
  });

  test('with ITEMIZED_OIDC_SIGNUP_ROLE a new person comes in with that role', async () => {
    const r = await signInAs({ sub: 'u-fin', email: 'fin@example.com', name: 'Fin' }, { ITEMIZED_OIDC_SIGNUP_ROLE: 'finance' });
    expect(r.location).toBe('/reasoning');
    const [row] = await conn.query<{ role: string }>(`SELECT role FROM users WHERE email = 'fin@example.com'`);
    expect(row.role).toBe('finance');
  });
});

describe('OpenID Connect settings from the environment', () => {
  const base = { ITEMIZED_URL: APP } as Env;
  test('none set: password sign-in only', () => {
    expect(oidcFromEnv(base)).toEqual({ ok: true, oidc: null });
  });
  test('half configured or without ITEMIZED_URL: a message naming what is missing', () => {
    expect(oidcFromEnv({ ...base, ITEMIZED_OIDC_ISSUER: 'https://idp.example.com' })).toEqual({
      ok: false,
      error: 'OpenID Connect is half configured: set ITEMIZED_OIDC_CLIENT_ID and ITEMIZED_OIDC_CLIENT_SECRET too (or unset all three).',
    });
    expect(oidcFromEnv({ ...env('https://idp.example.com'), ITEMIZED_URL: undefined })).toEqual({
      ok: false,
      error: 'OpenID Connect needs ITEMIZED_URL, the public URL the identity provider redirects back to.',
    });
  });
  test('all set: discovery under the issuer, trailing slash or not', () => {
    const r = oidcFromEnv({ ...env('https://idp.example.com/realms/acme/'), ITEMIZED_OIDC_NAME: 'Acme SSO' });
    expect(r).toEqual({
      ok: true,
      oidc: {
        providerId: 'oidc',
        name: 'Acme SSO',
        issuer: 'https://idp.example.com/realms/acme',
        discoveryUrl: 'https://idp.example.com/realms/acme/.well-known/openid-configuration',
        clientId: CLIENT_ID,
        clientSecret: 'test-secret',
        signUpRole: null,
      },
    });
  });
});
