import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { AppError } from '../../lib/errors.ts';
import { createApiKey, revokeApiKey } from './api-key.service.ts';

const ApiKeyRef = builder.prismaObject('ApiKey', {
  description: 'A partner API key. Only its prefix is shown after creation; the secret is never stored.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreatedApiKey = builder.objectRef<{ apiKey: { id: string }; secret: string }>('CreatedApiKey').implement({
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The full key, shown this once: `Authorization: Bearer <secret>`.' }),
  }),
});
builder.objectField(CreatedApiKey, 'apiKey', (t) =>
  t.prismaField({ type: ApiKeyRef, resolve: (query, parent, _args, ctx) => ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: parent.apiKey.id } }) }),
);

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: [ApiKeyRef],
    description: "The signed-in partner user's organisation keys.",
    authScopes: { partner: true },
    resolve: (query, _root, _args, ctx) => {
      if (ctx.viewer?.kind !== 'user' || !ctx.viewer.partnerId) throw new AppError('FORBIDDEN');
      return ctx.prisma.apiKey.findMany({ ...query, where: { partnerId: ctx.viewer.partnerId }, orderBy: { createdAt: 'desc' } });
    },
  }),
);

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreatedApiKey,
    authScopes: { partner: true },
    args: { name: t.arg.string({ validate: z.string().trim().min(1).max(80) }) },
    resolve: (_root, args, ctx) => createApiKey(ctx.prisma, ctx.viewer, args.name),
  }),
);

builder.mutationField('revokeApiKey', (t) =>
  t.prismaField({
    type: ApiKeyRef,
    authScopes: { partner: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const revoked = await revokeApiKey(ctx.prisma, ctx.viewers, ctx.viewer, String(args.id));
      return ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: revoked.id } });
    },
  }),
);
