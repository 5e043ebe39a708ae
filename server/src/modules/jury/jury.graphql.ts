import { builder } from '../../graphql/builder.ts';
import { JuryRoleEnum, OralPhaseEnum } from '../../graphql/enums.ts';
import { oralFilter } from '../../auth/policies.ts';
import { rooms } from '../../realtime/rooms.ts';

builder.prismaObject('Oral', {
  description: 'One 30-minute oral of one attempt before a jury.',
  fields: (t) => ({
    id: t.exposeID('id'),
    scheduledAt: t.expose('scheduledAt', { type: 'DateTime' }),
    phase: t.expose('phase', { type: OralPhaseEnum }),
    candidateName: t.string({
      select: { attempt: { select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } } } },
      resolve: (oral) => {
        const { firstName, birthName, usageName } = oral.attempt.candidate;
        return `${firstName} ${usageName ?? birthName}`;
      },
    }),
    certification: t.prismaField({
      type: 'Certification',
      resolve: (query, oral, _args, ctx) =>
        ctx.prisma.certification.findFirstOrThrow({ ...query, where: { attempts: { some: { id: oral.attemptId } } } }),
    }),
    myRole: t.field({
      type: JuryRoleEnum,
      nullable: true,
      description: "The caller's role on this oral's jury (null when not a juror of it).",
      select: (_args, ctx) => ({
        jury: { select: { members: { where: { jurorId: ctx.viewer?.kind === 'user' ? ctx.viewer.userId : '' }, select: { role: true } } } },
      }),
      resolve: (oral) => oral.jury.members[0]?.role ?? null,
    }),
  }),
});

builder.queryField('myOrals', (t) =>
  t.prismaField({
    type: ['Oral'],
    description: 'Orals of the juries the signed-in juror sits on, by date.',
    authScopes: { juror: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.oral.findMany({ ...query, where: oralFilter(ctx.viewer), orderBy: { scheduledAt: 'asc' } }),
  }),
);

builder.queryField('oral', (t) =>
  t.prismaField({
    type: 'Oral',
    nullable: true,
    description: 'One oral, if the caller may see it (a juror only orals of juries they sit on).',
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      // The room's sequence is read first, so that `eventSeq` never runs ahead of the snapshot.
      const sequence = await ctx.prisma.roomSequence.findUnique({ where: { room: rooms.oral(String(args.id)) } });
      const oral = await ctx.prisma.oral.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, oralFilter(ctx.viewer)] } });
      return oral && Object.assign(oral, { eventSeqBeforeRead: sequence?.lastSeq ?? 0 });
    },
  }),
);
