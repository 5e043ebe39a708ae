// `pnpm cdc:export --out FILE [--certifier <SIRET or id>]`: exports a CDC batch from the configured database
// (DATA_DIR / DATABASE_URL, read as the server does) exactly as the `exportCdcBatch` mutation does — same code,
// same batch records, passages marked SENT, audit entry (actor "system") — and writes the XML file to FILE. An
// export split into several files (CDC_MAX_PASSAGES_PER_FILE, CDC_MAX_FILE_MB) writes FILE, then FILE-2.xml, …
// With embedded PGlite, stop the server first: two processes cannot open one data directory.
import { copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { AppError } from '../../lib/errors.ts';
import { runWithLocale } from '../../lib/request-context.ts';
import { blockedMessage, exportCdcBatch } from './cdc.service.ts';
import { fileStorage } from '../../storage/storage.ts';

const { values } = parseArgs({ options: { out: { type: 'string' }, certifier: { type: 'string' }, lang: { type: 'string' } } });
if (!values.out) {
  console.error('usage: pnpm cdc:export --out FILE [--certifier <SIRET or id>] [--lang fr|en]');
  process.exit(2);
}
// pnpm runs the script in server/; a relative path is meant from where the command was typed.
const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
const locale = values.lang === 'en' ? 'en' : 'fr';

const config = loadConfig();
const db = await openDatabase(config);
let code = 0;
try {
  await applyMigrations(db.raw, db.kind, config.migrationsDir);
  const certifiers = await db.prisma.certifier.findMany({
    where: values.certifier ? { OR: [{ id: values.certifier }, { siret: values.certifier }] } : {},
    select: { id: true, name: true },
    take: 2,
  });
  if (certifiers.length !== 1) {
    throw new Error(certifiers.length === 0 ? 'no such certifier' : 'several certifiers: choose one with --certifier <SIRET or id>');
  }
  if (config.dataDir.startsWith('memory://')) throw new Error('DATA_DIR=memory:// keeps no database to export from');
  const root = config.dataDir;
  const storage = await fileStorage(config.dataDir);
  const result = await runWithLocale(locale, () =>
    exportCdcBatch(
      { prisma: db.prisma, storage, publicUrl: config.publicUrl, maxPassagesPerFile: config.cdc.maxPassagesPerFile, maxFileBytes: config.cdc.maxFileBytes },
      { certifierId: certifiers[0].id, actorId: null, actorKind: 'system' },
    ),
  );
  for (const [index, file] of result.files.entries()) {
    const target = index === 0 ? out : out.replace(/(\.xml)?$/i, `-${index + 1}.xml`);
    await copyFile(join(root, file.storageKey), target);
    console.log(`Batch ${file.batchId} (${file.fileName}): ${file.passageCount} passage(s) written to ${target}, sha256 ${file.sha256}.`);
  }
  console.log(`${result.passageCount} passage(s) written in ${result.files.length} file(s).`);
  if (result.blockedCount > 0) {
    console.log(`${result.blockedCount} passage(s) left out, to correct:`);
    await runWithLocale(locale, async () => {
      for (const blocked of result.blocked) console.log(`  - ${blockedMessage(blocked)}`);
    });
  }
} catch (error) {
  code = 1;
  if (error instanceof AppError) {
    await runWithLocale(locale, async () => console.error(`${error.code}: ${error.message}`));
  } else console.error(error instanceof Error ? error.message : error);
} finally {
  await db.close();
}
process.exit(code);
