/**
 * The server's one better-auth instance, on the process-wide database connection. Built on first use
 * (the connection opens lazily) and cached on globalThis like the connection itself.
 */
import { getConnection } from '../../db/client';
import { readEnv } from '../env';
import { type Auth, createAuth } from './server';
import { authSecret, oidcFromEnv } from './settings';

const globalForAuth = globalThis as unknown as { itemizedAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  if (!globalForAuth.itemizedAuth) {
    globalForAuth.itemizedAuth = (async () => {
      const env = readEnv();
      const oidc = oidcFromEnv(env);
      if (!oidc.ok) throw new Error(oidc.error);
      return createAuth(await getConnection(), { secret: authSecret(env), baseURL: env.ITEMIZED_URL, oidc: oidc.oidc });
    })().catch((e) => {
      globalForAuth.itemizedAuth = undefined;
      throw e;
    });
  }
  return globalForAuth.itemizedAuth;
}
