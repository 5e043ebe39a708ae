import type { CombinedError } from '@urql/core';
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { graphqlClient } from '../../../graphql/client';
import { useSequencedSubscription } from '../../../graphql/useSequencedSubscription';
import { OralEventsSubscription, OralGridQuery, OralRoomQuery } from '../../../graphql/operations';
import type { OralEvent, OralGrid, OralRoom } from '../../../graphql/types';

export type { LiveStatus as RoomLiveStatus } from '../../../graphql/useSequencedSubscription';

/** Room events arriving together (several jurors scoring) cause one reload. */
const REFRESH_DEBOUNCE_MS = 150;

/**
 * The live state of one oral room.
 *
 * The room is loaded over HTTP (network-only) and reloaded after each of its events: events carry
 * ids and progress only, never values, so the reload is what shows their effect. Reloads are
 * debounced, and coalesced (at most one in flight, plus one queued), and a failed reload keeps the
 * last state on screen (`staleError`).
 *
 * Events come in sequence order; the last `seq` seen is kept and anything at or below it dropped.
 * After a reconnection, the subscription resumes with `since: <last seq>` so the server replays
 * what was missed, and the room is reloaded (it may have changed before the first event was seen).
 *
 * The server clock: `serverNow` is compared with the middle of the request's round trip.
 */
export function useOralRoom(oralId: string, onEvent: (event: OralEvent) => void = () => {}) {
  const room = shallowRef<OralRoom | null>(null);
  const grid = shallowRef<OralGrid | null>(null);
  const notFound = ref(false);
  /** Why the room could not be loaded at all. */
  const loadError = ref<CombinedError | null>(null);
  /** Why the last reload failed (the room shown may be out of date). */
  const staleError = ref<CombinedError | null>(null);
  /** serverNow − local clock, in milliseconds. */
  const clockOffset = ref(0);

  async function fetchGrid(): Promise<void> {
    const result = await graphqlClient.value
      .query(OralGridQuery, { id: oralId }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data?.oral) grid.value = result.data.oral.grid;
  }

  async function fetchRoom(): Promise<boolean> {
    const started = Date.now();
    const [result] = await Promise.all([
      graphqlClient.value.query(OralRoomQuery, { id: oralId }, { requestPolicy: 'network-only' }).toPromise(),
      grid.value ? Promise.resolve() : fetchGrid(),
    ]);
    const ended = Date.now();
    if (result.error) {
      if (room.value) staleError.value = result.error;
      else loadError.value = result.error;
      return false;
    }
    const oral = result.data?.oral ?? null;
    loadError.value = null;
    staleError.value = null;
    if (!oral) {
      notFound.value = true;
      room.value = null;
      return true;
    }
    clockOffset.value = Date.parse(oral.serverNow) - (started + ended) / 2;
    room.value = oral;
    return true;
  }

  let inFlight: Promise<boolean> | null = null;
  let again = false;

  /** Reload now (joins a reload in flight, and runs once more after it if asked meanwhile). */
  function refresh(): Promise<boolean> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      let ok = false;
      do {
        again = false;
        ok = await fetchRoom();
      } while (again);
      return ok;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  let debounce: ReturnType<typeof setTimeout> | undefined;
  function scheduleRefresh(): void {
    clearTimeout(debounce);
    debounce = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
  }

  // ---- events ----
  const events = useSequencedSubscription({
    query: OralEventsSubscription,
    variables: { oralId },
    pick: (data) => data.oralEvents,
    onEvent: (event) => {
      onEvent(event);
      scheduleRefresh();
    },
    onReconnect: () => void refresh(),
  });
  const liveStatus = events.status;
  const received = events.received;

  function resume(): void {
    events.resume();
    void refresh();
  }

  onBeforeUnmount(() => clearTimeout(debounce));
  void refresh();

  return {
    room,
    grid,
    notFound,
    loadError,
    staleError,
    clockOffset,
    liveStatus,
    received,
    refresh,
    resume,
  };
}
