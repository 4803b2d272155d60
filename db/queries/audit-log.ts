/**
 * The audit log: who signed in (or failed to), exported, or changed settings, tokens or users.
 * Writers call recordAudit; the admin page /settings/audit reads pages of it, newest first.
 */
import { desc, sql } from 'drizzle-orm';
import type { AuditAction } from '../../lib/auth/audit-actions';
import type { Connection } from '../client';
import { type AuditEventRow, auditEvents } from '../schema';

export interface AuditEntry {
  /** Email of the signed-in user, "cli:<os user>", "demo" or "anonymous". */
  actor: string;
  action: AuditAction;
  target?: string | null;
  detail?: Record<string, unknown> | null;
}

/** Longest text kept per field, so a hostile sign-in attempt cannot bloat the log. */
const MAX_FIELD = 500;

export async function recordAudit(conn: Connection, e: AuditEntry): Promise<void> {
  await conn.db.insert(auditEvents).values({
    actor: e.actor.slice(0, MAX_FIELD),
    action: e.action.slice(0, 100),
    target: e.target?.slice(0, MAX_FIELD) ?? null,
    detail: e.detail ?? null,
  });
}

export interface AuditPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Page `page` (1-based) of the log, newest first; ties on time broken by id so pages never overlap. */
export async function listAuditEvents(conn: Connection, opts: { page: number; pageSize: number }): Promise<AuditPage> {
  const page = Math.max(1, Math.floor(opts.page));
  const [rows, [{ total }]] = await Promise.all([
    conn.db
      .select()
      .from(auditEvents)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(opts.pageSize)
      .offset((page - 1) * opts.pageSize),
    conn.db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(auditEvents),
  ]);
  return { rows, total, page, pageSize: opts.pageSize };
}
