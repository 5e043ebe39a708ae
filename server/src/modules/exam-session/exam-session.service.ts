// Exam sessions, their oral slots and bookings. Booking is race-safe: the slot's seat is taken by one
// conditional UPDATE (`bookedCount < capacity`), and an attempt holds at most one active booking (a unique
// column), so of two candidates racing for the last seat exactly one wins and the other gets SLOT_FULL.
// Every change writes its audit entry and schedule events in its transaction; events go out after commit.
import type { ExamMode, Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter, slotBookerFilter } from '../../auth/policies.ts';
import type { PubSub, RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { stateLabel } from '../../lib/state-labels.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ATTEMPT_ROW, transitionAttempt } from '../candidate/attempt.service.ts';
import { assertAdmin, CANDIDATE_FACTS, candidateFacts, createOral, juryEvents, sessionJuryFor } from '../jury/jury.service.ts';
import { slotIssues, slotUnsuitability, type CandidateNeeds } from './exam-session.rules.ts';
import { attemptNotificationData, candidateRecipients, notify } from '../notification/notification.service.ts';
import { assertVaeEligible } from '../vae/vae.service.ts';

type Tx = Prisma.TransactionClient;

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
}

async function inTransaction<T>(deps: Deps, fn: (tx: Tx, events: RoomEvent[]) => Promise<T>): Promise<T> {
  const events: RoomEvent[] = [];
  const result = await deps.prisma.$transaction((tx) => fn(tx, events));
  publishAll(deps.pubsub, events);
  return result;
}

const availability = (tx: Tx, certificationId: string, slot: { id: string; bookedCount: number; capacity: number }) =>
  appendEvent(tx, rooms.slots(certificationId), 'SLOT_AVAILABILITY_CHANGED', { slotId: slot.id, bookedCount: slot.bookedCount, capacity: slot.capacity });

// ───────────────────────────── Sessions and slots (admins) ─────────────────────────────

export interface ExamSessionInput {
  certificationId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  mode: ExamMode;
  place?: string | null;
  remoteLink?: string | null;
}

export async function createExamSession(deps: Deps, viewer: Viewer | null, input: ExamSessionInput): Promise<string> {
  assertAdmin(viewer);
  return inTransaction(deps, async (tx, events) => {
    const certification = await tx.certification.findFirst({ where: { AND: [{ id: input.certificationId }, certificationAdminFilter(viewer)] }, select: { id: true } });
    if (!certification) throw validationFailed([{ path: ['certificationId'], message: translate('error.NOT_FOUND') }]);
    const session = await tx.examSession.create({
      data: {
        certificationId: certification.id,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        mode: input.mode,
        place: input.mode === 'REMOTE' ? null : (input.place ?? null),
        remoteLink: input.mode === 'ON_SITE' ? null : (input.remoteLink ?? null),
      },
      select: { id: true },
    });
    await appendAudit(tx, { ...actorOf(viewer), action: 'examSession.created', entityType: 'ExamSession', entityId: session.id, data: { ...input } });
    events.push(await appendEvent(tx, rooms.slots(certification.id), 'SESSION_CREATED', { examSessionId: session.id }));
    return session.id;
  });
}

export interface SlotInput {
  startsAt: Date;
  durationMinutes?: number | null;
  capacity?: number | null;
}

/** Adds slots to a session, all or nothing. A slot lasts the certification's oral unless told longer. */
export async function addSlots(deps: Deps, viewer: Viewer | null, examSessionId: string, slots: SlotInput[]): Promise<void> {
  assertAdmin(viewer);
  await inTransaction(deps, async (tx, events) => {
    const session = await tx.examSession.findFirst({
      where: { id: examSessionId, certification: certificationAdminFilter(viewer) },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        certificationId: true,
        certification: { select: { oralTotalMinutes: true } },
        slots: { select: { startsAt: true, durationMinutes: true } },
      },
    });
    if (!session) throw new AppError('NOT_FOUND');
    const oralMinutes = session.certification.oralTotalMinutes;
    const added = slots.map((slot) => ({ startsAt: slot.startsAt, durationMinutes: slot.durationMinutes ?? oralMinutes, capacity: slot.capacity ?? 1 }));
    const issues = slotIssues(session, oralMinutes, session.slots, added);
    if (issues.length) throw validationFailed(issues);
    await tx.slot.createMany({ data: added.map((slot) => ({ ...slot, examSessionId: session.id })) });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'examSession.slotsAdded',
      entityType: 'ExamSession',
      entityId: session.id,
      data: { slots: added.map((slot) => ({ ...slot, startsAt: slot.startsAt.toISOString() })) },
    });
    events.push(await appendEvent(tx, rooms.slots(session.certificationId), 'SLOTS_CHANGED', { examSessionId: session.id }));
  });
}

