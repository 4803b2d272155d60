'use server';

/**
 * Settings › Tokens mutations. Each is a small exported function that calls guardMutation first (the one place the
 * sign-in and role check goes), so that wrapping them with an admin-only check is a one-line change.
 */
import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { insertToken, revokeTokenById, TokenNameTakenError } from '@/db/queries/tokens';
import { newIngestToken, type TokenScope, tokenPrefix } from '@/lib/tokens';
import { guardMutation } from '../../_components/mutation-guard';
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
  await guardMutation('tokens.create');
  const input = readTokenInput(form);
  if (!input.ok) return { ok: false, fieldErrors: input.fieldErrors };
  const { token, hash } = newIngestToken();
  try {
    const t = await insertToken(await getConnection(), { ...input, hash, prefix: tokenPrefix(token) });
    revalidatePath(PAGE);
    return { ok: true, created: { name: t.name, token, scopes: t.scopes, expiresAt: t.expiresAt?.toISOString() ?? null } };
  } catch (e) {
    if (e instanceof TokenNameTakenError) return { ok: false, fieldErrors: { name: e.message } };
    throw e;
  }
}

export async function revokeTokenAction(_prev: RevokeTokenState | null, form: FormData): Promise<RevokeTokenState> {
  await guardMutation('tokens.revoke');
  const id = Number(form.get('id'));
  if (!Number.isSafeInteger(id) || id <= 0) return { ok: false, message: 'no such token' };
  const t = await revokeTokenById(await getConnection(), id);
  revalidatePath(PAGE);
  return t ? { ok: true, message: `Token "${t.name}" revoked: pushes with it now get 401.` } : { ok: false, message: 'already revoked' };
}
