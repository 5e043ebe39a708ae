// Parsed-and-validated documents, cached by query text. Apollo keeps its own document store for HTTP;
// graphql-ws has none, and validation (~90 µs even for a tiny query) dominates small operations.
// The cache is bounded by size, not by count: a parsed document weighs about ten times its text, so 300 distinct
// 900 kB queries would otherwise keep hundreds of megabytes alive. Introspection is refused here, in validation, when
// it is off: this cache serves the WebSocket and the HTTP fast path, so both refuse it as Apollo does.
import { LRUCache } from 'lru-cache';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

export type PreparedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export interface DocumentCacheOptions {
  /** Allow __schema and __type (GRAPHQL_INTROSPECTION). */
  introspection: boolean;
  /** Total estimated bytes kept (default 32 MB). */
  maxBytes?: number;
}

/** Estimated memory of a cached entry: its text (UTF-16) and its AST (about ten times the text), at least 1 kB. */
export const documentCacheSize = (query: string) => Math.max(1024, query.length * 2 * 11);

export function createDocumentCache(schema: GraphQLSchema, options: DocumentCacheOptions) {
  const maxSize = options.maxBytes ?? 32 * 1024 * 1024;
  const cache = new LRUCache<string, PreparedDocument>({
    max: 5000,
    maxSize,
    // An entry heavier than a quarter of the cache is not kept at all (it would push out everything else).
    maxEntrySize: Math.floor(maxSize / 4),
    sizeCalculation: (_value, query) => documentCacheSize(query),
  });
  const rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const prepare = (query: string): PreparedDocument => {
    const cached = cache.get(query);
    if (cached) return cached;
    let prepared: PreparedDocument;
    try {
      const document = parse(query, { maxTokens: 5000 });
      const errors = validate(schema, document, rules);
      prepared = errors.length ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    if (documentCacheSize(query) <= maxSize / 4) cache.set(query, prepared);
    return prepared;
  };
  /** The estimated bytes the cache holds now (tests). */
  return Object.assign(prepare, { cachedBytes: () => cache.calculatedSize });
}
