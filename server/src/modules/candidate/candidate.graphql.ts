import { builder } from '../../graphql/builder.ts';
import { AccessRouteEnum, AttemptStateEnum, FundingEnum, SexEnum } from '../../graphql/enums.ts';
import { accommodationReaderFilter, attemptFilter, candidateFilter, jurorPersonalDataOralFilter } from '../../auth/policies.ts';
import type { Context } from '../../graphql/context.ts';
import { AccommodationKind } from '../../generated/prisma/enums.ts';
import { viewerPartnerId } from '../../auth/viewer.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { AppError, type FieldIssue } from '../../lib/errors.ts';
import { batchLoad } from '../../graphql/loaders.ts';
import { recordCandidateOfAttempts } from '../../graphql/loaded-under.ts';
import { accommodationSchema, candidateIdentitySchema, candidateRegistrationSchema, identityInUse } from './candidate.rules.ts';
import {
  MAX_BULK_CANDIDATES,
  assertPartnerFor,
  registerCandidate,
  registerCandidatesBulk,
  setAccommodation,
  updateCandidateIdentity,
  type BulkRegistrationRow,
} from './candidate.service.ts';

// Select mode: an Attempt, a Candidate or a Certification reads the columns of its
// type-level `select`, plus those of the fields a query asks for. The columns almost every query shows are in
// the type-level select and read by plain resolvers: a field with a `select` of its own (every t.expose* in
// select mode) is wrapped by plugin-prisma to look up how its row was loaded, per row, which cost more than
// reading the column (about 2 µs a field: a page of 100 candidates resolves a thousand of them).
const AttemptRef = builder.prismaObject('Attempt', {
  select: { id: true, state: true, attemptNumber: true },
  description: 'Passage de certification: one sitting of one candidate for one certification.',
  fields: (t) => ({
    id: t.id({ resolve: (attempt) => attempt.id }),
    state: t.field({ type: AttemptStateEnum, resolve: (attempt) => attempt.state }),
    attemptNumber: t.int({ resolve: (attempt) => attempt.attemptNumber }),
    accessRoute: t.expose('accessRoute', { type: AccessRouteEnum }),
    funding: t.expose('funding', { type: FundingEnum, nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    candidateName: t.string({
      description: "The candidate's first name and usage (else birth) name.",
      select: { candidate: { select: { firstName: true, birthName: true, usageName: true } } },
      resolve: ({ candidate }) => `${candidate.firstName} ${candidate.usageName ?? candidate.birthName}`,
    }),
    certification: t.relation('certification'),
    framework: t.relation('frameworkVersion', { description: 'The framework version this attempt is evaluated against (kept for good).' }),
  }),
});

/** Per request: whether the juror may still read each candidate's personal fields (one read per candidate). */
const jurorWindows = new WeakMap<Context, Map<string, Promise<boolean>>>();

/**
 * A personal field of a candidate: as stored, except for a juror whose every oral of this candidate had its minutes
 * signed more than JUROR_PERSONAL_DATA_DAYS ago (then null). Other viewers reach the row only through their own rules.
 */
function personalField<T>(ctx: Context, candidateId: string, value: T): T | null | Promise<T | null> {
  const viewer = ctx.viewer;
  if (viewer?.kind !== 'user' || viewer.role !== 'JUROR') return value;
  let windows = jurorWindows.get(ctx);
  if (!windows) jurorWindows.set(ctx, (windows = new Map()));
  let open = windows.get(candidateId);
  if (!open) {
    open = ctx.prisma.oral.count({ where: jurorPersonalDataOralFilter(viewer, candidateId, ctx.config.jurorPersonalDataMs) }).then((count) => count > 0);
    windows.set(candidateId, open);
  }
  return open.then((allowed) => (allowed ? value : null));
}

const CandidateRef = builder.prismaObject('Candidate', {
  select: { id: true, fileNumber: true, email: true, birthName: true, usageName: true, firstName: true },
  fields: (t) => ({
    id: t.id({ resolve: (candidate) => candidate.id }),
    fileNumber: t.string({ resolve: (candidate) => candidate.fileNumber }),
    email: t.string({
      nullable: true,
      description: 'Null for a juror once JUROR_PERSONAL_DATA_DAYS have passed since the minutes were signed (as the other personal fields).',
      resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.email),
    }),
    birthName: t.string({ resolve: (candidate) => candidate.birthName }),
    usageName: t.string({ nullable: true, resolve: (candidate) => candidate.usageName }),
    firstName: t.string({ resolve: (candidate) => candidate.firstName }),
    firstName2: t.exposeString('firstName2', { nullable: true }),
    firstName3: t.exposeString('firstName3', { nullable: true }),
    birthDate: t.field({ type: 'DateTime', nullable: true, select: { birthDate: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthDate) }),
    sex: t.field({ type: SexEnum, nullable: true, select: { sex: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.sex) }),
    birthInseeCode: t.string({ nullable: true, select: { birthInseeCode: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthInseeCode) }),
    cpfFileNumber: t.string({ nullable: true, select: { cpfFileNumber: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.cpfFileNumber) }),
    birthCity: t.string({ nullable: true, description: 'Birth commune (derived from the INSEE code when only the code was given).', select: { birthCity: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthCity) }),
    birthPostalCode: t.string({ nullable: true, select: { birthPostalCode: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthPostalCode) }),
    identityEditable: t.boolean({
      description: 'Whether the partner, the candidate or an admin may still correct the identity (updateCandidateIdentity); once a jury decided on an attempt, only a rectification request.',
      select: { anonymisedAt: true, attempts: { select: { state: true } } },
      resolve: (candidate) => !identityInUse(candidate),
    }),
    birthCountryCode: t.string({ nullable: true, select: { birthCountryCode: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthCountryCode) }),
    birthCountryName: t.string({ nullable: true, select: { birthCountryName: true }, resolve: (candidate, _args, ctx) => personalField(ctx, candidate.id, candidate.birthCountryName) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    partner: t.relation('partner'),
    // A relation in the parent's statement, as t.relation would load it; each attempt row records this candidate,
    // so that Attempt.result and Attempt.certificates check the partner without joining it again (loaded-under.ts).
    attempts: t.field({
      type: [AttemptRef],
      select: (_args, _ctx, nestedSelection) => ({ partnerId: true, attempts: nestedSelection({ orderBy: { attemptNumber: 'asc' } }) }),
      resolve: (candidate) => recordCandidateOfAttempts(candidate, candidate.attempts),
    }),
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

builder.queryField('myCandidate', (t) =>
  t.prismaField({
    type: 'Candidate',
    nullable: true,
    description: "Candidates: their own record (identity, what it lacks for the CDC, whether they may still correct it).",
    authScopes: { candidate: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.candidate.findFirst({ ...query, where: { AND: [{ id: ctx.viewer?.kind === 'user' ? (ctx.viewer.candidateId ?? '') : '' }, candidateFilter(ctx.viewer)] } }),
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

// The fields of a registration, shared by registerCandidate and registerCandidates.
type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];
const registrationFields = (t: InputFields) => ({
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
    birthCity: t.string({ required: false, description: 'Birth commune (≤ 60 characters, no control characters), as transmitted to the CDC.' }),
    birthCountryCode: t.string({ required: false, description: 'Born abroad: INSEE country code, 99 then 3 digits (99350 = Morocco); transmitted to the CDC as codePaysNaissance.' }),
    birthCountryName: t.string({ required: false, description: 'Born abroad: the country (≤ 60 characters), transmitted as libellePaysNaissance.' }),
    birthPlaceConfirmed: t.boolean({
      required: false,
      description: 'Admins only: keep a birth commune INSEE code absent from the official geographic code (a commune since disappeared); recorded and audited.',
    }),
    cpfFileNumber: t.string({ required: false }),
    phone: t.string({ required: false }),
    accessRoute: t.field({ type: AccessRouteEnum, required: false }),
    funding: t.field({ type: FundingEnum, required: false }),
});

const RegisterCandidateInput = builder
  .inputType('RegisterCandidateInput', { fields: registrationFields })
  .validate(candidateRegistrationSchema);

/** Same fields, validated row by row by registerCandidates itself so that one answer reports every bad row. */
const BulkCandidateInput = builder.inputType('BulkCandidateInput', {
  description: 'One row of registerCandidates: the fields of RegisterCandidateInput.',
  fields: registrationFields,
});

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

// ─── Bulk registration ───

const BulkRegistrationStatus = builder.enumType('BulkRegistrationStatus', {
  values: { CREATED: { description: 'Registered by this call.' }, EXISTING: { description: 'This partner had already registered this file number: unchanged.' } },
});

const BulkRegistrationRowRef = builder.objectRef<BulkRegistrationRow>('BulkRegistrationRow').implement({
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position of the row in the `candidates` argument (from 0).' }),
    fileNumber: t.exposeString('fileNumber'),
    candidateId: t.exposeID('candidateId'),
    status: t.field({ type: BulkRegistrationStatus, resolve: (row) => row.status }),
  }),
});

const BulkRegistrationResult = builder.objectRef<{ rows: BulkRegistrationRow[] }>('BulkRegistrationResult').implement({
  fields: (t) => ({
    created: t.int({ resolve: (result) => result.rows.filter((row) => row.status === 'CREATED').length }),
    existing: t.int({ resolve: (result) => result.rows.filter((row) => row.status === 'EXISTING').length }),
    rows: t.field({ type: [BulkRegistrationRowRef], resolve: (result) => result.rows }),
  }),
});

builder.mutationField('registerCandidates', (t) =>
  t.field({
    type: BulkRegistrationResult,
    description: `Registers up to ${MAX_BULK_CANDIDATES} candidates, all or nothing: if any row is invalid, nothing is written and VALIDATION_FAILED lists every invalid row (extensions.fields[].path = ["candidates", index, field]). File numbers already registered by the partner come back as EXISTING, unchanged.`,
    authScopes: { partner: true, admin: true },
    args: {
      candidates: t.arg({ type: [BulkCandidateInput] }),
      partnerId: t.arg.id({ required: false, description: 'Admins only: the partner to register for.' }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = ctx.viewer!;
      const partnerId = assertPartnerFor(viewer, args.partnerId ? String(args.partnerId) : null);
      if (args.candidates.length > MAX_BULK_CANDIDATES) {
        throw new AppError('LIMIT_EXCEEDED', { details: `${args.candidates.length} > ${MAX_BULK_CANDIDATES}` });
      }
      const issues: FieldIssue[] = [];
      const rows = args.candidates.map((row, index) => {
        const parsed = candidateRegistrationSchema.safeParse(row);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues) issues.push({ path: ['candidates', index, ...(issue.path as (string | number)[])], message: issue.message });
        return null;
      });
      return { rows: await registerCandidatesBulk(ctx, viewer, partnerId, rows, issues) };
    },
  }),
);

// ─── Accommodations (health data: admins, the jury president, the candidate and their partner only) ───

const AccommodationKindEnum = builder.enumType(AccommodationKind, { name: 'AccommodationKind' });

const AccommodationRef = builder.prismaObject('Accommodation', {
  description: 'Disability accommodation ("aménagement"). Visible to admins, the president of the jury examining the candidate, the candidate and their partner.',
  fields: (t) => ({
    kinds: t.expose('kinds', { type: [AccommodationKindEnum] }),
    extraTimeMinutes: t.exposeInt('extraTimeMinutes'),
    notes: t.exposeString('notes', { nullable: true }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(CandidateRef, 'accommodation', (t) =>
  t.field({
    type: AccommodationRef,
    nullable: true,
    description: 'null when there is none, or when the caller may not see it (policies.accommodationReaderFilter).',
    // Batched: one statement for every candidate of the page, with the same row rule as for one.
    resolve: (candidate, _args, ctx) =>
      batchLoad(
        ctx,
        'Candidate.accommodation',
        async (ids) =>
          new Map(
            (
              await ctx.prisma.accommodation.findMany({
                where: { candidateId: { in: [...new Set(ids)] }, candidate: accommodationReaderFilter(ctx.viewer) },
              })
            ).map((accommodation) => [accommodation.candidateId, accommodation]),
          ),
        candidate.id,
      ),
  }),
);

export const CandidateIdentityInput = builder
  .inputType('CandidateIdentityInput', {
    description: 'The whole identity the CDC needs: an optional field left out is cleared.',
    fields: (t) => {
      const { certificationCode: _c, fileNumber: _f, email: _e, cpfFileNumber: _p, phone: _t, accessRoute: _a, funding: _u, ...identity } = registrationFields(t);
      return identity;
    },
  })
  .validate(candidateIdentitySchema);

builder.mutationField('updateCandidateIdentity', (t) =>
  t.prismaField({
    type: CandidateRef,
    description:
      "Completes or corrects a candidate's identity for the CDC (birth and usage names, first names, sex, birth date, birth commune or country): " +
      'by their partner, by the candidate themself, or by an admin, until a jury decided on one of their attempts (then INVALID_STATE: ask for a rectification).',
    authScopes: { partner: true, candidate: true, admin: true },
    args: { candidateId: t.arg.id(), input: t.arg({ type: CandidateIdentityInput }) },
    resolve: async (query, _root, args, ctx) => {
      await updateCandidateIdentity(ctx, ctx.viewer!, String(args.candidateId), args.input as never);
      return ctx.prisma.candidate.findUniqueOrThrow({ ...query, where: { id: String(args.candidateId) } });
    },
  }),
);

const AccommodationInput = builder
  .inputType('AccommodationInput', {
    fields: (t) => ({
      kinds: t.field({ type: [AccommodationKindEnum], description: 'Empty (and no notes) removes the accommodation.' }),
      extraTimeMinutes: t.int({ required: false, description: 'With EXTRA_TIME only; 0 to 240.' }),
      notes: t.string({ required: false, description: 'At most 2,000 characters.' }),
    }),
  })
  .validate(accommodationSchema);

builder.mutationField('setAccommodation', (t) =>
  t.prismaField({
    type: CandidateRef,
    description: "Records a candidate's accommodation: by their partner, by the candidate themself, or by an admin.",
    authScopes: { partner: true, candidate: true, admin: true },
    args: { candidateId: t.arg.id(), input: t.arg({ type: AccommodationInput }) },
    resolve: async (query, _root, args, ctx) => {
      await setAccommodation(ctx, ctx.viewer!, String(args.candidateId), args.input as never);
      return ctx.prisma.candidate.findUniqueOrThrow({ ...query, where: { id: String(args.candidateId) } });
    },
  }),
);
