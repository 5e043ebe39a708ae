import type { TypedDocumentNode } from '@urql/core';
import { useSubscription } from '@urql/vue';
import { computed, ref, watch } from 'vue';
import { connectionEpoch, connectionState } from './client';

export type LiveStatus = 'live' | 'connecting' | 'paused';

/**
 * A subscription to a room whose events carry a per-room sequence number (`seq`): each new event is
 * handed to `onEvent` once, in order. graphql-ws re-sends the subscription by itself when the socket
 * comes back; once an event has been seen, a reconnection re-subscribes with `since: <last seq>` so the
 * server replays what was missed. `onReconnect(resumed)` runs after each reconnection; `resumed` is
 * false when there was no sequence to resume from (the caller should reload what it shows).
 */
export function useSequencedSubscription<Data, Vars extends Record<string, unknown>, Event extends { seq: number }>(options: {
  query: TypedDocumentNode<Data, Vars & { since?: number | null }>;
  variables: Vars;
  pick: (data: Data) => Event;
  onEvent: (event: Event) => void;
  onReconnect?: (resumed: boolean) => void;
}) {
  const lastSeq = ref<number | null>(null);
  const since = ref<number | null>(null);
  const received = ref(0);

  const subscription = useSubscription(
    {
      query: options.query,
      variables: computed((): Vars & { since?: number | null } => (since.value === null ? options.variables : { ...options.variables, since: since.value })),
    },
    (_previous: unknown, data: Data) => {
      const event = options.pick(data);
      if (lastSeq.value === null || event.seq > lastSeq.value) {
        lastSeq.value = event.seq;
        received.value += 1;
        options.onEvent(event);
      }
      return data;
    },
  );

  // Each new connection of the socket bumps the epoch; the first one seen by this view is not a reconnection.
  let connectedBefore = connectionState.value === 'connected';
  watch(connectionEpoch, () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    if (lastSeq.value !== null && since.value !== lastSeq.value) {
      since.value = lastSeq.value; // new variables: urql re-subscribes from there
    } else if (!subscription.fetching.value) {
      subscription.executeSubscription(); // it ended (fatal close): restart
    }
    options.onReconnect?.(lastSeq.value !== null);
  });

  const status = computed<LiveStatus>(() => {
    if (connectionState.value !== 'connected') return 'connecting';
    if (subscription.error.value || !subscription.fetching.value) return 'paused';
    return 'live';
  });

  /** Restarts a paused subscription from the last event seen. */
  function resume(): void {
    if (lastSeq.value !== null) since.value = lastSeq.value;
    subscription.executeSubscription();
  }

  return { status, received, error: subscription.error, resume };
}
