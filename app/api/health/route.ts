/**
 * Liveness for Docker and the Playwright webServer: 200 {ok:true} once the database answers, else 503.
 * Public (no sign-in), so it says nothing else: the reason for a failure goes to the server log only.
 */
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET() {
  try {
    const conn = await getConnection();
    await conn.query('SELECT 1');
    return NextResponse.json({ ok: true });
  } catch (e) {
    console.error('health: database unavailable:', e instanceof Error ? e.message : e);
    return NextResponse.json({ ok: false, error: 'database unavailable (see the server log)' }, { status: 503 });
  }
}
