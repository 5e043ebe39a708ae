import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from './schema-engine.ts';
import { openDatabase } from './database.ts';
import { applyMigrations, readMigrations } from './migrations.ts';

const root = resolve(import.meta.dirname, '../../..');
const migrationsDir = resolve(root, 'prisma/migrations');

describe('migrations', () => {
  it('agree with prisma/schema.prisma (run `pnpm db:migration:create <name>` after changing the schema)', async () => {
    const drift = await diffMigrationsToSchema(migrationsDir, resolve(root, 'prisma/schema.prisma'));
    expect(drift).toBe('');
  });

  it('apply once, record checksums, and are idempotent', async () => {
    const db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
    try {
      const names = readMigrations(migrationsDir).map((m) => m.name);
      expect(await applyMigrations(db.raw, db.kind, migrationsDir)).toEqual(names);
      expect(await applyMigrations(db.raw, db.kind, migrationsDir)).toEqual([]);
      const rows = await db.raw.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(names);
    } finally {
      await db.close();
    }
  });
});
