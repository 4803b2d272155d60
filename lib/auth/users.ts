/**
 * User management for `itemized users create|list|set-role|disable|enable` (the way in for the first admin:
 * sign-up is off) and for Settings › Users. Everything goes through better-auth (its admin plugin creates
 * users and hashes passwords; its data layer updates them), and every change is written to the audit log
 * under `by`: "cli:<os user>" from the shell, the admin's email from the page.
 */
import type { Connection } from '../../db/client';
import { recordAudit } from '../../db/queries/audit-log';
import { readEnv } from '../env';
import { isRole, ROLES, type Role } from './policy';
import { type Auth, createAuth } from './server';
import { authSecret, oidcFromEnv } from './settings';

export class UserCommandError extends Error {}

export interface UserSummary {
  email: string;
  name: string;
  role: string | null;
  disabled: boolean;
  createdAt: string;
}

/** The library on this connection, with the same settings the server uses. */
export function authFor(conn: Connection): Auth {
  const env = readEnv();
  const oidc = oidcFromEnv(env);
  return createAuth(conn, { secret: authSecret(env), baseURL: env.ITEMIZED_URL, oidc: oidc.ok ? oidc.oidc : null });
}

export function parseRole(v: string): Role {
  if (!isRole(v)) throw new UserCommandError(`unknown role "${v}": use one of ${ROLES.join(', ')}`);
  return v;
}

export async function createUser(
  conn: Connection,
  o: { email: string; role: Role; name?: string; password: string | null },
  by: string,
): Promise<UserSummary> {
  const auth = authFor(conn);
  const ctx = await auth.$context;
  if (o.password !== null) {
    const { minPasswordLength, maxPasswordLength } = ctx.password.config;
    if (o.password.length < minPasswordLength)
      throw new UserCommandError(`the password is too short: use at least ${minPasswordLength} characters`);
    if (o.password.length > maxPasswordLength)
      throw new UserCommandError(`the password is too long: at most ${maxPasswordLength} characters`);
  }
  const email = o.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new UserCommandError(`a user with the email ${email} already exists`);
  // A server-side call with no request: the admin plugin trusts it (the shell is the admin here).
  // emailVerified: the admin vouches for the address, which lets an OpenID Connect sign-in with it link.
  const { user } = await auth.api.createUser({
    body: {
      email,
      name: o.name?.trim() || email.split('@')[0],
      role: o.role,
      data: { emailVerified: true },
      ...(o.password === null ? {} : { password: o.password }),
    },
  });
  await recordAudit(conn, {
    actor: by,
    action: 'user.create',
    target: email,
    detail: { role: o.role, password: o.password !== null },
  });
  return summary(user);
}

export async function listUsers(conn: Connection): Promise<UserSummary[]> {
  const ctx = await authFor(conn).$context;
  const users = await ctx.internalAdapter.listUsers(undefined, undefined, { field: 'createdAt', direction: 'asc' });
  return users.map(summary);
}

export async function setRole(conn: Connection, email: string, role: Role, by: string): Promise<UserSummary> {
  const { ctx, user } = await findUser(conn, email);
  if (user.role === 'admin' && role !== 'admin') await keepOneAdmin(conn, user.id);
  const updated = await ctx.internalAdapter.updateUser(user.id, { role });
  await recordAudit(conn, {
    actor: by,
    action: 'user.set_role',
    target: user.email,
    detail: { from: user.role ?? null, to: role },
  });
  return summary(updated);
}

/** Disabled users cannot sign in and lose their sessions at once (the admin plugin's ban). */
export async function setDisabled(conn: Connection, email: string, disabled: boolean, by: string): Promise<UserSummary> {
  const { ctx, user } = await findUser(conn, email);
  if (disabled && user.role === 'admin') await keepOneAdmin(conn, user.id);
  const updated = await ctx.internalAdapter.updateUser(user.id, {
    banned: disabled,
    banReason: disabled ? 'disabled with itemized users disable' : null,
    banExpires: null,
  });
  if (disabled) await ctx.internalAdapter.deleteUserSessions(user.id);
  await recordAudit(conn, { actor: by, action: disabled ? 'user.disable' : 'user.enable', target: user.email });
  return summary(updated);
}

type AdminUser = { id: string; email: string; name: string; role?: string | null; banned?: boolean | null; createdAt: Date };

async function findUser(conn: Connection, email: string) {
  const ctx = await authFor(conn).$context;
  const found = await ctx.internalAdapter.findUserByEmail(email.trim().toLowerCase());
  if (!found) throw new UserCommandError(`no user with the email ${email.trim().toLowerCase()} (see \`itemized users list\`)`);
  return { ctx, user: found.user as AdminUser };
}

/** Refuses to demote or disable the last enabled admin: nobody could manage users afterwards. */
async function keepOneAdmin(conn: Connection, leavingId: string): Promise<void> {
  const others = (await listUsers(conn)).filter((u) => u.role === 'admin' && !u.disabled);
  const ctx = await authFor(conn).$context;
  const leaving = await ctx.internalAdapter.findUserById(leavingId);
  if (others.filter((u) => u.email !== leaving?.email).length === 0)
    throw new UserCommandError('that would leave no enabled admin: make another user admin first');
}

function summary(u: unknown): UserSummary {
  const user = u as AdminUser;
  return {
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    disabled: Boolean(user.banned),
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
