/** The only file that reads process.env. */
import { z } from 'zod';

const schema = z.object({
  /** Postgres server URL; absent means the embedded PGlite database. */
  DATABASE_URL: z.string().min(1).optional(),
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
  TEST_DATABASE_URL: z.string().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

export function readEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.message}`);
  return parsed.data;
}
