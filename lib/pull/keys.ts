/**
 * Where `itemized pull` finds a vendor's admin key: the environment variable first (operators who manage secrets
 * outside the app keep full control), else the key an admin stored in Settings › Sources. Stored keys are encrypted
 * with the auth library's symmetric encryption (better-auth/crypto) under the server's auth secret (lib/auth/settings.ts
 * authSecret: ITEMIZED_AUTH_SECRET, else the generated data-folder secret): a database dump alone does not reveal them.
 * Keys are never logged, returned to a page, or written to the audit log; only a hint is.
 */
import { symmetricDecrypt, symmetricEncrypt } from 'better-auth/crypto';
import type { Connection } from '../../db/client';
import { deleteStoredPullKey, getStoredPullKey, listStoredPullKeyHints, saveStoredPullKey } from '../../db/queries/pull-keys';
import { authSecret } from '../auth/settings';
import type { ConnectionDef } from './connections';

/** "sk-admin-abc…wxyz" -> "sk-…wxyz": enough to tell two keys apart, far too little to use. */
export function keyHint(key: string): string {
  return key.length <= 12 ? '…' : `${key.slice(0, 3)}…${key.slice(-4)}`;
}

export async function storePullKey(conn: Connection, connection: string, key: string, actor: string | null, secret = authSecret()) {
  const k = key.trim();
  if (k.length < 8 || /\s/.test(k)) throw new Error('expected the whole admin key (no spaces)');
  await saveStoredPullKey(conn, {
    connection,
    encryptedKey: await symmetricEncrypt({ key: secret, data: k }),
    keyHint: keyHint(k),
    updatedBy: actor,
  });
  return keyHint(k);
}

export async function removePullKey(conn: Connection, connection: string): Promise<boolean> {
  return deleteStoredPullKey(conn, connection);
}

/** The stored key, decrypted; null when none is stored. Throws when it cannot be decrypted (the secret changed). */
export async function storedPullKey(conn: Connection, connection: string, secret = authSecret()): Promise<string | null> {
  const row = await getStoredPullKey(conn, connection);
  if (!row) return null;
  try {
    return await symmetricDecrypt({ key: secret, data: row.encryptedKey });
  } catch {
    throw new Error(
      `the ${connection} key stored in Settings cannot be decrypted: the auth secret changed since it was saved; enter it again`,
    );
  }
}

export type KeyOrigin = { from: 'env'; name: string } | { from: 'settings'; hint: string } | { from: 'none' };

/** Where each connection's key would come from, for the Sources page and the schedule (no key is decrypted). */
export async function keyOrigins(
  conn: Connection,
  defs: ConnectionDef[],
  env: Record<string, string | undefined> = process.env,
): Promise<Map<string, KeyOrigin>> {
  const hints = new Map((await listStoredPullKeyHints(conn)).map((h) => [h.connection, h.keyHint]));
  return new Map(
    defs.map((d): [string, KeyOrigin] => {
      if (env[d.keyEnv]) return [d.id, { from: 'env', name: d.keyEnv }];
      const hint = hints.get(d.id);
      return [d.id, hint ? { from: 'settings', hint } : { from: 'none' }];
    }),
  );
}
