import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { LocaleEnum, RoleEnum } from '../../graphql/enums.ts';
import { login, logout } from './identity.service.ts';

builder.prismaObject('Partner', {
  description: 'A training organisation ("organisme de formation").',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    siret: t.exposeString('siret'),
  }),
});

builder.prismaObject('User', {
  name: 'Viewer',
  description: 'The signed-in person.',
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: RoleEnum }),
    locale: t.expose('locale', { type: LocaleEnum }),
    partner: t.relation('partner', { nullable: true }),
  }),
});

interface LoginResult {
  token: string;
  expiresAt: Date;
  userId: string;
}

export const LoginPayload = builder.objectRef<LoginResult>('LoginPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token', {
      description: 'Send as `Authorization: Bearer <token>` (HTTP) or as `authorization` in connection_init (WebSocket).',
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

builder.objectField(LoginPayload, 'viewer', (t) =>
  t.prismaField({
    type: 'User',
    resolve: (query, payload, _args, ctx) =>
      ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
  }),
);

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null when anonymous (or calling with a partner API key).',
    authScopes: { public: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer?.kind === 'user' ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null,
  }),
);

builder.mutationField('login', (t) =>
  t.field({
    type: LoginPayload,
    authScopes: { public: true },
    args: {
      email: t.arg.string({ validate: z.string().trim().email().max(254) }),
      password: t.arg.string({ validate: z.string().min(1).max(200) }),
    },
    resolve: (_root, args, ctx) => login(ctx.prisma, ctx.loginLimiter, ctx.clientIp, args.email, args.password, ctx.config.sessionTtlMs),
  }),
);

builder.mutationField('logout', (t) =>
  t.boolean({
    description: 'Revokes the current session token.',
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => logout(ctx.prisma, ctx.viewers, ctx.viewer, ctx.credential),
  }),
);
