/**
 * The access checks every page, route handler and server action makes (README "Guarding a new route"):
 *
 *   pages, layouts          await requirePage('/reasoning')     anonymous → /sign-in, wrong role → 403 page
 *   server actions          await requireActionRole('admin')    anonymous → 401, wrong role → 403
 *   route handlers          export const POST = withRole(['admin'], async (request, actor) => …)
 *                                                               anonymous → 401 JSON, wrong role → 403 JSON
 *
 * In demo mode (ITEMIZED_AUTH=off, loopback only) every check passes as the demo admin.
 */
import { headers } from 'next/headers';
import { forbidden, redirect, unauthorized } from 'next/navigation';
import { NextResponse } from 'next/server';
import { cache } from 'react';
import { getAuth } from './instance';
import { type Actor, isRole, PAGE_ROLES, PATH_HEADER, type PagePath, type Role, rolesForPath } from './policy';
import { authDisabled } from './settings';

export const DEMO_ACTOR: Actor = { id: 'demo', email: 'demo', name: 'Demo (sign-in off)', role: 'admin', demo: true };

async function actorFrom(h: Headers): Promise<Actor | null> {
  if (authDisabled()) return DEMO_ACTOR;
  const auth = await getAuth();
  const s = await auth.api.getSession({ headers: h });
  if (!s) return null;
  return { id: s.user.id, email: s.user.email, name: s.user.name, role: isRole(s.user.role) ? s.user.role : null, demo: false };
}

/** The signed-in user of this request (demo admin in demo mode), or null; read once per request. */
export const getActor = cache(async (): Promise<Actor | null> => actorFrom(await headers()));

function allowed(actor: Actor, roles: readonly Role[]): boolean {
  return actor.role !== null && roles.includes(actor.role);
}

/** Server components: redirects anonymous visitors to /sign-in (back here afterwards), shows 403 to other roles. */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const here = (await headers()).get(PATH_HEADER);
    redirect(here ? `/sign-in?next=${encodeURIComponent(here)}` : '/sign-in');
  }
  if (!allowed(actor, roles)) forbidden();
  return actor;
}

/** A dashboard page's guard: the roles come from PAGE_ROLES (lib/auth/policy.ts). */
export async function requirePage(path: PagePath): Promise<Actor> {
  return requireRole(...PAGE_ROLES[path]);
}

/**
 * The dashboard layout's guard, by the path the proxy recorded. It runs before anything streams, so a
 * full page load answers with a real 307 or 403; the page's own requirePage covers client-side
 * navigation, where the shared layout is not rendered again.
 */
export async function requireCurrentPage(): Promise<Actor> {
  const path = ((await headers()).get(PATH_HEADER) ?? '').split('?')[0];
  return requireRole(...rolesForPath(path));
}

/** Server actions: 401 for anonymous callers, 403 for other roles; nothing of the action runs. */
export async function requireActionRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) unauthorized();
  if (!allowed(actor, roles)) forbidden();
  return actor;
}

/** Route handlers: wraps a handler so it runs only for the given roles, with the caller as `actor`. */
export function withRole<A extends unknown[]>(
  roles: readonly Role[],
  handler: (request: Request, actor: Actor, ...rest: A) => Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const actor = await actorFrom(request.headers);
    if (!actor) return NextResponse.json({ error: 'Not signed in: sign in at /sign-in first.' }, { status: 401 });
    if (!allowed(actor, roles))
      return NextResponse.json({ error: `Forbidden: this needs the ${roles.join(' or ')} role.` }, { status: 403 });
    return handler(request, actor, ...rest);
  };
}
