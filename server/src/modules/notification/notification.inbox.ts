// In-app notifications and the admins' outbox: marking one's own notifications read (live to one's other
// tabs through NOTIFICATIONS_READ) and sending a FAILED notification again. Each change is audited in its
// transaction; events go out after commit.
import type { Viewer } from '../../auth/viewer.ts';
import type { AppServices } from '../../graphql/context.ts';
import { notificationOutboxFilter, notificationRecipientFilter } from '../../auth/policies.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate, type MessageKey } from '../../lib/messages.ts';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Locale } from '../../lib/request-context.ts';

type Deps = Pick<AppServices, 'prisma' | 'pubsub'>;

/** At most this many ids in one markNotificationsRead. */
export const MAX_MARK_READ = 500;

function userOf(viewer: Viewer | null): Extract<Viewer, { kind: 'user' }> {
  if (viewer?.kind !== 'user') throw new AppError(viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  return viewer;
}

export function unreadNotificationCount(prisma: PrismaClient, viewer: Viewer | null): Promise<number> {
  return prisma.notification.count({ where: { AND: [notificationRecipientFilter(viewer), { readAt: null }] } });
}

/**
 * Marks the viewer's own notifications read: those of `ids` (others' ids are ignored, as if they did not
 * exist), or all of them. Returns how many changed and how many stay unread.
 */
export async function markNotificationsRead(
  deps: Deps,
  viewer: Viewer | null,
  input: { ids?: readonly string[] | null; all?: boolean | null },
  now = new Date(),
): Promise<{ markedCount: number; unreadCount: number }> {
  const user = userOf(viewer);
  const ids = [...new Set(input.ids ?? [])];
  if (!input.all && ids.length === 0) throw validationFailed([{ path: ['ids'], message: translate('notification.readTarget') }]);
  if (ids.length > MAX_MARK_READ) throw validationFailed([{ path: ['ids'], message: translate('notification.tooMany', { max: MAX_MARK_READ }) }]);
  const events: RoomEvent[] = [];
  const result = await deps.prisma.$transaction(async (tx) => {
    const where = { AND: [notificationRecipientFilter(user), { readAt: null }, input.all ? {} : { id: { in: ids } }] };
    const { count } = await tx.notification.updateMany({ where, data: { readAt: now } });
    const unreadCount = await tx.notification.count({ where: { AND: [notificationRecipientFilter(user), { readAt: null }] } });
    if (count > 0) {
      await appendAudit(tx, { actorId: user.userId, actorKind: 'user', action: 'notifications.read', entityType: 'User', entityId: user.userId, data: { count, all: Boolean(input.all) } });
      events.push(await appendEvent(tx, rooms.notifications(user.userId), 'NOTIFICATIONS_READ', { count }));
    }
    return { markedCount: count, unreadCount };
  });
  publishAll(deps.pubsub, events);
  return result;
}

/** The caller's language for what is rendered later without a request: their emails. Audited on the user. */
export async function setMyLocale(deps: Deps, viewer: Viewer | null, locale: Locale): Promise<Locale> {
  const user = userOf(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { locale: true } });
    if (before.locale === locale) return;
    await tx.user.update({ where: { id: user.userId }, data: { locale } });
    await appendAudit(tx, { actorId: user.userId, actorKind: 'user', action: 'user.localeChanged', entityType: 'User', entityId: user.userId, data: { from: before.locale, to: locale } });
  });
  return locale;
}

/** An admin sends a FAILED notification again: back to PENDING now, with a fresh retry schedule. */
export async function retryNotification(deps: Deps, viewer: Viewer | null, notificationId: string, now = new Date()): Promise<void> {
  const admin = userOf(viewer);
  if (admin.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  await deps.prisma.$transaction(async (tx) => {
    const row = await tx.notification.findFirst({ where: { AND: [{ id: notificationId }, notificationOutboxFilter(admin)] }, select: { id: true, status: true, attempts: true } });
    if (!row) throw new AppError('NOT_FOUND');
    if (row.status !== 'FAILED') {
      const state = translate(`notification.state.${row.status}` as MessageKey);
      throw new AppError('INVALID_STATE', { state }, { state: row.status });
    }
    const { count } = await tx.notification.updateMany({
      where: { id: row.id, status: 'FAILED' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, claimedUntil: null },
    });
    if (count === 0) throw new AppError('CONFLICT');
    await appendAudit(tx, { actorId: admin.userId, actorKind: 'user', action: 'notification.retried', entityType: 'Notification', entityId: row.id, data: { previousAttempts: row.attempts } });
  });
  deps.pubsub.publish(outboxWakeUp());
}

/** Not logged (seq 0): only the delivery workers listen to this room, and they poll anyway. */
export function outboxWakeUp(): RoomEvent {
  return { room: rooms.notificationOutbox(), seq: 0, type: 'NOTIFICATIONS_DUE', payload: {}, at: new Date().toISOString() };
}
