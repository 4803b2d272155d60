/** The only file that reads process.env. */
import { z } from 'zod';

const optional = z.string().min(1).optional();

const schema = z.object({
  /** Postgres server URL; absent means the embedded PGlite database. */
  DATABASE_URL: optional,
  /** Folder for the embedded database, its lock and generated demo files. */
  ITEMIZED_DATA_DIR: z.string().min(1).default('.itemized'),
  /** Largest request body the push endpoints accept, in bytes (default 50 MiB); larger pushes get 413. */
  ITEMIZED_MAX_PUSH_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** Push requests per minute per token (token bucket: bursts up to this many); 0 turns the limit off. */
  ITEMIZED_PUSH_RATE: z.coerce.number().int().min(0).default(600),
  /** Largest decompressed size of a gzip body or file, in MiB (pushes, uploads and the CLI). */
  ITEMIZED_MAX_DECOMPRESSED_MB: z.coerce.number().positive().default(1024),
  /** Largest decompressed:compressed ratio, enforced once more than 4 MiB has come out (gzip bombs reach ~1000:1). */
  ITEMIZED_MAX_DECOMPRESSION_RATIO: z.coerce.number().positive().default(200),
  /** Real Postgres used by the integration tests (a fresh database is created per run). */
  TEST_DATABASE_URL: optional,
  /** "off" = demo mode: no sign-in, every visitor is an admin; refused unless bound to a loopback address. */
  ITEMIZED_AUTH: z.enum(['on', 'off']).default('on'),
  /** Signs session cookies. Unset: a random secret is generated once and kept in ITEMIZED_DATA_DIR/auth-secret. */
  ITEMIZED_AUTH_SECRET: optional,
  /** The dashboard's public URL (https://itemized.example.com). Needed for OpenID Connect callbacks. */
  ITEMIZED_URL: z.url().optional(),
  /** OpenID Connect: all three set = a "Sign in with …" button; none set = email and password only. */
  ITEMIZED_OIDC_ISSUER: z.url().optional(),
  ITEMIZED_OIDC_CLIENT_ID: optional,
  ITEMIZED_OIDC_CLIENT_SECRET: optional,
  /** Label of the sign-in button (default "single sign-on"). */
  ITEMIZED_OIDC_NAME: optional,
  /** Role given to a person the IdP vouches for who has no Itemized user yet; unset = only existing users may sign in. */
  ITEMIZED_OIDC_SIGNUP_ROLE: z.enum(['admin', 'analyst', 'finance']).optional(),
  /** Largest file the Imports page accepts, in MB (bigger files: `itemized ingest`). */
  ITEMIZED_MAX_UPLOAD_MB: z.coerce.number().positive().default(512),
  /** The address the CLI started the server on (`serve`, `demo --serve`); demo mode checks it is loopback. */
  ITEMIZED_HOST: optional,
  /** Set by Next.js; "development" allows the eval React's dev tools need in the CSP. */
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.message}`);
  return parsed.data;
}
