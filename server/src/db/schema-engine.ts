// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through an in-memory
// PGlite. It computes migration SQL offline: the diff between what prisma/migrations produces (replayed on a
// fresh in-memory shadow database) and prisma/schema.prisma. Development and tests only, never at runtime.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { readMigrations } from './migrations.ts';

const require = createRequire(import.meta.url);
// Node's global WebAssembly (not in the ES lib typings).
const { WebAssembly } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<object>; instantiate(module: object, imports: object): Promise<{ exports: object }> } };

let instantiated: Promise<void> | undefined;

/** The package's own entry imports the .wasm as an ES module, which Node cannot do: instantiate it by hand. */
function instantiateEngine(): Promise<void> {
  instantiated ??= (async () => {
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = await WebAssembly.compile(readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': glue as never });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return instantiated;
}

/**
 * SQL that brings a database migrated with every file in `migrationsDir` to `schema.prisma`.
 * An empty string means the migrations and the schema agree.
 */
export async function diffMigrationsToSchema(migrationsDir: string, schemaPath: string): Promise<string> {
  await instantiateEngine();
  const client = new PGlite();
  try {
    const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(client));
    const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => undefined, factory);
    const migrations = readMigrations(migrationsDir);
    const filters = { externalTables: [], externalEnums: [] };
    const from =
      migrations.length === 0
        ? ({ tag: 'empty' } as const)
        : ({
            tag: 'migrations',
            baseDir: migrationsDir,
            lockfile: { path: 'migration_lock.toml', content: readLockfile(migrationsDir) },
            shadowDbInitScript: '',
            migrationDirectories: migrations.map((migration) => ({
              path: migration.name,
              migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
            })),
          } as const);
    const result = await engine.diff({
      from: from as never,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: null,
      filters,
    });
    const script = (result.stdout ?? '').trim();
    return script === '-- This is an empty migration.' ? '' : script;
  } finally {
    await client.close();
  }
}

/** prisma/migrations/migration_lock.toml names the provider; Prisma writes it, and so do we. */
function readLockfile(migrationsDir: string): string {
  const path = join(migrationsDir, 'migration_lock.toml');
  return existsSync(path) ? readFileSync(path, 'utf8') : 'provider = "postgresql"\n';
}
