/** The users the `auth` project's server is started with (created by the CLI before it starts; playwright.config.ts). */
import type { Role } from '../lib/auth/policy';

export const AUTH_USERS: Record<Role, { email: string; password: string }> = {
  admin: { email: 'admin@example.com', password: 'e2e-admin-password-1' },
  analyst: { email: 'analyst@example.com', password: 'e2e-analyst-password-1' },
  finance: { email: 'finance@example.com', password: 'e2e-finance-password-1' },
};
