/**
 * The Citus path (docs/scale.md), checked against the schema rather than promised: every distributed
 * table's distribution column is NOT NULL and in every unique key (Citus refuses the table otherwise),
 * the loader's ON CONFLICT targets include it, every table has a place in the plan, and the migrations
 * hold no construct Citus cannot distribute.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { date, getTableConfig, type PgTable, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';
import { migrationsFolder } from '../migrate';
import * as schema from '../schema';
import { DISTRIBUTED, FORBIDDEN_IN_MIGRATIONS, LOCAL, REFERENCE } from './citus';

const tables = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v)
  .map((t) => getTableConfig(t));
const byName = new Map(tables.map((t) => [t.name, t]));

/** Unique keys, primary keys and unique indexes of a table that do not include `column`. */
function keysWithout(t: ReturnType<typeof getTableConfig>, column: string): string[][] {
  const keys = [
    ...t.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
    ...t.primaryKeys.map((p) => p.columns.map((c) => c.name)),
    ...t.indexes.filter((i) => i.config.unique).map((i) => i.config.columns.map((c) => String((c as { name?: string }).name))),
  ];
  return keys.filter((k) => !k.includes(column));
}

describe('Citus distribution plan', () => {
  test('every table is distributed, reference or local, exactly once', () => {
    const planned = [...Object.keys(DISTRIBUTED), ...REFERENCE, ...LOCAL];
    expect(new Set(planned).size).toBe(planned.length);
    expect([...planned].sort()).toEqual(tables.map((t) => t.name).sort());
  });

  test.each(Object.entries(DISTRIBUTED))('%s: distribution column %s is NOT NULL and in every unique key', (table, column) => {
    const t = byName.get(table)!;
    const col = t.columns.find((c) => c.name === column);
    expect(col?.notNull).toBe(true);
    expect(t.uniqueConstraints.length + t.primaryKeys.length).toBeGreaterThan(0);
    expect(keysWithout(t, column)).toEqual([]);
  });

  test('the loader’s ON CONFLICT targets are keys that include the distribution column', () => {
    // The loader, the rollup fold and every registered rollup module (db/queries/rollup-*.ts).
    const rollupModules = readdirSync(path.resolve('db/queries')).filter((f) => /^rollup-[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    const files = ['db/queries/ingest.ts', 'db/queries/rollup.ts', ...rollupModules.map((f) => `db/queries/${f}`)];
    const src = files.map((f) => readFileSync(path.resolve(f), 'utf8')).join('\n');
    const targets = [...src.matchAll(/ON CONFLICT ON CONSTRAINT (\w+)/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const name of targets) {
      const owner = tables.find((t) => t.uniqueConstraints.some((u) => u.getName() === name));
      expect(owner, name).toBeTruthy();
      const column = DISTRIBUTED[owner!.name];
      expect(column, `${name} is on ${owner!.name}, which the plan does not distribute`).toBeTruthy();
      const u = owner!.uniqueConstraints.find((x) => x.getName() === name)!;
      expect(u.columns.map((c) => c.name)).toContain(column);
    }
  });

  test('migrations hold nothing Citus cannot distribute', () => {
    const dir = migrationsFolder();
    const problems: string[] = [];
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.sql'))) {
      const sql = readFileSync(path.join(dir, f), 'utf8').replace(/--[^\n]*/g, '');
      for (const rule of FORBIDDEN_IN_MIGRATIONS) if (rule.pattern.test(sql)) problems.push(`${f}: ${rule.why}`);
    }
    expect(problems).toEqual([]);
  });

  test('the checks catch a unique key without the distribution column and a foreign key into events', () => {
    const bad = pgTable('bad_daily', { day: date('day').notNull(), vendor: text('vendor').notNull() }, (t) => [
      unique('bad_key').on(t.vendor),
    ]);
    expect(keysWithout(getTableConfig(bad), 'day')).toEqual([['vendor']]);
    expect(
      FORBIDDEN_IN_MIGRATIONS.some((r) => r.pattern.test('ALTER TABLE x ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES "usage_events"(id)')),
    ).toBe(true);
  });
});
