// `pnpm schema:print`: writes schema.graphql at the repository root (a test fails when it drifts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printedSchema } from './schema.ts';

const target = resolve(import.meta.dirname, '../../../schema.graphql');
writeFileSync(target, printedSchema());
console.log(`Wrote ${target}`);
