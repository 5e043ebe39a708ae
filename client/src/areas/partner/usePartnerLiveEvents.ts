import { PartnerCandidateEventsSubscription } from '../../graphql/operations';
import type { CandidateEvent } from '../../graphql/types';
import { useSequencedSubscription } from '../../graphql/useSequencedSubscription';

export type { LiveStatus } from '../../graphql/useSequencedSubscription';

/**
 * `partnerCandidateEvents`, each new event once and in order (see useSequencedSubscription). After a
 * reconnection with no event seen yet, there is nothing to resume from: `onGap` reloads the list.
 */
export function usePartnerLiveEvents(onEvent: (event: CandidateEvent) => void, onGap: () => void) {
  return useSequencedSubscription({
    query: PartnerCandidateEventsSubscription,
    variables: {},
    pick: (data) => data.partnerCandidateEvents,
    onEvent,
    onReconnect: (resumed) => {
      if (!resumed) onGap();
    },
  });
}
