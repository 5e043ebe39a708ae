// Authorization before argument validation. Pothos runs argument mappers (plugin-validation) before any plugin's
// resolver wrapper (plugin-scope-auth), so a caller without the right to a root field would learn from a
// VALIDATION_FAILED answer what the field accepts. This plugin checks a root field's declared `authScopes` map
// (our scopes are plain booleans: "any of these") outside the argument mappers, and refuses with the same error
// as scope-auth. scope-auth still runs afterwards, and owns every other case (functions, type scopes).
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { scopesFor, type AuthScopes } from '../auth/policies.ts';
import { AppError } from '../lib/errors.ts';
import type { Context } from './context.ts';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

class AuthBeforeValidationPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const declared = (fieldConfig.pothosOptions as { authScopes?: unknown }).authScopes;
    if (!resolver || !ROOT_TYPES.has(fieldConfig.parentType) || !declared || typeof declared !== 'object') return resolver;
    const anyOf = Object.entries(declared as Partial<Record<keyof AuthScopes, boolean>>)
      .filter(([, wanted]) => wanted === true)
      .map(([scope]) => scope as keyof AuthScopes);
    if (anyOf.length === 0) return resolver;
    return (parent, args, context, info) => {
      const viewer = (context as Context).viewer;
      const scopes = scopesFor(viewer);
      if (!anyOf.some((scope) => scopes[scope])) throw new AppError(viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      return resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      authBeforeValidation: AuthBeforeValidationPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('authBeforeValidation', AuthBeforeValidationPlugin);

export default 'authBeforeValidation' as const;
