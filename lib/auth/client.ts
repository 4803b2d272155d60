/**
 * The browser side of better-auth: sign in and out through /api/auth. The OpenID Connect provider is
 * one of the library's "social" providers (id "oidc"), so it signs in through signIn.social.
 */
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();