/** Removes a slot nobody booked (a booked one is refused: cancel its bookings first). */
export async function removeSlot(deps: Deps, viewer: Viewer | null, slotId: string): Promise<string> {
  assertAdmin(viewer);
  return inTransaction(deps, async (tx, events) => {
    const slot = await tx.slot.findFirst({
      where: { id: slotId, examSession: { certification: certificationAdminFilter(viewer) } },
      select: { id: true, examSessionId: true, startsAt: true, examSession: { select: { certificationId: true } } },
    });
    if (!slot) throw new AppError('NOT_FOUND');
    const removed = await tx.slot.deleteMany({ where: { id: slot.id, bookedCount: 0, bookings: { none: {} }, orals: { none: {} } } });
    if (removed.count === 0) throw new AppError('INVALID_STATE', { state: stateLabel('SCHEDULED') });
    await appendAudit(tx, { ...actorOf(viewer), action: 'examSession.slotRemoved', entityType: 'ExamSession', entityId: slot.examSessionId, data: { slotId, startsAt: slot.startsAt.toISOString() } });
    events.push(await appendEvent(tx, rooms.slots(slot.examSession.certificationId), 'SLOTS_CHANGED', { examSessionId: slot.examSessionId }));
    return slot.examSessionId;
  });
}

// ───────────────────────────── Booking (candidates, admins) ─────────────────────────────

const BOOKING_ATTEMPT = {
  ...ATTEMPT_ROW,
  certificationId: true,
  certification: { select: { oralTotalMinutes: true } },
  candidate: { select: { ...CANDIDATE_FACTS, accommodation: { select: { kinds: true, extraTimeMinutes: true } } } },
  booking: { select: { id: true } },
} as const;

/** Where the booked oral takes place, for the SLOT_BOOKED notification (no link: the candidate reads it in the app). */
function slotWhere(session: { mode: ExamMode; place: string | null }) {
  return { place: session.mode === 'REMOTE' ? null : session.place, remote: session.mode !== 'ON_SITE' };
}

function needsOf(candidate: { accommodation: CandidateNeeds | null }): CandidateNeeds | null {
  return candidate.accommodation;
}

