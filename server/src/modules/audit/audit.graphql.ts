// Admins read the audit trail of an entity and verify that the hash chain is intact.
import { builder } from '../../graphql/builder.ts';
import { verifyAuditChain } from '../../lib/audit.ts';

builder.prismaObject('AuditEntry', {
  description: 'One entry of the append-only, hash-chained audit trail.',
  fields: (t) => ({
    seq: t.string({ resolve: (entry) => entry.seq.toString() }),
    at: t.expose('at', { type: 'DateTime' }),
    actorId: t.exposeString('actorId', { nullable: true }),
    actorKind: t.exposeString('actorKind'),
    action: t.exposeString('action'),
    entityType: t.exposeString('entityType'),
    entityId: t.exposeString('entityId'),
    data: t.expose('data', { type: 'JSON' }),
    hash: t.exposeString('hash'),
  }),
});

const AuditVerification = builder.objectRef<{ ok: boolean; checked: number; brokenAtSeq: bigint | null }>('AuditVerification').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checked: t.exposeInt('checked'),
    brokenAtSeq: t.string({ nullable: true, resolve: (result) => result.brokenAtSeq?.toString() ?? null }),
  }),
});

builder.queryField('auditEntries', (t) =>
  t.prismaField({
    type: ['AuditEntry'],
    description: 'The audit trail of one entity, oldest first (at most 1,000 entries).',
    authScopes: { admin: true },
    args: { entityType: t.arg.string(), entityId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.auditEntry.findMany({
        ...query,
        where: { entityType: args.entityType, entityId: String(args.entityId) },
        orderBy: { seq: 'asc' },
        take: 1000,
      }),
  }),
);

builder.queryField('auditVerification', (t) =>
  t.field({
    type: AuditVerification,
    description: 'Re-computes the whole hash chain: ok is false, with the first broken entry, if anything was edited or deleted.',
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => verifyAuditChain(ctx.prisma),
  }),
);
