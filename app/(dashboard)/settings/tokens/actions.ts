'use server';

/**
 * Settings › Tokens mutations: admin only (requireActionRole, outside any try so its 401/403 is not turned
 * into a message); each creation and revocation goes to the audit log (name and scopes, never the token).
 */
import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { insertToken, revokeTokenById, TokenNameTakenError } from '@/db/queries/tokens';
import { audit } from '@/lib/auth/audit';
import { requireActionRole } from '@/lib/auth/guard';
import { newIngestToken, type TokenScope, tokenPrefix } from '@/lib/tokens';
import { readTokenInput } from './token-input';

export interface CreateTokenState {
  ok: boolean;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Only in the answer to the create request: the secret is shown once and never stored. */
  created?: { name: string; token: string; scopes: TokenScope[]; expiresAt: string | null };
}

export interface RevokeTokenState {
  ok: boolean;
  message: string;
}

const PAGE = '/settings/tokens';

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const actor = await requireActionRole('admin');
  const input = readTokenInput(form);
  if (!input.ok) return { ok: false, fieldErrors: input.fieldErrors };
  const { token, hash } = await newIngestToken();
  try {
    const t = await insertToken(await getConnection(), { ...input, hash, prefix: tokenPrefix(token) });
    await audit(actor, 'token.create', t.name, { scopes: t.scopes, expiresAt: t.expiresAt?.toISOString() ?? null });
    revalidatePath(PAGE);
    return { ok: true, created: { name: t.name, token, scopes: t.scopes, expiresAt: t.expiresAt?.toISOString() ?? null } };
  } catch (e) {
    if (e instanceof TokenNameTakenError) return { ok: false, fieldErrors: { name: e.message } };
    throw e;
  }
}

export async function revokeTokenAction(_prev: RevokeTokenState | null, form: FormData): Promise<RevokeTokenState> {
  const actor = await requireActionRole('admin');
  const id = Number(form.get('id'));
  if (!Number.isSafeInteger(id) || id <= 0) return { ok: false, message: 'no such token' };
  const t = await revokeTokenById(await getConnection(), id);
  if (t) await audit(actor, 'token.revoke', t.name);
  revalidatePath(PAGE);
  return t ? { ok: true, message: `Token "${t.name}" revoked: pushes with it now get 401.` } : { ok: false, message: 'already revoked' };
}
