import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { CombinedError } from '@urql/core';
import { candidateMatchesFilter, type CandidateFilter } from '../domain/candidate';
import { graphqlClient } from '../graphql/client';
import { CandidatesQuery } from '../graphql/operations';
import type { Candidate, CandidateEvent, PageInfo } from '../graphql/types';

export const CANDIDATES_PAGE_SIZE = 20;
const HIGHLIGHT_MS = 3000;

export type LiveChange = { kind: 'updated' | 'added'; candidate: Candidate } | { kind: 'removed'; candidateId: string };

/**
 * A cursor-paginated, filterable list of candidates ("Charger plus" appends the next page), which
 * live events can patch in place.
 */
export function useCandidateList(filter: Ref<CandidateFilter>, pageSize = CANDIDATES_PAGE_SIZE) {
  const items = ref<Candidate[]>([]);
  const pageInfo = ref<PageInfo | null>(null);
  const totalCount = ref(0);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  const loadMoreError = shallowRef<CombinedError | null>(null);
  const highlighted = ref<Set<string>>(new Set());
  let requestSeq = 0;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function variables(after: string | null) {
    return {
      first: pageSize,
      after,
      state: filter.value.state,
      certificationId: filter.value.certificationId,
    };
  }

  /** Load the first page again (filters changed, reconnection without a resumable sequence, retry). */
  async function reload(): Promise<void> {
    const seq = ++requestSeq;
    loading.value = true;
    error.value = null;
    loadMoreError.value = null;
    const result = await graphqlClient.value
      .query(CandidatesQuery, variables(null), { requestPolicy: 'network-only' })
      .toPromise();
    if (seq !== requestSeq) return; // a newer request superseded this one
    loading.value = false;
    if (result.error || !result.data) {
      error.value = result.error ?? null;
      items.value = [];
      pageInfo.value = null;
      totalCount.value = 0;
      return;
    }
    const connection = result.data.candidates;
    items.value = connection.edges.map((edge) => edge.node);
    pageInfo.value = connection.pageInfo;
    totalCount.value = connection.totalCount;
  }

  async function loadMore(): Promise<void> {
    const cursor = pageInfo.value?.endCursor;
    if (!pageInfo.value?.hasNextPage || !cursor || loadingMore.value) return;
    const seq = requestSeq;
    loadingMore.value = true;
    loadMoreError.value = null;
    const result = await graphqlClient.value
      .query(CandidatesQuery, variables(cursor), { requestPolicy: 'network-only' })
      .toPromise();
    loadingMore.value = false;
    if (seq !== requestSeq) return; // the list was reloaded meanwhile
    if (result.error || !result.data) {
      loadMoreError.value = result.error ?? null;
      return;
    }
    const connection = result.data.candidates;
    const known = new Set(items.value.map((c) => c.id));
    items.value = [...items.value, ...connection.edges.map((e) => e.node).filter((c) => !known.has(c.id))];
    pageInfo.value = connection.pageInfo;
    totalCount.value = connection.totalCount;
  }

  function highlight(id: string): void {
    clearTimeout(timers.get(id));
    const next = new Set(highlighted.value);
    next.add(id);
    highlighted.value = next;
    timers.set(
      id,
      setTimeout(() => {
        const rest = new Set(highlighted.value);
        rest.delete(id);
        highlighted.value = rest;
        timers.delete(id);
      }, HIGHLIGHT_MS),
    );
  }

  /** Apply one live event to the loaded rows; returns what changed (for announcements) or null. */
  function applyEvent(event: CandidateEvent): LiveChange | null {
    const index = items.value.findIndex((c) => c.id === event.candidateId);
    const candidate = event.candidate;
    if (!candidate || !candidateMatchesFilter(candidate, filter.value)) {
      // Gone, no longer visible to us, or no longer matching the filters.
      if (index === -1) return null;
      items.value = items.value.filter((_, i) => i !== index);
      totalCount.value = Math.max(0, totalCount.value - 1);
      return { kind: 'removed', candidateId: event.candidateId };
    }
    if (index !== -1) {
      const next = [...items.value];
      next[index] = candidate;
      items.value = next;
      highlight(candidate.id);
      return { kind: 'updated', candidate };
    }
    items.value = [candidate, ...items.value];
    totalCount.value += 1;
    highlight(candidate.id);
    return { kind: 'added', candidate };
  }

  // Reload when the filter values change (not merely the object holding them).
  watch(
    () => `${filter.value.state ?? ''}|${filter.value.certificationId ?? ''}`,
    () => void reload(),
    { immediate: true },
  );
  // Session changed (login/logout): the rows belong to someone else now.
  watch(graphqlClient, () => void reload());

  onScopeDispose(() => {
    requestSeq += 1;
    timers.forEach((timer) => clearTimeout(timer));
  });

  return { items, pageInfo, totalCount, loading, loadingMore, error, loadMoreError, highlighted, reload, loadMore, applyEvent };
}
