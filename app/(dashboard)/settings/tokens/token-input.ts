/** Reads the Create token form: name, scopes (checkboxes), expiry (a preset duration or a date). Pure, so it is unit tested. */
import { isTokenScope, parseExpiry, type TokenScope } from '@/lib/tokens';

export const EXPIRY_PRESETS = [
  { value: '', label: 'Never' },
  { value: '7d', label: 'In 7 days' },
  { value: '30d', label: 'In 30 days' },
  { value: '90d', label: 'In 90 days' },
  { value: '365d', label: 'In a year' },
] as const;

export type TokenInput =
  | { ok: true; name: string; scopes: TokenScope[]; expiresAt: Date | null }
  | { ok: false; fieldErrors: Record<string, string> };

export function readTokenInput(f: FormData, now = new Date()): TokenInput {
  const fieldErrors: Record<string, string> = {};
  const name = String(f.get('name') ?? '').trim();
  if (!name) fieldErrors.name = 'give the token a name, e.g. the gateway or job that will use it';
  else if (name.length > 100) fieldErrors.name = 'at most 100 characters';
  const scopes = f.getAll('scope').map(String);
  const bad = scopes.find((s) => !isTokenScope(s));
  if (bad) fieldErrors.scope = `unknown scope ${JSON.stringify(bad)}`;
  else if (scopes.length === 0) fieldErrors.scope = 'choose at least one scope';
  const date = String(f.get('expiresOn') ?? '').trim();
  const preset = String(f.get('expiresIn') ?? '').trim();
  let expiresAt: Date | null = null;
  if (date || preset) {
    // A date means through the end of that UTC day (as `itemized tokens create --expires-in YYYY-MM-DD`).
    expiresAt = parseExpiry(date || preset, now);
    if (!expiresAt) fieldErrors.expires = 'expected a date (YYYY-MM-DD) or one of the choices';
    else if (expiresAt.getTime() <= now.getTime()) fieldErrors.expires = 'that date has passed';
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, name, scopes: scopes as TokenScope[], expiresAt };
}
