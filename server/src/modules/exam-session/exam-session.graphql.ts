// Exam sessions, oral slots and bookings in the schema; the schedule each person follows (candidate,
// juror, partner) and the live availability of slots, as subscriptions with replay.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { ExamModeEnum } from '../../graphql/enums.ts';
import { attemptFilter, certificationAdminFilter, oralFilter } from '../../auth/policies.ts';
import { viewerPartnerId } from '../../auth/viewer.ts';
import { AppError } from '../../lib/errors.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { MAX_SLOTS_PER_REQUEST, examSessionSchema, slotEndsAt, slotInputSchema } from './exam-session.rules.ts';
import { addSlots, bookSlot, bookableSlots, cancelBooking, createExamSession, removeSlot } from './exam-session.service.ts';

builder.prismaObject('ExamSession', {
  description: 'An exam session of a certification: dates, mode, place and/or video link, and its oral slots.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    mode: t.expose('mode', { type: ExamModeEnum }),
    place: t.exposeString('place', { nullable: true }),
    remoteLink: t.exposeString('remoteLink', { nullable: true }),
    certification: t.relation('certification'),
    slots: t.relation('slots', { query: { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] } }),
    juries: t.relation('juries', { authScopes: { admin: true }, description: 'Admins only.', query: { orderBy: { createdAt: 'asc' } } }),
  }),
});

