import { useSubscription } from '@urql/vue';
import { computed, ref, watch } from 'vue';
import { connectionEpoch, connectionState } from '../../graphql/client';
import { PartnerCandidateEventsSubscription } from '../../graphql/operations';
import type { CandidateEvent } from '../../graphql/types';

export type LiveStatus = 'live' | 'connecting' | 'paused';

/**
 * Subscribes to `partnerCandidateEvents` and hands each new event (in sequence order, without
 * duplicates) to `onEvent`.
 *
 * Reconnection: graphql-ws re-sends the subscription by itself when the socket comes back. Events
 * carry a sequence number; once one has been seen, a reconnection re-subscribes with
 * `since: <last seq>` so the server replays what was missed. Before any event was seen there is no
 * sequence to resume from, so `onGap` is called (the caller reloads its list).
 */
export function usePartnerLiveEvents(onEvent: (event: CandidateEvent) => void, onGap: () => void) {
  const lastSeq = ref<number | null>(null);
  const since = ref<number | null>(null);
  const received = ref(0);

  const subscription = useSubscription(
    {
      query: PartnerCandidateEventsSubscription,
      variables: computed(() => (since.value === null ? {} : { since: since.value })),
    },
    (_previous: unknown, data) => {
      const event = data.partnerCandidateEvents;
      if (lastSeq.value === null || event.seq > lastSeq.value) {
        lastSeq.value = event.seq;
        received.value += 1;
        onEvent(event);
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
      return;
    }
    if (!subscription.fetching.value) subscription.executeSubscription(); // it ended (fatal close): restart
    if (lastSeq.value === null) onGap();
  });

  const status = computed<LiveStatus>(() => {
    if (connectionState.value !== 'connected') return 'connecting';
    if (subscription.error.value || !subscription.fetching.value) return 'paused';
    return 'live';
  });

  function resume(): void {
    if (lastSeq.value !== null) since.value = lastSeq.value;
    subscription.executeSubscription();
  }

  return { status, received, error: subscription.error, resume };
}
