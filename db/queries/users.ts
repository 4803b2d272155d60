/** Reads of the sign-in users the app needs beyond what better-auth offers. */
import { sql } from 'drizzle-orm';
import type { Connection } from '../client';
import { users } from '../schema';

/** How many users exist (the sign-in page explains how to create the first admin when none do). */
export async function countUsers(conn: Connection): Promise<number> {
  const [{ n }] = await conn.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(users);
  return n;
}
