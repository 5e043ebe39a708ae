// Prisma CLI configuration. The CLI downloads a native schema engine before most commands, which cannot
// work offline; we never use that engine (migrations run through the WASM engine, see src/db/migrations.ts),
// so point it at an existing file to skip the download. `prisma generate` only needs its bundled WASM.
import { defineConfig } from 'prisma/config';
import { fileURLToPath } from 'node:url';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);

export default defineConfig({
  schema: '../prisma/schema.prisma',
});
