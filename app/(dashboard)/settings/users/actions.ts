'use server';

/**
 * Settings › Users mutations: admin only (requireActionRole, outside any try so its 401/403 stays one). They run the
 * same functions as `itemized users` (lib/auth/users.ts: better-auth's admin plugin, the last enabled admin kept) and
 * those write the audit log under the signed-in admin's email ("demo" with sign-in off).
 */
import { revalidatePath } from 'next/cache';
import { getConnection } from '@/db/client';
import { requireActionRole } from '@/lib/auth/guard';
import type { Actor } from '@/lib/auth/policy';
import { createUser, parseRole, setDisabled, setRole, UserCommandError } from '@/lib/auth/users';

export interface UserFormState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What was typed (never the password), so that a refused form keeps it: React resets a form after its action. */
  values?: { email: string; name: string; role: string };
  /** Changes with every answer: the form is keyed on it so that it re-mounts with `values` as its defaults. */
  seq?: number;
}

const PAGE = '/settings/users';
const by = (actor: Actor) => (actor.demo ? 'demo' : actor.email);
const text = (form: FormData, k: string) => String(form.get(k) ?? '').trim();

/** Runs a change; a refusal the functions explain (duplicate, last admin, bad role…) becomes the form's message. */
async function attempt(run: () => Promise<string>): Promise<UserFormState> {
  try {
    const message = await run();
    revalidatePath(PAGE);
    return { ok: true, message, seq: Date.now() };
  } catch (e) {
    if (e instanceof UserCommandError) return { ok: false, message: e.message, seq: Date.now() };
    throw e;
  }
}

export async function createUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const actor = await requireActionRole('admin');
  const email = text(form, 'email');
  const fieldErrors: Record<string, string> = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) fieldErrors.email = 'an email address, e.g. ada@example.com';
  const oidcOnly = form.get('oidcOnly') === 'on';
  const password = oidcOnly ? null : String(form.get('password') ?? '');
  if (!oidcOnly && !password) fieldErrors.password = 'a first password (the user can be told it), or tick "OpenID Connect only"';
  const values = { email, name: text(form, 'name'), role: text(form, 'role') };
  const seq = Date.now();
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors, values, seq };
  const result = await attempt(async () => {
    const u = await createUser(await getConnection(), { email, role: parseRole(values.role), name: values.name, password }, by(actor));
    return `Created ${u.email} (${u.role}).`;
  });
  return result.ok ? { ...result, seq } : { ...result, values, seq };
}

export async function setRoleAction(_prev: UserFormState | null, form: FormData): Promise<UserFormState> {
  const actor = await requireActionRole('admin');
  return attempt(async () => {
    const u = await setRole(await getConnection(), text(form, 'email'), parseRole(text(form, 'role')), by(actor));
    return `${u.email} is now ${u.role}.`;
  });
}

export async function setDisabledAction(_prev: UserFormState | null, form: FormData): Promise<UserFormState> {
  const actor = await requireActionRole('admin');
  const disabled = form.get('disabled') === 'true';
  return attempt(async () => {
    const u = await setDisabled(await getConnection(), text(form, 'email'), disabled, by(actor));
    return `${u.email} ${u.disabled ? 'disabled: signed out everywhere, cannot sign in' : 'enabled'}.`;
  });
}