/** Future slots of the attempt's certification with a free seat that suit the candidate, soonest first. */
export async function bookableSlots(prisma: PrismaClient, viewer: Viewer | null, attemptId: string, now = new Date()) {
  const attempt = await prisma.attempt.findFirst({ where: { AND: [{ id: attemptId }, slotBookerFilter(viewer)] }, select: BOOKING_ATTEMPT });
  if (!attempt) return [];
  const slots = await prisma.slot.findMany({
    where: { startsAt: { gt: now }, examSession: { certificationId: attempt.certificationId } },
    include: { examSession: { select: { mode: true } } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  return slots.filter(
    (slot) => slot.bookedCount < slot.capacity && !slotUnsuitability({ ...slot, mode: slot.examSession.mode }, attempt.certification.oralTotalMinutes, needsOf(attempt.candidate), now),
  );
}

/**
 * Books a slot for an attempt whose project file is acknowledged: FILE_ACKNOWLEDGED → SCHEDULED. When the
 * session has one jury and it may examine the candidate, the oral is created before it at once; otherwise
 * an admin assigns a jury. Returns the booking id.
 */
export async function bookSlot(deps: Deps, viewer: Viewer | null, attemptId: string, slotId: string, now = new Date()): Promise<string> {
  try {
    return await inTransaction(deps, async (tx, events) => {
      const attempt = await tx.attempt.findFirst({ where: { AND: [{ id: attemptId }, slotBookerFilter(viewer)] }, select: BOOKING_ATTEMPT });
      if (!attempt) throw new AppError('NOT_FOUND');
      if (attempt.booking || attempt.state === 'SCHEDULED') throw new AppError('ALREADY_BOOKED');
      if (attempt.state !== 'FILE_ACKNOWLEDGED') {
        throw validationFailed([{ path: ['attemptId'], message: translate('validation.fileNotAcknowledged', { state: stateLabel(attempt.state) }) }]);
      }
      // VAE: not before the candidate is eligible (modules/vae).
      await assertVaeEligible(tx, attempt.id);
      const slot = await tx.slot.findFirst({
        where: { id: slotId, examSession: { certificationId: attempt.certificationId } },
        select: { id: true, startsAt: true, durationMinutes: true, examSessionId: true, examSession: { select: { mode: true, place: true } } },
      });
      if (!slot) throw validationFailed([{ path: ['slotId'], message: translate('error.NOT_FOUND') }]);
      const unsuitable = slotUnsuitability({ ...slot, mode: slot.examSession.mode }, attempt.certification.oralTotalMinutes, needsOf(attempt.candidate), now);
      if (unsuitable) throw validationFailed([{ path: ['slotId'], message: translate(unsuitable.key, { minutes: unsuitable.minutes }) }]);

      // The seat: one conditional UPDATE, so concurrent bookings of the last seat cannot both succeed.
      const [seat] = await tx.$queryRaw<{ bookedCount: number; capacity: number }[]>`
        UPDATE "Slot" SET "bookedCount" = "bookedCount" + 1
        WHERE "id" = ${slot.id} AND "bookedCount" < "capacity"
        RETURNING "bookedCount", "capacity"`;
      if (!seat) throw new AppError('SLOT_FULL');
      const booking = await tx.booking.create({ data: { slotId: slot.id, attemptId: attempt.id, forAttemptId: attempt.id, createdAt: now }, select: { id: true } });
      events.push(await transitionAttempt(tx, viewer, attempt, 'SCHEDULED', { action: 'attempt.slotBooked', data: { slotId: slot.id, bookingId: booking.id } }));

      const candidate = candidateFacts(attempt.candidate);
      const jury = await sessionJuryFor(tx, viewer!.certifierId, slot.examSessionId, candidate, slot.startsAt);
      let oralId: string | null = null;
      if (jury) {
        oralId = (await createOral(tx, attempt.id, jury.id, slot, attempt.candidate.accommodation?.extraTimeMinutes ?? 0)).id;
        events.push(...(await juryEvents(tx, jury.jurorIds, 'ORAL_SCHEDULED', { oralId, scheduledAt: slot.startsAt.toISOString() })));
      }
      const scheduled = { attemptId: attempt.id, bookingId: booking.id, slotId: slot.id, oralId, startsAt: slot.startsAt.toISOString() };
      events.push(
        await appendEvent(tx, rooms.schedule('candidate', attempt.candidateId), 'SLOT_BOOKED', scheduled),
        await appendEvent(tx, rooms.schedule('partner', attempt.candidate.partnerId), 'SLOT_BOOKED', { ...scheduled, candidateId: attempt.candidateId }),
        await availability(tx, attempt.certificationId, { id: slot.id, ...seat }),
      );
      await notify(tx, {
        template: 'SLOT_BOOKED',
        data: { ...(await attemptNotificationData(tx, attempt.id)), ...scheduled, ...slotWhere(slot.examSession) },
        dedupeKey: `slot-booked:${booking.id}`,
        recipients: await candidateRecipients(tx, attempt.candidateId),
      }, events);
      return booking.id;
    });
  } catch (error) {
    // A second booking for the same attempt committed in between: the attempt already holds a slot.
    if (isUniqueViolation(error)) throw new AppError('ALREADY_BOOKED');
    throw error;
  }
}

/** Cancels the attempt's booking before its oral starts: the seat is freed, SCHEDULED → FILE_ACKNOWLEDGED. */
export async function cancelBooking(deps: Deps, viewer: Viewer | null, attemptId: string, now = new Date()): Promise<void> {
  await inTransaction(deps, async (tx, events) => {
    const attempt = await tx.attempt.findFirst({
      where: { AND: [{ id: attemptId }, slotBookerFilter(viewer)] },
      select: {
        ...BOOKING_ATTEMPT,
        booking: { select: { id: true, slotId: true, slot: { select: { startsAt: true } } } },
        orals: { select: { id: true, slotId: true, phase: true, jury: { select: { members: { select: { jurorId: true } } } } } },
      },
    });
    if (!attempt) throw new AppError('NOT_FOUND');
    const booking = attempt.booking;
    if (!booking) throw new AppError('INVALID_STATE', { state: stateLabel(attempt.state) });
    const oral = attempt.orals.find((item) => item.slotId === booking.slotId);
    if (oral && oral.phase !== 'WAITING') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });

    const released = await tx.booking.updateMany({ where: { id: booking.id, attemptId: attempt.id }, data: { attemptId: null, cancelledAt: now } });
    if (released.count === 0) throw new AppError('CONFLICT');
    const [seat] = await tx.$queryRaw<{ bookedCount: number; capacity: number }[]>`
      UPDATE "Slot" SET "bookedCount" = "bookedCount" - 1 WHERE "id" = ${booking.slotId} AND "bookedCount" > 0
      RETURNING "bookedCount", "capacity"`;
    if (oral) {
      await tx.oral.delete({ where: { id: oral.id } });
      events.push(...(await juryEvents(tx, oral.jury.members.map((member) => member.jurorId), 'ORAL_CANCELLED', { oralId: oral.id })));
    }
    events.push(await transitionAttempt(tx, viewer, attempt, 'FILE_ACKNOWLEDGED', { action: 'attempt.bookingCancelled', data: { slotId: booking.slotId, bookingId: booking.id } }));
    const cancelled = { attemptId: attempt.id, bookingId: booking.id, slotId: booking.slotId, startsAt: booking.slot.startsAt.toISOString() };
    events.push(
      await appendEvent(tx, rooms.schedule('candidate', attempt.candidateId), 'BOOKING_CANCELLED', cancelled),
      await appendEvent(tx, rooms.schedule('partner', attempt.candidate.partnerId), 'BOOKING_CANCELLED', { ...cancelled, candidateId: attempt.candidateId }),
    );
    if (seat) events.push(await availability(tx, attempt.certificationId, { id: booking.slotId, ...seat }));
    await notify(tx, {
      template: 'BOOKING_CANCELLED',
      data: { ...(await attemptNotificationData(tx, attempt.id)), ...cancelled },
      dedupeKey: `booking-cancelled:${booking.id}`,
      recipients: await candidateRecipients(tx, attempt.candidateId),
    }, events);
  });
}
