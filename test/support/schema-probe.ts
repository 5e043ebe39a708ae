// Generated operations for schema-wide probes (authorization matrix, cross-tenant probes, fuzzing): every root
// field with generated values for its required arguments and the smallest selection.
import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { gql } from './graphql.ts';

export type RootKind = 'query' | 'mutation' | 'subscription';
export type AnyField = GraphQLField<unknown, unknown>;

/** The running server's schema, by introspection (on in tests). */
export async function fetchSchema(graphqlUrl: string): Promise<GraphQLSchema> {
  const introspection = await gql<IntrospectionQuery>(graphqlUrl, getIntrospectionQuery());
  return buildClientSchema(introspection.data!);
}

export function rootFields(schema: GraphQLSchema, typeName: 'Query' | 'Mutation' | 'Subscription'): AnyField[] {
  const type = schema.getType(typeName);
  return isObjectType(type) ? Object.values(type.getFields()) : [];
}

/** A value of the right type; ids are random, so they name nothing. */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sampleValue(field.type);
    }
    return value;
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2030-01-02T09:00:00.000Z';
    case 'JSON':
      return {};
    default:
      return 'x';
  }
}

/** The required arguments of a field (those a caller must pass). */
export function requiredArgs(field: AnyField) {
  return field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
}

/** Whether an argument takes an id (ID, ID!, [ID!]!). */
export function takesId(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return named.name === 'ID';
}

/**
 * `kind Probe($a: T…) { field(a: $a…) { __typename } }` with the required arguments (overrides replace generated
 * values), as a document and its variables.
 */
export function operationFor(kind: RootKind, field: AnyField, overrides: Record<string, unknown> = {}) {
  const args = requiredArgs(field);
  const variables = Object.fromEntries(args.map((arg) => [arg.name, arg.name in overrides ? overrides[arg.name] : sampleValue(arg.type)]));
  const declarations = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passing = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  const query = `${kind} Probe${declarations ? `(${declarations})` : ''} { ${field.name}${passing ? `(${passing})` : ''}${selection} }`;
  return { query, variables };
}
