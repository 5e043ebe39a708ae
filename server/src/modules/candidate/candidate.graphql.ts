import { builder } from '../../graphql/builder.ts';
import { AccessRouteEnum, AttemptStateEnum, FundingEnum, SexEnum } from '../../graphql/enums.ts';
import { attemptFilter, candidateFilter } from '../../auth/policies.ts';
import { viewerPartnerId } from '../../auth/viewer.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { AppError } from '../../lib/errors.ts';
import { candidateRegistrationSchema } from './candidate.rules.ts';
import { assertPartnerFor, registerCandidate } from './candidate.service.ts';

builder.prismaObject('Attempt', {
  description: 'Passage de certification: one sitting of one candidate for one certification.',
  fields: (t) => ({
    id: t.exposeID('id'),
    state: t.expose('state', { type: AttemptStateEnum }),
    attemptNumber: t.exposeInt('attemptNumber'),
    accessRoute: t.expose('accessRoute', { type: AccessRouteEnum }),
    funding: t.expose('funding', { type: FundingEnum, nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    certification: t.relation('certification'),
    framework: t.relation('frameworkVersion', { description: 'The framework version this attempt is evaluated against (kept for good).' }),
  }),
});

builder.prismaObject('Candidate', {
  fields: (t) => ({
    id: t.exposeID('id'),
    fileNumber: t.exposeString('fileNumber'),
    email: t.exposeString('email'),
    birthName: t.exposeString('birthName'),
    usageName: t.exposeString('usageName', { nullable: true }),
    firstName: t.exposeString('firstName'),
    firstName2: t.exposeString('firstName2', { nullable: true }),
    firstName3: t.exposeString('firstName3', { nullable: true }),
    birthDate: t.expose('birthDate', { type: 'DateTime', nullable: true }),
    sex: t.expose('sex', { type: SexEnum, nullable: true }),
    birthInseeCode: t.exposeString('birthInseeCode', { nullable: true }),
    cpfFileNumber: t.exposeString('cpfFileNumber', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    partner: t.relation('partner'),
    attempts: t.relation('attempts', { query: { orderBy: { attemptNumber: 'asc' } } }),
  }),
});


builder.queryField('candidates', (t) =>
  t.prismaConnection(
    {
      type: 'Candidate',
      cursor: 'id',
      description: "Candidates the caller may see: a partner only its own, an admin all of the certifier's.",
      authScopes: { admin: true, partner: true },
      args: {
        certificationId: t.arg.id({ required: false }),
        state: t.arg({ type: AttemptStateEnum, required: false }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.candidate.findMany({
          ...query,
          where: candidateListWhere(ctx.viewer, args),
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
      totalCount: (_connection, args, ctx) => ctx.prisma.candidate.count({ where: candidateListWhere(ctx.viewer, args) }),
    },
  ),
);

function candidateListWhere(
  viewer: Parameters<typeof candidateFilter>[0],
  args: { certificationId?: string | number | null; state?: string | null },
) {
  const attemptWhere = {
    ...(args.certificationId ? { certificationId: String(args.certificationId) } : {}),
    ...(args.state ? { state: args.state as never } : {}),
  };
  return {
    AND: [candidateFilter(viewer), Object.keys(attemptWhere).length ? { attempts: { some: attemptWhere } } : {}],
  };
}

builder.queryField('candidate', (t) =>
  t.prismaField({
    type: 'Candidate',
    nullable: true,
    description: 'One candidate, if the caller may see it (else null: existence is not revealed).',
    authScopes: { authenticated: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.candidate.findFirst({ ...query, where: { AND: [{ id: String(args.id) }, candidateFilter(ctx.viewer)] } }),
  }),
);

builder.queryField('myAttempts', (t) =>
  t.prismaField({
    type: ['Attempt'],
    description: "The signed-in candidate's attempts.",
    authScopes: { candidate: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.attempt.findMany({ ...query, where: attemptFilter(ctx.viewer), orderBy: { createdAt: 'asc' } }),
  }),
);

const RegisterCandidateInput = builder.inputType('RegisterCandidateInput', {
  fields: (t) => ({
    certificationCode: t.string({ description: 'e.g. RS5302' }),
    fileNumber: t.string({ description: "The partner's file number; registration is idempotent on it." }),
    email: t.string(),
    birthName: t.string({ description: 'Nom de naissance.' }),
    firstName: t.string(),
    usageName: t.string({ required: false }),
    firstName2: t.string({ required: false }),
    firstName3: t.string({ required: false }),
    birthDate: t.field({ type: 'DateTime', required: false }),
    sex: t.field({ type: SexEnum, required: false }),
    birthInseeCode: t.string({ required: false, description: 'INSEE code of the birth municipality (5 chars).' }),
    birthPostalCode: t.string({ required: false }),
    birthCity: t.string({ required: false }),
    birthCountryCode: t.string({ required: false, description: 'INSEE country code when born abroad.' }),
    cpfFileNumber: t.string({ required: false }),
    phone: t.string({ required: false }),
    accessRoute: t.field({ type: AccessRouteEnum, required: false }),
    funding: t.field({ type: FundingEnum, required: false }),
  }),
}).validate(candidateRegistrationSchema);

builder.mutationField('registerCandidate', (t) =>
  t.prismaField({
    type: 'Candidate',
    description:
      'Registers a candidate for a certification. Idempotent on (partner, fileNumber): a retry returns the existing candidate unchanged.',
    authScopes: { partner: true, admin: true },
    args: {
      input: t.arg({ type: RegisterCandidateInput }),
      partnerId: t.arg.id({ required: false, description: 'Admins only: the partner to register for.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      const viewer = ctx.viewer!;
      const partnerId = assertPartnerFor(viewer, args.partnerId ? String(args.partnerId) : null);
      const { candidateId } = await registerCandidate(ctx, viewer, partnerId, args.input as never);
      return ctx.prisma.candidate.findUniqueOrThrow({ ...query, where: { id: candidateId } });
    },
  }),
);

const CandidateEvent = builder.objectRef<RoomEvent>('CandidateEvent').implement({
  description: "A change to one of the partner's candidates. `seq` orders events; pass the last one seen as `since`.",
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    candidateId: t.id({ resolve: (event) => String(event.payload.candidateId) }),
  }),
});

builder.objectField(CandidateEvent, 'candidate', (t) =>
  t.prismaField({
    type: 'Candidate',
    nullable: true,
    // Re-read with the subscriber's own row rules: events carry ids, never rows.
    resolve: (query, event, _args, ctx) =>
      ctx.prisma.candidate.findFirst({
        ...query,
        where: { AND: [{ id: String(event.payload.candidateId) }, candidateFilter(ctx.viewer)] },
      }),
  }),
);

builder.subscriptionField('partnerCandidateEvents', (t) =>
  t.field({
    type: CandidateEvent,
    description: "Live changes to the partner's candidates. With `since`, first replays the events after that sequence.",
    authScopes: { partner: true },
    args: { since: t.arg.int({ required: false }) },
    subscribe: (_root, args, ctx) => {
      const partnerId = viewerPartnerId(ctx.viewer);
      if (!partnerId) throw new AppError('FORBIDDEN');
      return roomEvents(ctx.prisma, ctx.pubsub, rooms.partner(partnerId), args.since);
    },
    resolve: (event) => event,
  }),
);
