/**
 * Typed GraphQL documents, checked against `schema.graphql` at compile time (gql.tada).
 *
 * `graphql-env.d.ts` is generated from `schema.graphql` by `pnpm codegen` (also run by `pnpm schema:print`);
 * a test fails when it is out of date. Write every operation with `graphql(...)`; its result and variables types
 * come out of the document itself: `ResultOf<typeof MyQuery>`, `VariablesOf<typeof MyQuery>`. Fragments are
 * passed as the second argument and read with `readFragment` (or typed with `FragmentOf`).
 */
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** ISO 8601 string. */
    DateTime: string;
    JSON: unknown;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
