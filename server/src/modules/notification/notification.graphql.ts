// Notifications in the schema: one's own in-app notifications (rendered in the request's language), the unread
// count, marking read, the live `notificationEvents`, and the admins' outbox with retry of FAILED rows.
import { builder } from '../../graphql/builder.ts';
import type { Context } from '../../graphql/context.ts';
import { LocaleEnum } from '../../graphql/enums.ts';
import { NotificationStatus } from '../../generated/prisma/enums.ts';
import { notificationOutboxFilter, notificationRecipientFilter } from '../../auth/policies.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { roomEvents } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { AppError } from '../../lib/errors.ts';
import type { Locale } from '../../lib/request-context.ts';
import { renderNotification, type NotificationData } from './notification.templates.ts';
import { MAX_MARK_READ, markNotificationsRead, retryNotification, setMyLocale, unreadNotificationCount } from './notification.inbox.ts';

const NotificationStatusEnum = builder.enumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'PENDING (waiting for delivery, or for SMTP to be configured), SENDING (claimed by a worker), SENT, FAILED (gave up after the last retry).',
});

/** Notifications belong to people: any signed-in user, never a partner's API key. */
const signedInPerson = (_root: unknown, _args: unknown, ctx: Context) => ctx.viewer?.kind === 'user';

const rendered = (row: { template: string; data: unknown }, locale: Locale) => renderNotification(row.template, locale, row.data as NotificationData);

const NotificationRef = builder.prismaObject('Notification', {
  description: "One of the caller's in-app notifications, rendered in the request's language.",
  fields: (t) => ({
    id: t.exposeID('id'),
    template: t.exposeString('template'),
    subject: t.string({ resolve: (row, _args, ctx) => rendered(row, ctx.locale).subject }),
    text: t.string({ resolve: (row, _args, ctx) => rendered(row, ctx.locale).text }),
    path: t.string({ description: 'Where in the web app it leads.', resolve: (row, _args, ctx) => rendered(row, ctx.locale).path }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
  }),
});

const OutboxNotificationRef = builder.prismaObject('Notification', {
  variant: 'OutboxNotification',
  description: 'A row of the notification outbox (admins): its recipient and delivery state.',
  fields: (t) => ({
    id: t.exposeID('id'),
    recipient: t.string({
      description: 'The address it is mailed to, else the user it is shown to.',
      select: { email: true, user: { select: { displayName: true } } },
      resolve: (row) => row.email ?? row.user?.displayName ?? '',
    }),
    inAppOnly: t.boolean({ description: 'No email address: shown in-app only, never mailed.', resolve: (row) => row.email === null }),
    locale: t.expose('locale', { type: LocaleEnum }),
    template: t.exposeString('template'),
    subject: t.string({ description: "In the request's language.", resolve: (row, _args, ctx) => rendered(row, ctx.locale).subject }),
    status: t.expose('status', { type: NotificationStatusEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const MarkNotificationsReadResultRef = builder.objectRef<{ markedCount: number; unreadCount: number }>('MarkNotificationsReadResult').implement({
  fields: (t) => ({
    markedCount: t.exposeInt('markedCount', { description: 'How many were unread and are now read.' }),
    unreadCount: t.exposeInt('unreadCount'),
  }),
});

const NotificationEventRef = builder.objectRef<RoomEvent>('NotificationEvent').implement({
  description: 'NOTIFICATION_CREATED (with the notification) or NOTIFICATIONS_READ (in another tab), with the unread count after it.',
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    type: t.exposeString('type'),
    notification: t.field({
      type: NotificationRef,
      nullable: true,
      resolve: (event, _args, ctx) => {
        const id = event.payload.notificationId;
        if (typeof id !== 'string') return null;
        return ctx.prisma.notification.findFirst({ where: { AND: [{ id }, notificationRecipientFilter(ctx.viewer)] } });
      },
    }),
    unreadCount: t.int({ resolve: (_event, _args, ctx) => unreadNotificationCount(ctx.prisma, ctx.viewer) }),
  }),
});

// ───────────────────────────── In-app ─────────────────────────────

builder.queryField('myNotifications', (t) =>
  t.prismaConnection({
    type: NotificationRef,
    cursor: 'id',
    description: "The caller's notifications, newest first; `unreadOnly: true` keeps the unread ones.",
    authScopes: signedInPerson,
    args: { unreadOnly: t.arg.boolean({ required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.notification.findMany({
        ...query,
        where: { AND: [notificationRecipientFilter(ctx.viewer), args.unreadOnly ? { readAt: null } : {}] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.int({
    authScopes: signedInPerson,
    resolve: (_root, _args, ctx) => unreadNotificationCount(ctx.prisma, ctx.viewer),
  }),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.field({
    type: MarkNotificationsReadResultRef,
    description: `Marks the caller's own notifications read: those of \`ids\` (at most ${MAX_MARK_READ}; others' ids are ignored) or \`all: true\`.`,
    authScopes: signedInPerson,
    args: { ids: t.arg.idList({ required: false }), all: t.arg.boolean({ required: false }) },
    resolve: (_root, args, ctx) => markNotificationsRead(ctx, ctx.viewer, { ids: args.ids?.map(String), all: args.all }),
  }),
);

builder.mutationField('setMyLocale', (t) =>
  t.field({
    type: LocaleEnum,
    description: "The caller's language (fr or en): their emails and notifications are written in it.",
    authScopes: signedInPerson,
    args: { locale: t.arg({ type: LocaleEnum }) },
    resolve: (_root, args, ctx) => setMyLocale(ctx, ctx.viewer, args.locale),
  }),
);

builder.subscriptionField('notificationEvents', (t) =>
  t.field({
    type: NotificationEventRef,
    description: "The caller's new notifications (and reads from their other sessions), live. With `since`, replays first.",
    authScopes: signedInPerson,
    args: { since: t.arg.int({ required: false }) },
    subscribe: (_root, args, ctx) => {
      if (ctx.viewer?.kind !== 'user') throw new AppError('FORBIDDEN');
      return roomEvents(ctx.prisma, ctx.pubsub, rooms.notifications(ctx.viewer.userId), args.since);
    },
    resolve: (event) => event,
  }),
);

// ───────────────────────────── Outbox (admins) ─────────────────────────────

builder.queryField('notificationOutbox', (t) =>
  t.prismaConnection({
    type: OutboxNotificationRef,
    cursor: 'id',
    description: "The certifier's notification outbox, newest first, optionally of one status.",
    authScopes: { admin: true },
    args: { status: t.arg({ type: NotificationStatusEnum, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.notification.findMany({
        ...query,
        where: { AND: [notificationOutboxFilter(ctx.viewer), args.status ? { status: args.status } : {}] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
  }),
);

builder.mutationField('retryNotification', (t) =>
  t.prismaField({
    type: OutboxNotificationRef,
    description: 'Sends a FAILED notification again (back to PENDING, with a fresh retry schedule).',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      await retryNotification(ctx, ctx.viewer, String(args.id));
      return ctx.prisma.notification.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);
