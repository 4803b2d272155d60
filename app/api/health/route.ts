/** Liveness for Docker and the Playwright webServer: 200 {ok:true} once the database answers, else 503. */
import { NextResponse } from 'next/server';
import { getConnection } from '@/db/client';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET() {
  try {
    const conn = await getConnection();
    await conn.query('SELECT 1');
    return NextResponse.json({ ok: true, driver: conn.driver });
  } catch (e) {
    return NextResponse.json({ ok: false, error: e instanceof Error ? e.message : String(e) }, { status: 503 });
  }
}
