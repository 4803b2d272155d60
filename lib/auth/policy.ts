/**
 * Who may open what. The single table of page access: the dashboard layout, every page's guard and
 * the sidebar read it, and README "Sign-in and roles" shows it. No Next.js or database imports, so
 * client components may use it too.
 */

export const ROLES = ['admin', 'analyst', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_SUMMARY: Record<Role, string> = {
  admin: 'everything: settings, users, tokens, ingest, the audit log, and every page',
  analyst: 'every dashboard page, scenarios and exports; no settings, no uploads',
  finance: 'the spend reports (Overview, Statement, Budgets, Reconciliation, Explorer) and exports, read-only',
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** Whoever a role check applies to. `demo` is the stand-in admin of demo mode (sign-in off). */
export interface Actor {
  id: string;
  email: string;
  name: string;
  /** null when the stored role is not one of ROLES: such a user may open nothing. */
  role: Role | null;
  demo: boolean;
}

const ALL: readonly Role[] = ROLES;
const ANALYSTS: readonly Role[] = ['admin', 'analyst'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * Dashboard pages and the roles that may open them. Finance sees the reports about money (Overview;
 * Statement; Budgets; Reconciliation: billed against usage; the Explorer and its request drill-down,
 * which the statement and budget anomalies link to), not the engineering audit pages, the dependency
 * map or scenarios. Settings are admin only.
 */
export const PAGE_ROLES = {
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
  /** Analysts see the ingest history; the upload panel and POST /api/imports are admin only. */
  '/imports': ANALYSTS,
  '/settings/sources': ADMINS,
  '/settings/workflows': ADMINS,
  /** Ingest tokens: create, list, revoke. */
  '/settings/tokens': ADMINS,
  /** Sign-in users and roles (the same as `itemized users`). */
  '/settings/users': ADMINS,
  '/settings/audit': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type PagePath = keyof typeof PAGE_ROLES;

/** Roles for a request path: the longest page prefix that matches; unknown paths are admin only (fail closed). */
export function rolesForPath(pathname: string): readonly Role[] {
  let best: PagePath | null = null;
  for (const p of Object.keys(PAGE_ROLES) as PagePath[]) {
    const hit = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
    if (hit && (best === null || p.length > best.length)) best = p;
  }
  return best ? PAGE_ROLES[best] : ADMINS;
}

export function mayOpen(role: Role | null, path: PagePath): boolean {
  return role !== null && (PAGE_ROLES[path] as readonly Role[]).includes(role);
}

/** Paths that need no sign-in: the sign-in page itself. (API: /api/health and the library's /api/auth/*.) */
export const PUBLIC_PAGES = ['/sign-in'] as const;

/** Request header the proxy sets to the requested path (and query), for the layout guard and sign-in's "next". */
export const PATH_HEADER = 'x-itemized-path';

/** Where to return after signing in: only same-site paths (no //host or scheme), else the overview. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) return '/';
  return next;
}
