/**
 * Who each route is for, written out independently of lib/auth/policy.ts so a policy mistake shows up
 * as a test failure. Every route test/routes.ts finds must be listed here: a new page, route handler
 * or server action fails the guard tests until it is added (and guarded).
 */
import type { Role } from '../lib/auth/policy';

const ALL: Role[] = ['admin', 'analyst', 'finance'];
const ANALYSTS: Role[] = ['admin', 'analyst'];
const ADMINS: Role[] = ['admin'];

/** 'public': no sign-in (the sign-in page); otherwise the roles that may open it. */
export const PAGES: Record<string, Role[] | 'public'> = {
  '/': ALL,
  '/reconciliation': ALL,
  '/reasoning': ANALYSTS,
  '/accuracy': ANALYSTS,
  '/loops': ANALYSTS,
  '/imports': ANALYSTS,
  '/settings/sources': ADMINS,
  '/settings/audit': ADMINS,
  '/sign-in': 'public',
};

/**
 * Per route handler and method. 'public': answers anyone and carries no data (health).
 * 'library': better-auth's own endpoints, which check sessions and roles themselves (sign-in, the
 * admin plugin); the e2e test probes the ones that must refuse (user listing, sign-up).
 */
export const APIS: Record<string, Record<string, Role[] | 'public' | 'library'>> = {
  '/api/health': { GET: 'public' },
  '/api/imports': { POST: ADMINS },
  '/api/auth/[...all]': { GET: 'library', POST: 'library' },
};

/** Server actions by "file#export". */
export const ACTIONS: Record<string, Role[]> = {
  'app/(dashboard)/settings/sources/actions.ts#pullNow': ADMINS,
};
