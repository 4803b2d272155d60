/** The audit log's verbs, one place, so the page can label them and callers cannot drift. */
export const AUDIT_ACTIONS = {
  'sign_in.success': 'Signed in',
  'sign_in.failure': 'Sign-in failed',
  'user.create': 'User created',
  'user.set_role': 'Role changed',
  'user.disable': 'User disabled',
  'user.enable': 'User enabled',
  'settings.change': 'Setting changed',
  'token.create': 'Token created',
  'token.revoke': 'Token revoked',
  'mapping.delete': 'Column mapping deleted',
  'ingest.upload': 'File uploaded',
  'ingest.pull': 'Pull started',
  export: 'Export',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
