/**
 * Runs before every page request (not /api, not static files):
 * - the requested path, for the layout's role check and sign-in's return address;
 * - anonymous page loads (no session cookie at all) go straight to /sign-in. This is only the fast
 *   path: the session is verified, and the role checked, by the guards in every layout, page, route
 *   and action (lib/auth/guard.ts).
 * /api is left out on purpose: a proxy makes Next.js buffer request bodies (10 MB by default), which
 * would truncate uploads.
 */
import { getSessionCookie } from 'better-auth/cookies';
import { type NextRequest, NextResponse } from 'next/server';
import { PATH_HEADER, PUBLIC_PAGES } from './lib/auth/policy';
import { readEnv } from './lib/env';

export function proxy(request: NextRequest) {
  const env = readEnv();
  const { pathname, search } = request.nextUrl;
  const here = `${pathname}${search}`;

  const isPublic = (PUBLIC_PAGES as readonly string[]).includes(pathname);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  // Only page loads are redirected; a server action (POST) reaches its guard and answers 401.
  if (env.ITEMIZED_AUTH === 'on' && !isPublic && isRead && !getSessionCookie(request)) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' && !search ? '' : `?next=${encodeURIComponent(here)}`;
    return NextResponse.redirect(url);
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, here);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|icon\\.svg|favicon\\.ico|robots\\.txt).*)'],
};
