/**
 * Runs before every page request (not /api, not static files):
 * - a Content-Security-Policy with a fresh nonce (lib/security/headers.ts), which Next.js applies to
 *   its scripts; the page itself is always rendered per request;
 * - the requested path, for the layout's role check and sign-in's return address;
 * - anonymous page loads (no session cookie at all) go straight to /sign-in. This is only the fast
 *   path: the session is verified, and the role checked, by the guards in every layout, page, route
 *   and action (lib/auth/guard.ts).
 * /api and /v1 (the OTLP receiver) are left out on purpose: a proxy makes Next.js buffer request bodies
 * (10 MB by default), which would truncate uploads and pushes. API responses get their headers from
 * next.config.ts.
 */
import { randomBytes } from 'node:crypto';
import { getSessionCookie } from 'better-auth/cookies';
import { type NextRequest, NextResponse } from 'next/server';
import { PATH_HEADER, PUBLIC_PAGES } from './lib/auth/policy';
import { readEnv } from './lib/env';
import { COMMON_HEADERS, pageCsp } from './lib/security/headers';

export function proxy(request: NextRequest) {
  const env = readEnv();
  const nonce = randomBytes(16).toString('base64');
  const csp = pageCsp(nonce, env.NODE_ENV === 'development');
  const { pathname, search } = request.nextUrl;
  const here = `${pathname}${search}`;

  const isPublic = (PUBLIC_PAGES as readonly string[]).includes(pathname);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  // Only page loads are redirected; a server action (POST) reaches its guard and answers 401.
  if (env.ITEMIZED_AUTH === 'on' && !isPublic && isRead && !getSessionCookie(request)) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' && !search ? '' : `?next=${encodeURIComponent(here)}`;
    const res = NextResponse.redirect(url);
    for (const [k, v] of Object.entries(COMMON_HEADERS)) res.headers.set(k, v);
    return res;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set(PATH_HEADER, here);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: ['/((?!api/|v1/|_next/static|_next/image|icon\\.svg|favicon\\.ico|robots\\.txt).*)'],
};
