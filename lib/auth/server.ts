/**
 * Sign-in, sessions and roles: better-auth with its drizzle adapter on the app's own database
 * connection (PGlite or Postgres). The library hashes passwords (scrypt), issues and checks the signed
 * session cookies and rate-limits sign-in; this file only configures it. Chosen over Auth.js v5
 * because it has email + password built in (Auth.js leaves credentials, hashing and database sessions
 * to the app), roles and user management in its admin plugin, and a generic OpenID Connect plugin.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { admin } from 'better-auth/plugins/admin';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import type { Connection } from '../../db/client';
import { recordAudit } from '../../db/queries/audit-log';
import { accounts, sessions, users, verifications } from '../../db/schema';
import type { Role } from './policy';
import type { OidcSettings } from './settings';

export interface AuthOptions {
  secret: string;
  /** Public URL; undefined = taken from each request (fine on one host name, required for OIDC). */
  baseURL?: string;
  oidc: OidcSettings | null;
}

/** The admin plugin's user-management permissions go to admins only; analysts and finance get none. */
const AUTH_ROLES = { admin: adminAc, analyst: userAc, finance: userAc } satisfies Record<Role, unknown>;

/** Sign-in attempts per IP and minute (the library's own limiter; its default is 3 per 10 s). */
const SIGN_IN_PER_MINUTE = 10;

/**
 * Why a sign-in endpoint failed, or null when it did not (or is not a sign-in). The library answers
 * a refused password with an error, but ends the OpenID Connect callback with a redirect either way:
 * to the page asked for, or to the error page with ?error=<code>.
 */
function signInFailure(path: string, returned: unknown): string | null {
  // isAPIError, not instanceof: the library's redirects come from its HTTP layer's own error class.
  if (!isAPIError(returned)) return null;
  if (path === '/sign-in/email') return returned.body?.code ?? returned.message.slice(0, 200);
  if (path !== '/callback/:id') return null;
  const location = new Headers(returned.headers).get('location');
  if (returned.statusCode !== 302) return returned.body?.code ?? returned.message.slice(0, 200);
  return location ? new URL(location, 'http://x').searchParams.get('error') : null;
}

function sameHostOrigins(request: Request | undefined): string[] {
  const host = request?.headers.get('host');
  return host ? [`http://${host}`, `https://${host}`] : [];
}

export function createAuth(conn: Connection, o: AuthOptions) {
  return betterAuth({
    appName: 'Itemized',
    secret: o.secret,
    baseURL: o.baseURL,
    // Without ITEMIZED_URL, the site is whatever host the browser asked for: a sign-in POST is accepted
    // when its Origin is that same host (the usual same-origin CSRF check), never from another site.
    // (Next.js hands route handlers a request URL built from its bind address, not from the Host header.)
    trustedOrigins: o.baseURL ? undefined : (request) => sameHostOrigins(request),
    database: drizzleAdapter(conn.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // Users are created by an admin (`itemized users create`), never by signing up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    account: { accountLinking: { enabled: true, trustedProviders: o.oidc ? [o.oidc.providerId] : [] } },
    rateLimit: { customRules: { '/sign-in/email': { window: 60, max: SIGN_IN_PER_MINUTE } } },
    telemetry: { enabled: false },
    logger: {
      level: 'warn',
      log: (level, message, ...args) => {
        // Without ITEMIZED_URL the origin comes from each request, which is what a one-host install wants;
        // the library warns about it on every start, and the CLI never serves requests at all.
        if (!o.baseURL && message.includes('Base URL is not set')) return;
        (level === 'error' ? console.error : console.warn)(`[auth] ${message}`, ...args);
      },
    },
    // Impersonation would let an admin act as anyone with no trace in the audit log; deleting oneself is an admin's job.
    disabledPaths: ['/admin/impersonate-user', '/admin/stop-impersonating', '/delete-user', '/update-user', '/change-email'],
    plugins: [
      admin({
        roles: AUTH_ROLES,
        adminRoles: ['admin'],
        defaultRole: o.oidc?.signUpRole ?? 'finance',
        bannedUserMessage: 'This account is disabled. Ask an Itemized admin.',
      }),
      ...(o.oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: o.oidc.providerId,
                  name: o.oidc.name,
                  discoveryUrl: o.oidc.discoveryUrl,
                  clientId: o.oidc.clientId,
                  clientSecret: o.oidc.clientSecret,
                  scopes: ['openid', 'email', 'profile'],
                  pkce: true,
                  requireIdTokenVerification: true,
                  // Without a sign-up role only people an admin already created may come in through the IdP.
                  disableImplicitSignUp: o.oidc.signUpRole === null,
                },
              ],
            }),
          ]
        : []),
      nextCookies(),
    ],
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            const user = await conn.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, session.userId), columns: { email: true } });
            await recordAudit(conn, {
              actor: user?.email ?? session.userId,
              action: 'sign_in.success',
              target: null,
              detail: { ip: session.ipAddress ?? null },
            });
          },
        },
      },
    },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        const failure = signInFailure(ctx.path, ctx.context.returned);
        if (!failure) return;
        const body = (ctx.body ?? {}) as { email?: unknown };
        const email = typeof body.email === 'string' ? body.email.toLowerCase().slice(0, 320) : null;
        await recordAudit(conn, {
          actor: email ?? 'anonymous',
          action: 'sign_in.failure',
          target: null,
          detail: { method: ctx.path, reason: failure },
        });
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
