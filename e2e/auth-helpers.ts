/** Signing in for the auth project's specs: through the form (as people do) or the library's endpoint (to get a cookie). */
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { Role } from '../lib/auth/policy';
import { AUTH_USERS } from './auth-users';

export async function signInWithForm(page: Page, role: Role, password = AUTH_USERS[role].password) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(AUTH_USERS[role].email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** A request context holding the role's session cookie, from POST /api/auth/sign-in/email. */
export async function signedInRequest(request: APIRequestContext, baseURL: string, role: Role): Promise<void> {
  const res = await request.post('/api/auth/sign-in/email', {
    data: { email: AUTH_USERS[role].email, password: AUTH_USERS[role].password },
    headers: { origin: baseURL },
  });
  expect(res.status(), `sign-in as ${role}`).toBe(200);
}
