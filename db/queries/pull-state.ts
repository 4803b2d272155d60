/** Cursors and last results of `itemized pull`, one row per vendor endpoint. */
import { eq } from 'drizzle-orm';
import type { Connection } from '../client';
import { pullState } from '../schema';

export type PullStateRow = typeof pullState.$inferSelect;

export async function getPullState(conn: Connection, id: string): Promise<PullStateRow | null> {
  const [row] = await conn.db.select().from(pullState).where(eq(pullState.id, id));
  return row ?? null;
}

export async function listPullStates(conn: Connection): Promise<PullStateRow[]> {
  return conn.db.select().from(pullState).orderBy(pullState.id);
}

export async function savePullState(conn: Connection, row: typeof pullState.$inferInsert): Promise<void> {
  const { id, ...rest } = row;
  await conn.db.insert(pullState).values(row).onConflictDoUpdate({ target: pullState.id, set: rest });
}
