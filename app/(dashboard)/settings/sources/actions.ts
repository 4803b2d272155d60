'use server';

import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { audit } from '@/lib/auth/audit';
import { requireActionRole } from '@/lib/auth/guard';
import { getConnectionDef } from '@/lib/pull/connections';
import { removePullKey, storePullKey } from '@/lib/pull/keys';
import { pullLitellmDatabase } from '@/lib/pull/litellm-db';
import { pullConnection } from '@/lib/pull/run';

export interface PullActionState {
  message: string;
  ok: boolean;
}

/** "Pull now" on Settings > Sources: the same incremental pull as `itemized pull <connection>`. */
export async function pullNow(_prev: PullActionState | null, form: FormData): Promise<PullActionState> {
  // Outside the try: the guard's 401/403 must not be caught and turned into a message.
  const actor = await requireActionRole('admin');
  const id = String(form.get('connection') ?? '');
  try {
    const litellmUrl = process.env.LITELLM_DATABASE_URL;
    if (id === 'litellm' && !litellmUrl) throw new Error('set LITELLM_DATABASE_URL to pull a LiteLLM proxy database');
    const def = id === 'litellm' ? { id: 'litellm' } : getConnectionDef(id);
    const conn = await getConnection();
    await audit(actor, 'ingest.pull', id);
    const results = id === 'litellm' ? [await pullLitellmDatabase(conn, { databaseUrl: litellmUrl! })] : await pullConnection(conn, def.id);
    revalidatePath('/settings/sources');
    const failed = results.filter((r) => r.status === 'failed');
    const added = results.reduce((n, r) => n + r.rowsInserted, 0);
    return failed.length
      ? { ok: false, message: `${failed.map((r) => `${r.id}: ${r.error}`).join('; ')}` }
      : {
          ok: true,
          message: `${def.id}: ${added} rows added (${results.map((r) => `${r.id} ${r.status.replace(/_/g, ' ')}`).join(', ')})`,
        };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/**
 * Stores (or replaces) a connection's admin key, encrypted (lib/pull/keys.ts). The key goes no further than the
 * database: never echoed back, logged or audited (the audit row has the hint only).
 */
export async function saveKeyAction(_prev: PullActionState | null, form: FormData): Promise<PullActionState> {
  const actor = await requireActionRole('admin');
  const id = String(form.get('connection') ?? '');
  try {
    const def = getConnectionDef(id);
    const hint = await storePullKey(await getConnection(), def.id, String(form.get('key') ?? ''), actor.demo ? 'demo' : actor.email);
    await audit(actor, 'settings.change', `pull key ${def.id}`, { stored: hint });
    revalidatePath('/settings/sources');
    return { ok: true, message: `Key stored (${hint}).` };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Removes a connection's stored key (the environment variable, if set, still applies). */
export async function removeKeyAction(_prev: PullActionState | null, form: FormData): Promise<PullActionState> {
  const actor = await requireActionRole('admin');
  const id = String(form.get('connection') ?? '');
  try {
    const def = getConnectionDef(id);
    const removed = await removePullKey(await getConnection(), def.id);
    if (removed) await audit(actor, 'settings.change', `pull key ${def.id}`, { removed: true });
    revalidatePath('/settings/sources');
    return { ok: true, message: removed ? 'Stored key removed.' : 'No key was stored.' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
