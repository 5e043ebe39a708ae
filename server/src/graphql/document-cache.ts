// Parsed-and-validated documents, cached by query text. Apollo keeps its own document store for HTTP;
// graphql-ws has none, and validation (~90 µs even for a tiny query) dominates small operations.
import { LRUCache } from 'lru-cache';
import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

export type PreparedDocument = { document: DocumentNode } | { errors: readonly GraphQLError[] };

export function createDocumentCache(schema: GraphQLSchema, max = 1000) {
  const cache = new LRUCache<string, PreparedDocument>({ max });
  return (query: string): PreparedDocument => {
    const cached = cache.get(query);
    if (cached) return cached;
    let prepared: PreparedDocument;
    try {
      const document = parse(query, { maxTokens: 5000 });
      const errors = validate(schema, document);
      prepared = errors.length ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
    }
    cache.set(query, prepared);
    return prepared;
  };
}
