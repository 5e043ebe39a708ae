// Notifications: one's own in-app notifications (the header bell and the notifications page), and the admins'
// outbox with retry, and the language the user is written to in.
import { graphql, type ResultOf } from './tada';
import type { EnumOf } from './types';

export type NotificationStatus = EnumOf<'NotificationStatus'>;

const NOTIFICATION_FIELDS = graphql(`
  fragment AppNotificationFields on Notification @_unmask {
    id
    template
    subject
    text
    path
    createdAt
    readAt
  }
`);

export const MyNotificationsQuery = graphql(`
  query MyNotifications($first: Int!, $after: String, $unreadOnly: Boolean) {
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      edges {
        node {
          ...AppNotificationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`, [NOTIFICATION_FIELDS]);

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      markedCount
      unreadCount
    }
  }
`);

export const NotificationEventsSubscription = graphql(`
  subscription NotificationEvents($since: Int) {
    notificationEvents(since: $since) {
      seq
      type
      unreadCount
    }
  }
`);

const OUTBOX_FIELDS = graphql(`
  fragment OutboxNotificationFields on OutboxNotification @_unmask {
    id
    recipient
    inAppOnly
    locale
    template
    subject
    status
    attempts
    nextAttemptAt
    lastError
    sentAt
    createdAt
  }
`);

export const NotificationOutboxQuery = graphql(`
  query NotificationOutbox($first: Int!, $after: String, $status: NotificationStatus) {
    notificationOutbox(first: $first, after: $after, status: $status) {
      edges {
        node {
          ...OutboxNotificationFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`, [OUTBOX_FIELDS]);

export const RetryNotificationMutation = graphql(`
  mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) {
      ...OutboxNotificationFields
    }
  }
`, [OUTBOX_FIELDS]);

export const SetMyLocaleMutation = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale)
  }
`);

export type AppNotification = ResultOf<typeof NOTIFICATION_FIELDS>;
export type OutboxNotification = ResultOf<typeof OUTBOX_FIELDS>;
