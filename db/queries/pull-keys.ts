/** Encrypted vendor admin keys stored from Settings › Sources (lib/pull/keys.ts encrypts and decrypts them). */
import { eq } from 'drizzle-orm';
import type { Connection } from '../client';
import { pullKeys } from '../schema';

export async function saveStoredPullKey(
  conn: Connection,
  row: { connection: string; encryptedKey: string; keyHint: string; updatedBy: string | null },
): Promise<void> {
  const { connection, ...rest } = row;
  await conn.db
    .insert(pullKeys)
    .values(row)
    .onConflictDoUpdate({ target: pullKeys.connection, set: { ...rest, updatedAt: new Date() } });
}

export async function getStoredPullKey(conn: Connection, connection: string) {
  const [row] = await conn.db.select().from(pullKeys).where(eq(pullKeys.connection, connection));
  return row ?? null;
}

export async function deleteStoredPullKey(conn: Connection, connection: string): Promise<boolean> {
  const gone = await conn.db.delete(pullKeys).where(eq(pullKeys.connection, connection)).returning({ connection: pullKeys.connection });
  return gone.length > 0;
}

export async function listStoredPullKeyHints(conn: Connection): Promise<{ connection: string; keyHint: string; updatedAt: Date }[]> {
  return conn.db
    .select({ connection: pullKeys.connection, keyHint: pullKeys.keyHint, updatedAt: pullKeys.updatedAt })
    .from(pullKeys)
    .orderBy(pullKeys.connection);
}
