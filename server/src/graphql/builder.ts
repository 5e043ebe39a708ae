// The Pothos schema builder: plugins, scalars, auth scopes, validation errors, complexity limits.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import ComplexityPlugin from '@pothos/plugin-complexity';
import AuthBeforeValidationPlugin from './auth-before-validation.ts';
import { GraphQLScalarType, Kind } from 'graphql';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { scopesFor, type AuthScopes } from '../auth/policies.ts';
import { AppError, validationFailed } from '../lib/errors.ts';
import type { Context } from './context.ts';
import '../lib/messages.ts'; // installs zod's localized messages

export interface Limits {
  maxDepth: number;
  maxBreadth: number;
  maxComplexity: number;
}

// Read once at schema build; the defaults match config.ts. Tests and the printed schema use the defaults.
export const schemaLimits: Limits = { maxDepth: 12, maxBreadth: 200, maxComplexity: 20_000 };

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [AuthBeforeValidationPlugin, ScopeAuthPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (context) => scopesFor(context.viewer),
    // Anonymous callers get UNAUTHENTICATED, logged-in ones FORBIDDEN; both typed and translated.
    unauthorizedError: (_parent, context) => new AppError(context.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED'),
    authorizeOnSubscribe: true,
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  validation: {
    validationError: (result) =>
      validationFailed(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((segment) =>
            typeof segment === 'object' ? (segment.key as string | number) : (segment as string | number),
          ),
          message: issue.message,
        })),
      ),
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: () => ({ depth: schemaLimits.maxDepth, breadth: schemaLimits.maxBreadth, complexity: schemaLimits.maxComplexity }),
    complexityError: (kind, result) => {
      const key = kind.toLowerCase() as 'depth' | 'breadth' | 'complexity';
      const max = result[`max${kind}` as 'maxDepth' | 'maxBreadth' | 'maxComplexity'];
      return new AppError('LIMIT_EXCEEDED', { details: `${key} ${result[key]} > ${max}` });
    },
  },
});

builder.addScalarType(
  'DateTime',
  new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    description: 'An ISO-8601 date-time in UTC, e.g. 2026-11-23T09:30:00.000Z.',
    serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
    parseValue: (value) => {
      const date = new Date(value as string);
      if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
      return date;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || Number.isNaN(new Date(ast.value).getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
      return new Date(ast.value);
    },
  }),
);

builder.scalarType('JSON', {
  description: 'Arbitrary JSON.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
