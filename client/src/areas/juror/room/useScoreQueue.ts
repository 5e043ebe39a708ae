import { computed, onScopeDispose, ref } from 'vue';
import type { Score } from '../../../graphql/types';

/** The full state of one criterion as the juror left it: always sent whole (the last write wins). */
export interface ScoreChange {
  value: number | null;
  comment: string | null;
}

interface PendingChange extends ScoreChange {
  /** Local revision: an answer only clears the change it was sent for, never a newer one. */
  rev: number;
  /** Not sent before this time (a comment is saved once typing pauses). */
  dueAt: number;
}

interface Refusal {
  rev: number;
  message: string;
  code: string | null;
}

export type SendResult =
  | { ok: true; score: Score }
  | { ok: false; network: true }
  | { ok: false; network: false; message: string; code: string | null };

/** Per criterion: waiting to be sent, on its way, or refused by the server (kept, with the reason). */
export type CriterionSaveState = 'pending' | 'saving' | 'refused';
/** What the juror sees of one criterion: their latest value and comment, and whether it is saved. */
export interface CriterionView {
  value: number | null;
  comment: string;
  state: CriterionSaveState | null;
  /** The server holds a score or comment for it (and nothing newer is waiting). */
  saved: boolean;
  error: string | null;
}

/** The room's autosave indicator. */
export type SaveStatus = 'saved' | 'saving' | 'offline' | 'refused';

const MAX_RETRY_DELAY_MS = 10_000;

/** A copy of `record` without `key`. */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** localStorage key of one juror's unsaved changes on one oral. */
export function pendingStorageKey(oralId: string, jurorId: string): string {
  return `certijury.pending.${oralId}.${jurorId}`;
}

interface StoredChange extends ScoreChange {
  at: number;
}

function readStored(key: string): Record<string, StoredChange> {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const result: Record<string, StoredChange> = {};
    for (const [criterionId, item] of Object.entries(parsed as Record<string, unknown>)) {
      if (!item || typeof item !== 'object') continue;
      const { value, comment, at } = item as Partial<StoredChange>;
      if (value !== null && typeof value !== 'number') continue;
      if (comment !== null && typeof comment !== 'string') continue;
      result[criterionId] = { value, comment, at: typeof at === 'number' ? at : Date.now() };
    }
    return result;
  } catch {
    return {}; // storage disabled or corrupted: nothing to restore
  }
}

/**
 * The juror's unsaved score changes on one oral, kept in localStorage until the server has them.
 *
 * - `set` records a change at once (in memory and in localStorage) and sends it after `delayMs`
 *   (0 for a score, ~600 ms for a comment being typed). A criterion keeps only its latest change.
 * - One request per criterion at a time; when it succeeds, the change is dropped only if nothing newer
 *   was typed meanwhile (then the newer one is sent next).
 * - A network failure keeps every change and retries with a capped back-off (1, 2, 4, 8, then 10 s),
 *   and at once when the browser is back online or `flush` is called (socket reconnected, page load).
 * - A refusal (validation error, closed phase…) keeps the change visible with the server's message; it
 *   is not retried until the juror changes it again, discards it, or `retryRefused` is called.
 * - Changes kept from an earlier visit (the tab was closed before the server had them) are sent once the
 *   room loads; `restoredSummary` tells the juror how many were kept and which were sent or refused.
 */
