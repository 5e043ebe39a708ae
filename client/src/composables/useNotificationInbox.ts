import { ref } from 'vue';

// Shared by the header bell (which follows notificationEvents) and the notifications page: the unread count,
// and a counter bumped on each new notification so that an open list reloads.
const unreadCount = ref<number | null>(null);
const arrivals = ref(0);

export function useNotificationInbox() {
  return { unreadCount, arrivals };
}
