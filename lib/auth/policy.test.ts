import { describe, expect, test } from 'vitest';
import { mayOpen, PAGE_ROLES, rolesForPath, safeNextPath } from './policy';

describe('page access', () => {
  test.each([
    ['/', ['admin', 'analyst', 'finance']],
    ['/reconciliation', ['admin', 'analyst', 'finance']],
    ['/reasoning', ['admin', 'analyst']],
    ['/loops/anything/below', ['admin', 'analyst']],
    ['/imports', ['admin', 'analyst']],
    ['/settings/sources', ['admin']],
    ['/settings/audit', ['admin']],
    ['/settings/workflows', ['admin']],
    ['/statement', ['admin', 'analyst', 'finance']],
    ['/budgets', ['admin', 'analyst', 'finance']],
    ['/explorer/requests', ['admin', 'analyst', 'finance']],
    ['/dependencies', ['admin', 'analyst']],
    ['/scenarios', ['admin', 'analyst']],
    // Not in the table: admin only, never open by accident.
    ['/settings', ['admin']],
    ['/settings/other', ['admin']],
    ['/settings/tokens', ['admin']],
    ['/reasoningx', ['admin']],
    ['/new-page', ['admin']],
    ['', ['admin']],
  ])('%s → %j', (path, roles) => {
    expect(rolesForPath(path)).toEqual(roles);
  });

  test('finance opens the spend reports only; a user without a known role opens nothing', () => {
    const finance = (Object.keys(PAGE_ROLES) as (keyof typeof PAGE_ROLES)[]).filter((p) => mayOpen('finance', p));
    expect(finance).toEqual(['/', '/statement', '/budgets', '/reconciliation', '/explorer', '/explorer/requests']);
    expect((Object.keys(PAGE_ROLES) as (keyof typeof PAGE_ROLES)[]).filter((p) => mayOpen(null, p))).toEqual([]);
  });
});

describe('the return address after sign-in stays on this site', () => {
  test.each([
    ['/reasoning?from=2026-01-01', '/reasoning?from=2026-01-01'],
    ['/', '/'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example.com/', '/'],
    ['//evil.example.com/x', '/'],
    ['/\\evil.example.com', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in?next=/x', '/'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
