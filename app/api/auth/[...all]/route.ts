/**
 * better-auth's own endpoints (/api/auth/sign-in/email, /api/auth/sign-out, /api/auth/get-session,
 * the OpenID Connect callback, the admin plugin's user management). The library checks sessions and
 * the admin role on each; sign-up is disabled (users come from `itemized users create`).
 * In demo mode there is no sign-in, so nothing here answers.
 */
import { NextResponse } from 'next/server';
import { getAuth } from '@/lib/auth/instance';
import { authDisabled } from '@/lib/auth/settings';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

async function handle(request: Request): Promise<Response> {
  if (authDisabled()) return NextResponse.json({ error: 'Sign-in is off (demo mode).' }, { status: 404 });
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
