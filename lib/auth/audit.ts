/**
 * Audit-log helpers for route handlers and server actions, taking the actor their guard returned:
 *
 *   const actor = await requireActionRole('analyst', 'finance', 'admin');
 *   … build the export …
 *   await auditExport(actor, { what: 'requests.csv', rows: 1234, filters: { from, to } });
 */
import { getConnection } from '../../db/client';
import { recordAudit } from '../../db/queries/audit-log';
import type { AuditAction } from './audit-actions';
import type { Actor } from './policy';

/** One audit entry by the signed-in actor (the demo admin is logged as "demo"). */
export async function audit(
  actor: Actor,
  action: AuditAction,
  target: string | null = null,
  detail: Record<string, unknown> | null = null,
) {
  await recordAudit(await getConnection(), { actor: actor.demo ? 'demo' : actor.email, action, target, detail });
}

/** An export (CSV, XLSX, YAML …): what was exported, how many rows, under which filters. */
export async function auditExport(actor: Actor, e: { what: string; rows?: number; filters?: Record<string, unknown> }) {
  await audit(actor, 'export', e.what, { rows: e.rows ?? null, filters: e.filters ?? null });
}
