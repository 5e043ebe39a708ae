import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSchema, printedSchema } from './schema.ts';

describe('schema', () => {
  it('matches the committed schema.graphql (run `pnpm schema:print` after changing the schema)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');
    expect(printedSchema()).toBe(committed);
  });

  it('declares auth scopes on every root field', () => {
    const schema = getSchema();
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    const undeclared: string[] = [];
    for (const root of roots) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const options = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions;
        if (!options?.authScopes) undeclared.push(`${root!.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
