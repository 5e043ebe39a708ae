import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { CandidateFilter } from '../domain/candidate';
import { ATTEMPT_STATES, type AttemptState } from '../graphql/types';

function single(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first ? first : null;
}

/** Candidate filters kept in the URL query (?state=SCHEDULED&certification=…), so they survive reloads and can be shared. */
export function useRouteFilter(): WritableComputedRef<CandidateFilter> {
  const route = useRoute();
  const router = useRouter();
  return computed({
    get: () => {
      const state = single(route.query.state);
      return {
        state: state && (ATTEMPT_STATES as readonly string[]).includes(state) ? (state as AttemptState) : null,
        certificationId: single(route.query.certification),
      };
    },
    set: (filter) => {
      const query = { ...route.query };
      delete query.state;
      delete query.certification;
      if (filter.state) query.state = filter.state;
      if (filter.certificationId) query.certification = filter.certificationId;
      void router.replace({ query });
    },
  });
}
