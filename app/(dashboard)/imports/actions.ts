'use server';

/** Imports page mutations: deleting a saved column mapping (admin only, audited). Uploads go through POST /api/imports. */
import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { deleteCsvMapping } from '@/db/queries/csv-mappings';
import { audit } from '@/lib/auth/audit';
import { requireActionRole } from '@/lib/auth/guard';

export interface DeleteMappingState {
  ok: boolean;
  message: string;
}

export async function deleteMappingAction(_prev: DeleteMappingState | null, form: FormData): Promise<DeleteMappingState> {
  const actor = await requireActionRole('admin');
  const name = String(form.get('name') ?? '');
  if (!name) return { ok: false, message: 'no mapping named' };
  const deleted = await deleteCsvMapping(await getConnection(), name);
  if (deleted) await audit(actor, 'mapping.delete', name);
  revalidatePath('/imports');
  return deleted
    ? { ok: true, message: `Mapping "${name}" deleted; what was loaded through it stays.` }
    : { ok: false, message: 'already deleted' };
}
