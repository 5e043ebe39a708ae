// `pnpm db:migrate`: applies pending migrations to the configured database (PGlite or DATABASE_URL).
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { applyMigrations } from './migrations.ts';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const applied = await applyMigrations(db.raw, db.kind, config.migrationsDir);
  console.log(applied.length ? `Applied ${applied.join(', ')} to ${db.label}` : `${db.label} is up to date`);
} finally {
  await db.close();
}
