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
  '/statement': ALL,
  '/budgets': ALL,
  '/reconciliation': ALL,
  '/explorer': ALL,
  '/explorer/requests': ALL,
  '/reasoning': ANALYSTS,
  '/accuracy': ANALYSTS,
  '/loops': ANALYSTS,
  '/dependencies': ANALYSTS,
  '/scenarios': ANALYSTS,
  '/imports': ANALYSTS,
  '/settings/sources': ADMINS,
  '/settings/workflows': ADMINS,
  '/settings/audit': ADMINS,
  '/settings/tokens': ADMINS,
  '/settings/users': ADMINS,
  '/sign-in': 'public',
};

/**
 * Per route handler and method. 'public': answers anyone and carries no data (health).
 * 'library': better-auth's own endpoints, which check sessions and roles themselves (sign-in, the
 * admin plugin); the e2e test probes the ones that must refuse (user listing, sign-up).
 * 'token': machine clients (gateways, OTLP exporters) that cannot sign in: they send an ingest bearer
 * token (lib/tokens.ts), never a session; no token or a bad one gets 401 (tested beside each route).
 */
export const APIS: Record<string, Record<string, Role[] | 'public' | 'library' | 'token'>> = {
  '/api/health': { GET: 'public' },
  '/api/imports': { POST: ADMINS },
  '/api/auth/[...all]': { GET: 'library', POST: 'library' },
  '/api/exports/[format]': { GET: ALL },
  /** The dependency map as itemized.yaml: analysts work with the map and scenarios; it is an export. */
  '/api/config': { GET: ANALYSTS },
  '/api/ingest': { POST: 'token' },
  '/v1/traces': { POST: 'token' },
};

/** Server actions by "file#export". */
export const ACTIONS: Record<string, Role[]> = {
  'app/(dashboard)/settings/sources/actions.ts#pullNow': ADMINS,
  'app/(dashboard)/settings/sources/actions.ts#saveKeyAction': ADMINS,
  'app/(dashboard)/settings/sources/actions.ts#removeKeyAction': ADMINS,
  'app/(dashboard)/settings/tokens/actions.ts#createTokenAction': ADMINS,
  'app/(dashboard)/settings/tokens/actions.ts#revokeTokenAction': ADMINS,
  'app/(dashboard)/imports/actions.ts#deleteMappingAction': ADMINS,
  'app/(dashboard)/settings/users/actions.ts#createUserAction': ADMINS,
  'app/(dashboard)/settings/users/actions.ts#setRoleAction': ADMINS,
  'app/(dashboard)/settings/users/actions.ts#setDisabledAction': ADMINS,
  'app/(dashboard)/scenarios/actions.ts#saveScenarioAction': ANALYSTS,
  'app/(dashboard)/scenarios/actions.ts#deleteScenarioAction': ANALYSTS,
  'app/(dashboard)/settings/workflows/actions.ts#saveWorkflowAction': ADMINS,
  'app/(dashboard)/settings/workflows/actions.ts#saveSubscriptionAction': ADMINS,
  'app/(dashboard)/settings/workflows/actions.ts#saveBudgetAction': ADMINS,
  'app/(dashboard)/settings/workflows/actions.ts#deleteItemAction': ADMINS,
  'app/(dashboard)/settings/workflows/actions.ts#importYamlAction': ADMINS,
};