export function useScoreQueue(options: {
  storageKey: string;
  send: (criterionId: string, change: ScoreChange) => Promise<SendResult>;
}) {
  const pending = ref<Record<string, PendingChange>>({});
  const saving = ref<Record<string, number>>({});
  const refused = ref<Record<string, Refusal>>({});
  /** The server's answers to our saves (newer than the room's last reload until it catches up). */
  const confirmed = ref<Record<string, Score>>({});
  const networkFailing = ref(false);
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);

  let revision = 0;
  let retries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryAt = 0;
  let disposed = false;

  for (const [criterionId, stored] of Object.entries(readStored(options.storageKey))) {
    pending.value[criterionId] = { value: stored.value, comment: stored.comment, rev: ++revision, dueAt: 0 };
  }
  /** Changes this device kept from an earlier visit (tab closed or reloaded before the server had them). */
  const restored = ref<string[]>(Object.keys(pending.value));

  function persist(): void {
    try {
      const entries = Object.entries(pending.value);
      if (!entries.length) {
        window.localStorage.removeItem(options.storageKey);
        return;
      }
      const stored: Record<string, StoredChange> = {};
      for (const [criterionId, change] of entries) {
        stored[criterionId] = { value: change.value, comment: change.comment, at: Date.now() };
      }
      window.localStorage.setItem(options.storageKey, JSON.stringify(stored));
    } catch {
      /* storage full or disabled: the change stays in memory */
    }
  }

  function sendable(criterionId: string, now: number): boolean {
    const change = pending.value[criterionId];
    return Boolean(change) && change.dueAt <= now && !(criterionId in saving.value) && !(criterionId in refused.value);
  }

  /** Wake up for the next change that becomes due, or for the next retry after a network failure. */
  function schedule(): void {
    clearTimeout(timer);
    // Offline, the browser's `online` event resumes sending.
    if (disposed || !browserOnline.value) return;
    const now = Date.now();
    let wakeAt = Infinity;
    for (const [criterionId, change] of Object.entries(pending.value)) {
      if (criterionId in saving.value || criterionId in refused.value) continue;
      wakeAt = Math.min(wakeAt, networkFailing.value ? Math.max(change.dueAt, retryAt) : change.dueAt);
    }
    if (wakeAt === Infinity) return;
    timer = setTimeout(() => void flush(), Math.max(0, wakeAt - now));
  }

  async function sendOne(criterionId: string): Promise<void> {
    const change = pending.value[criterionId];
    if (!change) return;
    const { rev } = change;
    saving.value = { ...saving.value, [criterionId]: rev };
    let result: SendResult;
    try {
      result = await options.send(criterionId, { value: change.value, comment: change.comment });
    } catch {
      result = { ok: false, network: true };
    }
    saving.value = without(saving.value, criterionId);
    const current = pending.value[criterionId];
    if (result.ok) {
      networkFailing.value = false;
      retries = 0;
      confirmed.value = { ...confirmed.value, [criterionId]: result.score };
      if (current?.rev === rev) {
        pending.value = without(pending.value, criterionId);
        persist();
      }
    } else if (result.network) {
      if (!networkFailing.value) retries = 0;
      networkFailing.value = true;
    } else if (current?.rev === rev) {
      refused.value = { ...refused.value, [criterionId]: { rev, message: result.message, code: result.code } };
    }
  }

  let flushing: Promise<void> | null = null;

  /** Send every due change now (one request per criterion at a time). */
  function flush(): Promise<void> {
    if (flushing) return flushing;
    clearTimeout(timer);
    flushing = (async () => {
      // Keep going while changes typed during the previous round are due (and the network answers).
      for (;;) {
        if (disposed || !browserOnline.value) break;
        const now = Date.now();
        if (networkFailing.value && now < retryAt) break;
        const due = Object.keys(pending.value).filter((criterionId) => sendable(criterionId, now));
        if (!due.length) break;
        const wasFailing = networkFailing.value;
        await Promise.all(due.map(sendOne));
        if (networkFailing.value) {
          retryAt = Date.now() + Math.min(1000 * 2 ** retries, MAX_RETRY_DELAY_MS);
          retries += 1;
          break;
        }
        if (wasFailing) retryAt = 0;
      }
    })().finally(() => {
      flushing = null;
      schedule();
    });
    return flushing;
  }

  /** Record the juror's latest state of a criterion and send it after `delayMs`. */
  function set(criterionId: string, change: ScoreChange, delayMs = 0): void {
    const now = Date.now();
    // A change already due (a score waiting for the network) is not held back by a comment being typed.
    const existing = pending.value[criterionId];
    const alreadyDue = existing && existing.dueAt <= now && !(criterionId in saving.value);
    const dueAt = alreadyDue ? existing.dueAt : now + delayMs;
    pending.value = { ...pending.value, [criterionId]: { ...change, rev: ++revision, dueAt } };
    if (criterionId in refused.value) refused.value = without(refused.value, criterionId);
    persist();
    if (dueAt > now) schedule();
    else void flush();
  }

  /** Send a criterion's change now (the comment field lost focus). */
  function flushCriterion(criterionId: string): void {
    const change = pending.value[criterionId];
    if (!change || change.dueAt <= Date.now()) return;
    pending.value = { ...pending.value, [criterionId]: { ...change, dueAt: Date.now() } };
    void flush();
  }

  /** Drop a change the server refused (the saved value shows again). */
  function discard(criterionId: string): void {
    pending.value = without(pending.value, criterionId);
    refused.value = without(refused.value, criterionId);
    restored.value = restored.value.filter((id) => id !== criterionId);
    persist();
  }

  /** What became of the changes kept from an earlier visit: sent, refused (shown with the reason) or waiting. */
  const restoredSummary = computed(() => {
    if (!restored.value.length) return null;
    const summary = { kept: restored.value.length, sent: 0, refused: 0, waiting: 0 };
    for (const criterionId of restored.value) {
      if (criterionId in refused.value) summary.refused += 1;
      else if (criterionId in pending.value) summary.waiting += 1;
      else summary.sent += 1;
    }
    return summary;
  });

  function dismissRestored(): void {
    restored.value = [];
  }

  /** Try refused changes again (e.g. those refused because scoring was closed, once it reopens). */
  function retryRefused(codes: string[]): void {
    const kept: Record<string, Refusal> = {};
    let any = false;
    for (const [criterionId, refusal] of Object.entries(refused.value)) {
      if (refusal.code !== null && codes.includes(refusal.code)) any = true;
      else kept[criterionId] = refusal;
    }
    if (!any) return;
    refused.value = kept;
    void flush();
  }

  /** The server answered another request: the network is back (retry now rather than after the back-off). */
  function markReachable(): void {
    if (!networkFailing.value) return;
    networkFailing.value = false;
    retries = 0;
    retryAt = 0;
    void flush();
  }

  function onOnline(): void {
    browserOnline.value = true;
    retries = 0;
    retryAt = 0;
    void flush();
  }

  function onOffline(): void {
    browserOnline.value = false;
  }

  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  // Stops with the component (or effect scope) that created the queue.
  onScopeDispose(() => {
    disposed = true;
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });

  const pendingCount = computed(() => Object.keys(pending.value).filter((id) => !(id in refused.value)).length);
  const refusedCount = computed(() => Object.keys(refused.value).length);
  const offline = computed(() => !browserOnline.value || networkFailing.value);

  const status = computed<SaveStatus>(() => {
    if (offline.value) return 'offline';
    if (pendingCount.value > 0) return 'saving';
    if (refusedCount.value > 0) return 'refused';
    return 'saved';
  });

  function stateOf(criterionId: string): CriterionSaveState | null {
    if (criterionId in refused.value) return 'refused';
    if (criterionId in saving.value) return 'saving';
    if (criterionId in pending.value) return 'pending';
    return null;
  }

  return {
    pending,
    confirmed,
    refused,
    pendingCount,
    refusedCount,
    offline,
    status,
    stateOf,
    set,
    flush,
    flushCriterion,
    discard,
    restoredSummary,
    dismissRestored,
    retryRefused,
    markReachable,
  };
}
