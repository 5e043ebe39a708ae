// Notifications: one's own in-app notifications (the header bell and the notifications page), and the admins'
// outbox with retry, and the language the user is written to in.
import { gql } from '@urql/core';

export interface AppNotification {
  id: string;
  template: string;
  subject: string;
  text: string;
  /** Where in the app it leads. */
  path: string;
  createdAt: string;
  readAt: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface NotificationEvent {
  seq: number;
  type: 'NOTIFICATION_CREATED' | 'NOTIFICATIONS_READ';
  unreadCount: number;
}

export type NotificationStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';

export interface OutboxNotification {
  id: string;
  recipient: string;
  inAppOnly: boolean;
  locale: 'fr' | 'en';
  template: string;
  subject: string;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

const NOTIFICATION_FIELDS = gql`
  fragment AppNotificationFields on Notification {
    id
    template
    subject
    text
    path
    createdAt
    readAt
  }
`;

export const MyNotificationsQuery = gql<
  { myNotifications: { edges: { node: AppNotification }[]; pageInfo: PageInfo } },
  { first: number; after?: string | null; unreadOnly?: boolean | null }
>`
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
  ${NOTIFICATION_FIELDS}
`;

export const UnreadNotificationCountQuery = gql<{ unreadNotificationCount: number }, Record<string, never>>`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`;

export const MarkNotificationsReadMutation = gql<
  { markNotificationsRead: { markedCount: number; unreadCount: number } },
  { ids?: string[] | null; all?: boolean | null }
>`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all) {
      markedCount
      unreadCount
    }
  }
`;

export const NotificationEventsSubscription = gql<{ notificationEvents: NotificationEvent }, { since?: number | null }>`
  subscription NotificationEvents($since: Int) {
    notificationEvents(since: $since) {
      seq
      type
      unreadCount
    }
  }
`;

const OUTBOX_FIELDS = gql`
  fragment OutboxNotificationFields on OutboxNotification {
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
`;

export const NotificationOutboxQuery = gql<
  { notificationOutbox: { edges: { node: OutboxNotification }[]; pageInfo: PageInfo } },
  { first: number; after?: string | null; status?: NotificationStatus | null }
>`
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
  ${OUTBOX_FIELDS}
`;

export const RetryNotificationMutation = gql<{ retryNotification: OutboxNotification }, { id: string }>`
  mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) {
      ...OutboxNotificationFields
    }
  }
  ${OUTBOX_FIELDS}
`;

export const SetMyLocaleMutation = gql<{ setMyLocale: 'fr' | 'en' }, { locale: 'fr' | 'en' }>`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale)
  }
`;
