/**
 * Sign-in tables (better-auth, lib/auth/server.ts) and the audit log. Re-exported from db/schema.ts,
 * so drizzle-kit and the drizzle clients see them with the rest of the schema.
 */

import { bigint, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * Sign-in (better-auth, lib/auth/server.ts). The library owns these four tables and writes them through
 * its drizzle adapter: the TypeScript keys are the field names it expects; ids are the library's own text
 * ids, not identities. Passwords are kept in accounts.password in the library's hash format (scrypt).
 */
const authTime = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Lower-cased by the library; unique. */
  email: text('email').notNull().unique('users_email_key'),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: authTime('created_at').notNull().defaultNow(),
  updatedAt: authTime('updated_at').notNull().defaultNow(),
  /** admin | analyst | finance (lib/auth/policy.ts); set by the admin plugin, never by the user. */
  role: text('role'),
  /** `itemized users disable` sets banned: the user cannot sign in and their sessions are deleted. */
  banned: boolean('banned').default(false),
  banReason: text('ban_reason'),
  banExpires: authTime('ban_expires'),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: authTime('expires_at').notNull(),
    /** The value in the signed session cookie. */
    token: text('token').notNull().unique('sessions_token_key'),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

/** One row per way to sign in: providerId "credential" (password hash) or the OpenID Connect provider. */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: authTime('access_token_expires_at'),
    refreshTokenExpiresAt: authTime('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
  },
  (t) => [index('accounts_user_id_idx').on(t.userId)],
);

/** Short-lived values of the sign-in flows (OpenID Connect state and PKCE verifier). */
export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: authTime('expires_at').notNull(),
    createdAt: authTime('created_at').notNull().defaultNow(),
    updatedAt: authTime('updated_at').notNull().defaultNow(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** Who did what: sign-ins (and failures), exports, settings, token and user changes. Append-only. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** Email of the signed-in user, "cli:<os user>", "demo" or "anonymous". */
    actor: text('actor').notNull(),
    /** Dotted verb, e.g. sign_in.success, user.create, export (AUDIT_ACTIONS in lib/auth/audit-actions.ts). */
    action: text('action').notNull(),
    /** What it was done to (a user's email, a page, a connection id); null when nothing in particular. */
    target: text('target'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_occurred_at_idx').on(t.occurredAt.desc(), t.id.desc())],
);

export type UserRow = typeof users.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