builder.prismaObject('Slot', {
  description: 'A proposed oral time in a session; `capacity` orals may take place in it at once.',
  fields: (t) => ({
    id: t.exposeID('id'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.field({ type: 'DateTime', select: { startsAt: true, durationMinutes: true }, resolve: (slot) => slotEndsAt(slot) }),
    durationMinutes: t.exposeInt('durationMinutes'),
    capacity: t.exposeInt('capacity'),
    bookedCount: t.exposeInt('bookedCount'),
    remaining: t.int({ select: { capacity: true, bookedCount: true }, resolve: (slot) => Math.max(0, slot.capacity - slot.bookedCount) }),
    session: t.relation('examSession'),
    bookings: t.relation('bookings', {
      authScopes: { admin: true },
      description: 'Admins only: the active bookings of this slot.',
      query: { where: { attemptId: { not: null } }, orderBy: { createdAt: 'asc' } },
    }),
  }),
});

builder.prismaObject('Booking', {
  description: "A candidate's booking of an oral slot for one attempt.",
  fields: (t) => ({
    id: t.exposeID('id'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    slot: t.relation('slot'),
    attempt: t.prismaField({
      type: 'Attempt',
      nullable: true,
      select: { forAttemptId: true },
      resolve: (query, booking, _args, ctx) => ctx.prisma.attempt.findFirst({ ...query, where: { AND: [{ id: booking.forAttemptId }, attemptFilter(ctx.viewer)] } }),
    }),
    oral: t.prismaField({
      type: 'Oral',
      nullable: true,
      description: 'The oral of this booking, once a jury is assigned (null until then, or when the caller may not see it).',
      select: { forAttemptId: true, slotId: true },
      resolve: (query, booking, _args, ctx) =>
        ctx.prisma.oral.findFirst({ ...query, where: { AND: [{ attemptId: booking.forAttemptId, slotId: booking.slotId }, oralFilter(ctx.viewer)] } }),
    }),
  }),
});

builder.prismaObjectField('Attempt', 'booking', (t) => t.relation('booking', { nullable: true, description: 'The active booking of an oral slot, if any.' }));
builder.prismaObjectField('Oral', 'slot', (t) => t.relation('slot', { nullable: true }));

// ───────────────────────────── Queries ─────────────────────────────

builder.queryField('examSessions', (t) =>
  t.prismaConnection({
    type: 'ExamSession',
    cursor: 'id',
    description: "Admins: the certifier's exam sessions, latest first (optionally one certification's, or only those not yet over).",
    authScopes: { admin: true },
    args: { certificationId: t.arg.id({ required: false }), upcoming: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.examSession.findMany({
        ...query,
        where: {
          certification: certificationAdminFilter(ctx.viewer),
          ...(args.certificationId ? { certificationId: String(args.certificationId) } : {}),
          ...(args.upcoming ? { endsAt: { gt: new Date() } } : {}),
        },
        orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('examSession', (t) =>
  t.prismaField({
    type: 'ExamSession',
    nullable: true,
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.examSession.findFirst({ ...query, where: { id: String(args.id), certification: certificationAdminFilter(ctx.viewer) } }),
  }),
);

builder.queryField('bookableSlots', (t) =>
  t.prismaField({
    type: ['Slot'],
    description:
      "Slots the attempt may book: future, with a free seat, long enough for the candidate's oral with extra time, and remote-capable when the accommodation asks for it. Soonest first.",
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const slots = await bookableSlots(ctx.prisma, ctx.viewer, String(args.attemptId));
      return ctx.prisma.slot.findMany({ ...query, where: { id: { in: slots.map((slot) => slot.id) } }, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
    },
  }),
);

// ───────────────────────────── Mutations ─────────────────────────────

const ExamSessionInput = builder
  .inputType('ExamSessionInput', {
    fields: (t) => ({
      certificationId: t.id(),
      title: t.string(),
      startsAt: t.field({ type: 'DateTime' }),
      endsAt: t.field({ type: 'DateTime' }),
      mode: t.field({ type: ExamModeEnum }),
      place: t.string({ required: false, description: 'Required on site and mixed.' }),
      remoteLink: t.string({ required: false, description: 'http(s) video link; required remote and mixed.' }),
    }),
  })
  .validate(examSessionSchema);

builder.mutationField('createExamSession', (t) =>
  t.prismaField({
    type: 'ExamSession',
    authScopes: { admin: true },
    args: { input: t.arg({ type: ExamSessionInput }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await createExamSession(ctx, ctx.viewer, { ...input, certificationId: String(input.certificationId) });
      return ctx.prisma.examSession.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

const SlotInput = builder
  .inputType('SlotInput', {
    fields: (t) => ({
      startsAt: t.field({ type: 'DateTime' }),
      durationMinutes: t.int({ required: false, description: "Default: the certification's oral length. Longer slots suit candidates with extra time." }),
      capacity: t.int({ required: false, description: 'Orals at the same time (default 1), each before its own jury.' }),
    }),
  })
  .validate(slotInputSchema);

builder.mutationField('addSlots', (t) =>
  t.prismaField({
    type: 'ExamSession',
    description: 'Adds oral slots to a session, all or nothing: each within the session, at least the oral long, overlapping no other.',
    authScopes: { admin: true },
    args: {
      examSessionId: t.arg.id(),
      slots: t.arg({ type: [SlotInput], validate: z.array(z.any()).min(1).max(MAX_SLOTS_PER_REQUEST) }),
    },
    resolve: async (query, _root, args, ctx) => {
      await addSlots(ctx, ctx.viewer, String(args.examSessionId), args.slots);
      return ctx.prisma.examSession.findUniqueOrThrow({ ...query, where: { id: String(args.examSessionId) } });
    },
  }),
);

builder.mutationField('removeSlot', (t) =>
  t.prismaField({
    type: 'ExamSession',
    description: 'Removes a slot nobody has booked.',
    authScopes: { admin: true },
    args: { slotId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const examSessionId = await removeSlot(ctx, ctx.viewer, String(args.slotId));
      return ctx.prisma.examSession.findUniqueOrThrow({ ...query, where: { id: examSessionId } });
    },
  }),
);

builder.mutationField('bookSlot', (t) =>
  t.prismaField({
    type: 'Booking',
    description:
      'Books an oral slot for an attempt whose project file is acknowledged (the candidate, or an admin). SLOT_FULL when the last seat was just taken; ALREADY_BOOKED when the attempt holds a slot.',
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id(), slotId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = await bookSlot(ctx, ctx.viewer, String(args.attemptId), String(args.slotId));
      return ctx.prisma.booking.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('cancelBooking', (t) =>
  t.prismaField({
    type: 'Attempt',
    description: "Cancels the attempt's booking before its oral starts; the seat is freed.",
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      await cancelBooking(ctx, ctx.viewer, String(args.attemptId));
      return ctx.prisma.attempt.findUniqueOrThrow({ ...query, where: { id: String(args.attemptId) } });
    },
  }),
);

// ───────────────────────────── Subscriptions ─────────────────────────────

const ScheduleEvent = builder.objectRef<RoomEvent>('ScheduleEvent').implement({
  description:
    'A change in the schedule the caller follows: SLOT_BOOKED, BOOKING_CANCELLED, RESULT_PUBLISHED (candidates, partners); CERTIFICATE_ISSUED, CERTIFICATE_REVOKED (candidates); ORAL_SCHEDULED, ORAL_UNASSIGNED, ORAL_CANCELLED, JURY_JOINED, JURY_LEFT (jurors). Ids only: reload what you show.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    at: t.field({ type: 'DateTime', resolve: (event) => event.at }),
    attemptId: t.id({ nullable: true, resolve: (event) => (event.payload.attemptId as string | undefined) ?? null }),
    oralId: t.id({ nullable: true, resolve: (event) => (event.payload.oralId as string | undefined) ?? null }),
    slotId: t.id({ nullable: true, resolve: (event) => (event.payload.slotId as string | undefined) ?? null }),
    payload: t.field({ type: 'JSON', resolve: (event) => event.payload }),
  }),
});

builder.subscriptionField('scheduleEvents', (t) =>
  t.field({
    type: ScheduleEvent,
    description: "Changes to the caller's schedule: a candidate's bookings, a juror's orals, a partner's candidates' bookings. With `since`, replays first.",
    authScopes: { candidate: true, juror: true, partner: true },
    args: { since: t.arg.int({ required: false }) },
    subscribe: (_root, args, ctx) => {
      const viewer = ctx.viewer;
      const partnerId = viewerPartnerId(viewer);
      const room = partnerId
        ? rooms.schedule('partner', partnerId)
        : viewer?.kind === 'user' && viewer.role === 'CANDIDATE' && viewer.candidateId
          ? rooms.schedule('candidate', viewer.candidateId)
          : viewer?.kind === 'user' && viewer.role === 'JUROR'
            ? rooms.schedule('juror', viewer.userId)
            : null;
      if (!room) throw new AppError('FORBIDDEN');
      return roomEvents(ctx.prisma, ctx.pubsub, room, args.since);
    },
    resolve: (event) => event,
  }),
);

const SlotAvailabilityEvent = builder.objectRef<RoomEvent>('SlotAvailabilityEvent').implement({
  description: 'SLOT_AVAILABILITY_CHANGED (with the seats taken), SLOTS_CHANGED or SESSION_CREATED for one certification.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    slotId: t.id({ nullable: true, resolve: (event) => (event.payload.slotId as string | undefined) ?? null }),
    bookedCount: t.int({ nullable: true, resolve: (event) => (event.payload.bookedCount as number | undefined) ?? null }),
    capacity: t.int({ nullable: true, resolve: (event) => (event.payload.capacity as number | undefined) ?? null }),
  }),
});

builder.subscriptionField('slotAvailability', (t) =>
  t.field({
    type: SlotAvailabilityEvent,
    description: "Live seat counts of a certification's slots (candidates of that certification and admins).",
    authScopes: { candidate: true, admin: true },
    args: { certificationId: t.arg.id(), since: t.arg.int({ required: false }) },
    subscribe: async (_root, args, ctx) => {
      const certificationId = String(args.certificationId);
      const visible = await ctx.prisma.certification.count({
        where: {
          id: certificationId,
          OR: [certificationAdminFilter(ctx.viewer), { attempts: { some: attemptFilter(ctx.viewer) } }],
        },
      });
      if (!visible) throw new AppError('NOT_FOUND');
      return roomEvents(ctx.prisma, ctx.pubsub, rooms.slots(certificationId), args.since);
    },
    resolve: (event) => event,
  }),
);
