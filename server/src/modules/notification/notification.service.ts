// The notification outbox. A cause (result published, certificate issued, slot booked…) calls `notify` inside
// its own transaction, so a notification exists exactly when its cause was committed. Each row is shown in-app
// to its user and mailed by the delivery worker when SMTP is configured; without SMTP it stays PENDING and
// visible in the admins' outbox. `dedupeKey` (cause + recipient) makes a retried cause notify once.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Locale } from '../../lib/request-context.ts';
import type { NotificationData, NotificationTemplate } from './notification.templates.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { outboxWakeUp } from './notification.inbox.ts';

type Tx = Prisma.TransactionClient | PrismaClient;

export interface NotificationRecipient {
  /** The user who sees it in-app; null for an address without an account (a partner's contact email). */
  userId: string | null;
  /** Where it is mailed; null = in-app only. */
  email: string | null;
  locale: Locale;
  /** The certifier whose admins see the row in the outbox (the recipient helpers fill it). */
  certifierId?: string | null;
}

export interface NotificationInput {
  template: NotificationTemplate;
  data: NotificationData;
  /** Identifies the cause, e.g. `result-published:<resultId>`; the recipient is appended per row. */
  dedupeKey: string;
  recipients: NotificationRecipient[];
}

/**
 * Writes one outbox row per recipient (skipping recipients already notified of this cause). With the cause's
 * `events`, it also logs NOTIFICATION_CREATED in each user's `notifications` room and adds a wake-up for the
 * delivery workers: the cause publishes them after commit (publishAll), as its own events.
 */
export function notify(tx: Tx, input: NotificationInput, events?: RoomEvent[]): Promise<void> {
  return notifyMany(tx, [input], events);
}

/** `notify` for many causes at once, in one statement (bulk registration invites up to 1,000 candidates). */
export async function notifyMany(tx: Tx, inputs: NotificationInput[], events?: RoomEvent[]): Promise<void> {
  const rows = inputs.flatMap((input) =>
    uniqueRecipients(input.recipients).map((recipient) => ({
      userId: recipient.userId,
      certifierId: recipient.certifierId ?? null,
      email: recipient.email,
      locale: recipient.locale,
      template: input.template,
      data: input.data,
      dedupeKey: `${input.dedupeKey}:${recipient.userId ?? recipient.email}`,
    })),
  );
  if (rows.length === 0) return;
  if (!events) {
    await tx.notification.createMany({ data: rows, skipDuplicates: true });
    return;
  }
  const created = await tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, userId: true, email: true } });
  for (const row of created) {
    if (row.userId) events.push(await appendEvent(tx, rooms.notifications(row.userId), 'NOTIFICATION_CREATED', { notificationId: row.id }));
  }
  if (created.some((row) => row.email)) events.push(outboxWakeUp());
}

function uniqueRecipients(recipients: NotificationRecipient[]): NotificationRecipient[] {
  const seen = new Map<string, NotificationRecipient>();
  for (const recipient of recipients) {
    const key = recipient.userId ?? recipient.email;
    if (key && !seen.has(key)) seen.set(key, recipient);
  }
  return [...seen.values()];
}

/** The candidate: their account when they have one (in-app + its language), and their email. */
export async function candidateRecipients(tx: Tx, candidateId: string): Promise<NotificationRecipient[]> {
  const candidate = await tx.candidate.findUnique({
    where: { id: candidateId },
    select: {
      email: true,
      anonymisedAt: true,
      partner: { select: { certifierId: true } },
      user: { select: { id: true, email: true, locale: true, disabledAt: true } },
    },
  });
  if (!candidate || candidate.anonymisedAt) return [];
  const user = candidate.user && !candidate.user.disabledAt ? candidate.user : null;
  const certifierId = candidate.partner.certifierId;
  return [{ userId: user?.id ?? null, email: candidate.email || user?.email || null, locale: user?.locale ?? 'fr', certifierId }];
}

/** The partner's active users, or its contact email when it has none. */
export async function partnerRecipients(tx: Tx, partnerId: string): Promise<NotificationRecipient[]> {
  const partner = await tx.partner.findUnique({
    where: { id: partnerId },
    select: { certifierId: true, contactEmail: true, users: { where: { disabledAt: null }, select: { id: true, email: true, locale: true } } },
  });
  if (!partner) return [];
  const { certifierId } = partner;
  if (partner.users.length > 0) return partner.users.map((user) => ({ userId: user.id, email: user.email, locale: user.locale, certifierId }));
  return partner.contactEmail ? [{ userId: null, email: partner.contactEmail, locale: 'fr', certifierId }] : [];
}

/** Active admins of a certifier (complaints about the process, appeals to moderate). */
export async function adminRecipients(tx: Tx, certifierId: string): Promise<NotificationRecipient[]> {
  const admins = await tx.user.findMany({
    where: { certifierId, role: 'ADMIN', disabledAt: null },
    select: { id: true, email: true, locale: true },
  });
  return admins.map((user) => ({ userId: user.id, email: user.email, locale: user.locale, certifierId }));
}

/** What the templates of an attempt's causes show: the candidate's name and file number, the certification. */
export async function attemptNotificationData(tx: Tx, attemptId: string): Promise<NotificationData> {
  const attempt = await tx.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      candidateId: true,
      certification: { select: { code: true, title: true } },
      candidate: { select: { fileNumber: true, firstName: true, birthName: true, usageName: true } },
    },
  });
  const { candidate, certification } = attempt;
  return {
    attemptId,
    candidateId: attempt.candidateId,
    candidateName: `${candidate.firstName} ${candidate.usageName || candidate.birthName}`,
    fileNumber: candidate.fileNumber,
    certificationCode: certification.code,
    certificationTitle: certification.title,
  };
}
