// The http-trivial baseline: the same schema on a bare node:http + graphql-js handler with a parsed-and-validated
// document cache (no Apollo, no auth, no context). Started as its own process by http-trivial.ts; prints its URL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute } from 'graphql';
import { getSchema } from '../../server/src/graphql/schema.ts';
import { createDocumentCache } from '../../server/src/graphql/document-cache.ts';

const schema = getSchema();
const prepare = createDocumentCache(schema, { introspection: true });
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', async () => {
    const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const prepared = prepare(query);
    const result = 'errors' in prepared ? { errors: prepared.errors } : await execute({ schema, document: prepared.document, variableValues: variables, contextValue: {} });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`bare graphql on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`));
