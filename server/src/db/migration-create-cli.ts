// `pnpm db:migration:create <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
// that brings the existing migrations to prisma/schema.prisma. Offline (WASM schema engine).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { diffMigrationsToSchema } from './schema-engine.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: pnpm db:migration:create <name>');
  process.exit(2);
}
const config = loadConfig();
const sql = await diffMigrationsToSchema(config.migrationsDir, join(config.repoRoot, 'prisma/schema.prisma'));
if (!sql) {
  console.log('prisma/schema.prisma and the migrations already agree: nothing to create.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(config.migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql + '\n');
console.log(`Created ${dir}/migration.sql`);
