// Applies prisma/migrations/<timestamp>_<name>/migration.sql files in order, recording them in Prisma's own
// `_prisma_migrations` table (same columns and sha256 checksums, so the Prisma CLI would see the same history).
// This runner needs no network and no native engine; on PostgreSQL an advisory lock keeps two starting
// processes from migrating at once.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawSql, DatabaseKind } from './database.ts';

export interface MigrationFileEntry {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_LOCK_KEY = 72_736_001; // arbitrary, constant: pg_advisory_lock key for migrations

export function readMigrations(migrationsDir: string): MigrationFileEntry[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function applyMigrations(raw: RawSql, kind: DatabaseKind, migrationsDir: string): Promise<string[]> {
  const migrations = readMigrations(migrationsDir);
  if (kind === 'postgres') await raw.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await raw.exec(CREATE_MIGRATIONS_TABLE);
    const appliedRows = await raw.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(appliedRows.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of migrations) {
      const appliedChecksum = applied.get(migration.name);
      if (appliedChecksum) {
        if (appliedChecksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was edited after it was applied (checksum differs). Create a new migration instead.`,
          );
        }
        continue;
      }
      const id = randomUUID();
      // The migration and its bookkeeping row commit together or not at all.
      await raw.exec(
        `BEGIN;\n${migration.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) ` +
          `VALUES ('${id}', '${migration.checksum}', now(), '${migration.name.replace(/'/g, "''")}', 1);\nCOMMIT;`,
      ).catch(async (error: unknown) => {
        await raw.exec('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
      });
      done.push(migration.name);
    }
    return done;
  } finally {
    if (kind === 'postgres') await raw.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
