/**
 * Itemized schema, one file per domain, re-exported here for drizzle-kit (drizzle.config.ts) and the
 * drizzle clients. Money is numeric(20,10) in USD, carried as decimal strings; token counts are bigint.
 * NULL means "unknown" everywhere (reasoning_tokens NULL = the source did not say).
 */
export * from './schema-auth';
export * from './schema-finance';
export * from './schema-rollups';
export * from './schema-sources';
export * from './schema-usage';
