// The shared document cache is bounded by memory, not by count (issue 21): 300 distinct 900 kB queries used to keep
// about 243 MB alive.
import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { createDocumentCache, documentCacheSize } from './document-cache.ts';

const schema = buildSchema('type Query { a: Int }');

describe('document cache', () => {
  it('keeps no more than its byte budget, however many large distinct queries arrive', () => {
    const maxBytes = 8 * 1024 * 1024;
    const prepare = createDocumentCache(schema, { introspection: true, maxBytes });
    for (let i = 0; i < 300; i++) prepare(`{ a ${' '.repeat(90_000)} # ${i}\n}`);
    expect(prepare.cachedBytes()).toBeLessThanOrEqual(maxBytes);
    expect(prepare.cachedBytes()).toBeGreaterThan(0);
    // A document larger than a quarter of the budget is answered but never kept.
    const huge = `{ a ${' '.repeat(200_000)} }`;
    expect(documentCacheSize(huge)).toBeGreaterThan(maxBytes / 4);
    expect('document' in prepare(huge)).toBe(true);
  });

  it('refuses introspection in validation when it is off', () => {
    const off = createDocumentCache(schema, { introspection: false });
    expect('errors' in off('{ __schema { types { name } } }')).toBe(true);
    expect('document' in off('{ __typename a }')).toBe(true);
    expect('document' in createDocumentCache(schema, { introspection: true })('{ __schema { types { name } } }')).toBe(true);
  });
});
