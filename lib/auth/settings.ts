/**
 * How sign-in is configured, from the environment: on (default) or demo mode, the cookie secret, the
 * public URL, and OpenID Connect when all of issuer, client id and client secret are set.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Env, readEnv } from '../env';
import type { Role } from './policy';

export interface OidcSettings {
  /** better-auth provider id: the IdP redirects back to ITEMIZED_URL/api/auth/callback/oidc. */
  providerId: 'oidc';
  name: string;
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** Role for a first sign-in by someone with no user yet; null = refuse them (an admin creates users). */
  signUpRole: Role | null;
}

export type OidcResult = { ok: true; oidc: OidcSettings | null } | { ok: false; error: string };

/** OpenID Connect from the environment: all three of issuer, client id, client secret, or none. */
export function oidcFromEnv(env: Env): OidcResult {
  const parts = {
    ITEMIZED_OIDC_ISSUER: env.ITEMIZED_OIDC_ISSUER,
    ITEMIZED_OIDC_CLIENT_ID: env.ITEMIZED_OIDC_CLIENT_ID,
    ITEMIZED_OIDC_CLIENT_SECRET: env.ITEMIZED_OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(parts)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 3) return { ok: true, oidc: null };
  if (missing.length > 0)
    return { ok: false, error: `OpenID Connect is half configured: set ${missing.join(' and ')} too (or unset all three).` };
  if (!env.ITEMIZED_URL)
    return { ok: false, error: 'OpenID Connect needs ITEMIZED_URL, the public URL the identity provider redirects back to.' };
  const issuer = env.ITEMIZED_OIDC_ISSUER!.replace(/\/+$/, '');
  return {
    ok: true,
    oidc: {
      providerId: 'oidc',
      name: env.ITEMIZED_OIDC_NAME ?? 'single sign-on',
      issuer,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      clientId: env.ITEMIZED_OIDC_CLIENT_ID!,
      clientSecret: env.ITEMIZED_OIDC_CLIENT_SECRET!,
      signUpRole: env.ITEMIZED_OIDC_SIGNUP_ROLE ?? null,
    },
  };
}

/** True when sign-in is off (ITEMIZED_AUTH=off): demo mode. */
export function authDisabled(env: Env = readEnv()): boolean {
  return env.ITEMIZED_AUTH === 'off';
}

/**
 * The secret that signs session cookies: ITEMIZED_AUTH_SECRET, else one generated on first use and
 * kept (owner-only) in the data folder, so that `npm start` needs no setup and sessions survive a
 * restart. Several servers behind one URL must share ITEMIZED_AUTH_SECRET instead.
 */
export function authSecret(env: Env = readEnv()): string {
  if (env.ITEMIZED_AUTH_SECRET) return env.ITEMIZED_AUTH_SECRET;
  const file = path.resolve(env.ITEMIZED_DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/** 127.0.0.0/8, ::1 and localhost: the only addresses demo mode may listen on. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/**
 * The address `next start`/`next dev` was told to listen on (-H/--hostname), else ITEMIZED_HOST (the CLI
 * passes it), else null: Next then listens on every interface.
 */
export function boundHost(argv: readonly string[], env: Env): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-H' || a === '--hostname') return argv[i + 1] ?? null;
    if (a.startsWith('--hostname=')) return a.slice('--hostname='.length);
  }
  return env.ITEMIZED_HOST ?? null;
}

/** Null when demo mode may run here; else the message to stop with. */
export function demoModeRefusal(host: string | null): string | null {
  if (host && isLoopback(host)) return null;
  return `Refusing to start with sign-in off (ITEMIZED_AUTH=off, demo mode) on ${host ?? 'every network interface'}: demo mode gives every visitor admin access, so it only listens on a loopback address. Bind to 127.0.0.1 (--host 127.0.0.1 / -H 127.0.0.1), or turn sign-in on (unset ITEMIZED_AUTH) and create an admin with \`itemized users create --email you@example.com --role admin\`.`;
}
