// The juror console's logic without a browser: the countdown and deliberation rules
// (client/src/domain/oral.ts), and the offline queue of score changes
// (client/src/areas/juror/room/useScoreQueue.ts) with a stub window (events, localStorage) and a
// scripted server. The browser test (juror-room.browser.test.ts) drives the same code end to end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// vue is the client's dependency (the workspace root does not have it): the same module the queue imports.
import { effectScope, type EffectScope } from '../../client/node_modules/vue/index.mjs';
import {
  canReportFraud,
  countdownTone,
  decisionBlocks,
  explanationText,
  formatCountdown,
  fraudStatementProblem,
  justificationRequired,
  lockedByFraud,
  minutesSummary,
  nextPhase,
  parseDecimal,
  presidentStep,
  scoringClosedReason,
} from '../../client/src/domain/oral.ts';
import {
  pendingStorageKey,
  useScoreQueue,
  type ScoreChange,
  type SendResult,
} from '../../client/src/areas/juror/room/useScoreQueue.ts';

const KEY = pendingStorageKey('oral-1', 'juror-1');

class FakeWindow extends EventTarget {
  store = new Map<string, string>();
  localStorage = {
    getItem: (key: string) => this.store.get(key) ?? null,
    setItem: (key: string, value: string) => void this.store.set(key, value),
    removeItem: (key: string) => void this.store.delete(key),
  };
}

let fakeWindow: FakeWindow;
let scope: EffectScope;
let sent: { criterionId: string; change: ScoreChange }[];
/** What the server answers next (network failure, refusal or success); success by default. */
let answer: (criterionId: string, change: ScoreChange) => Promise<SendResult>;

const ok = (criterionId: string, change: ScoreChange): Promise<SendResult> =>
  Promise.resolve({
    ok: true,
    score: { jurorId: 'juror-1', criterionId, value: change.value, comment: change.comment, updatedAt: new Date().toISOString() },
  });

function makeQueue() {
  return scope.run(() =>
    useScoreQueue({
      storageKey: KEY,
      send: (criterionId, change) => {
        sent.push({ criterionId, change });
        return answer(criterionId, change);
      },
    }),
  )!;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const stored = () => JSON.parse(fakeWindow.store.get(KEY) ?? 'null');

beforeEach(() => {
  fakeWindow = new FakeWindow();
  vi.stubGlobal('window', fakeWindow);
  scope = effectScope();
  sent = [];
  answer = ok;
});
afterEach(() => {
  scope.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the room rules', () => {
  it('counts down in mm:ss, amber under two minutes, red at zero', () => {
    expect(formatCountdown(14 * 60_000 + 55_500)).toBe('14:56');
    expect(formatCountdown(999)).toBe('00:01');
    expect(formatCountdown(-5000)).toBe('00:00');
    expect([countdownTone(120_001), countdownTone(119_999), countdownTone(0)]).toEqual(['normal', 'warning', 'over']);
  });

  it('moves the phases in order, the identity check being a confirmation rather than a move', () => {
    // WAITING → IDENTITY_CHECKED goes through confirmCandidateIdentity (the server refuses the move).
    expect(nextPhase('WAITING')).toBeNull();
    expect(presidentStep('WAITING', null)).toEqual({ kind: 'identity' });
    expect(nextPhase('IDENTITY_CHECKED')).toBe('PRESENTATION');
    expect(presidentStep('IDENTITY_CHECKED', null)).toEqual({ kind: 'move', to: 'PRESENTATION' });
    expect(nextPhase('QUESTIONS')).toBe('DELIBERATION');
    expect(nextPhase('DELIBERATION')).toBeNull();
    expect(presidentStep('DELIBERATION', null)).toBeNull();
    // Nothing moves while the oral is locked (fraud report pending, or signed).
    expect(presidentStep('WAITING', '2026-11-23T10:00:00Z')).toBeNull();
    expect(presidentStep('PRESENTATION', '2026-11-23T10:00:00Z')).toBeNull();
  });

  it('says why scoring is closed, telling a fraud report from signed minutes', () => {
    expect(scoringClosedReason('WAITING', null)).toBe('notYet');
    expect(scoringClosedReason('QUESTIONS', null)).toBeNull();
    expect(scoringClosedReason('DECIDED', null)).toBe('decided');
    expect(scoringClosedReason('SIGNED', '2026-11-23T10:00:00Z')).toBe('locked');
    expect(scoringClosedReason('DELIBERATION', '2026-11-23T10:00:00Z')).toBe('frozen');
    expect(lockedByFraud('PRESENTATION', '2026-11-23T10:00:00Z')).toBe(true);
    expect(lockedByFraud('SIGNED', '2026-11-23T10:00:00Z')).toBe(false);
    expect(lockedByFraud('PRESENTATION', null)).toBe(false);
  });

  it('lets the president report a suspected fraud with a statement of 10 to 5,000 characters', () => {
    expect(canReportFraud('WAITING', null)).toBe(true);
    expect(canReportFraud('DELIBERATION', null)).toBe(true);
    expect(canReportFraud('PRESENTATION', '2026-11-23T10:00:00Z')).toBe(false);
    expect(canReportFraud('SIGNED', '2026-11-23T10:00:00Z')).toBe(false);
    expect(fraudStatementProblem('  court   ')).toBe('tooShort');
    expect(fraudStatementProblem('Antisèche visible sur le bureau.')).toBeNull();
    expect(fraudStatementProblem('x'.repeat(5001))).toBe('tooLong');
  });

  it('requires a justification when the agreed score departs from the aggregate, as the server does', () => {
    expect(justificationRequired(2.33, 2.33, 'MEAN')).toBe(false);
    expect(justificationRequired(2.333, 2.33, 'MEAN')).toBe(false); // rounded to 2 decimals
    expect(justificationRequired(3, 2.33, 'MEAN')).toBe(true);
    expect(justificationRequired(3, 2.33, 'CONSENSUS')).toBe(false);
    expect(justificationRequired(3, null, 'MEDIAN')).toBe(true);
    expect([parseDecimal('2,5'), parseDecimal('3'), parseDecimal(' '), parseDecimal('abc')]).toEqual([2.5, 3, null, null]);
  });

  it('reads decisions and minutes in both the room’s layout and the older one', () => {
    expect(explanationText({ fr: 'Toutes…', en: 'Every…' }, 'en')).toBe('Every…');
    expect(explanationText('Les 16 compétences…', 'en')).toBe('Les 16 compétences…');
    const room = decisionBlocks({ blocks: [{ code: 'B1', title: 'Bloc', inScope: true, validated: false, competences: [{ code: 'C1', title: 'T', score: 1, minimum: 2, validated: false }] }] });
    expect(room[0]).toMatchObject({ code: 'B1', validated: false, competences: [{ code: 'C1', score: 1, minimum: 2, validated: false }] });
    const older = decisionBlocks({ blocks: [{ code: 'B1', title: 'Bloc', validated: true }], competences: [{ code: 'C1', blockCode: 'B1', score: 3, minimumScore: 2, validated: true }] });
    expect(older[0].competences).toEqual([{ code: 'C1', title: '', score: 3, minimum: 2, validated: true }]);
    expect(minutesSummary({ decision: { outcome: 'CERTIFIED' }, competences: [{ code: 'C1', agreed: 3, aggregate: 2.5, justification: 'j' }] }).competences)
      .toEqual([{ code: 'C1', agreed: 3, aggregate: 2.5, justification: 'j', flagged: false }]);
    expect(minutesSummary({ competences: [{ code: 'C1', agreedValue: 3, aggregateValue: 3 }] }).competences[0]).toMatchObject({ agreed: 3, aggregate: 3 });
  });
});

describe('the score queue', () => {
  it('sends a score at once and forgets it once the server has it', async () => {
    const queue = makeQueue();
    queue.set('c1', { value: 3, comment: null });
    expect(queue.stateOf('c1')).toBe('saving');
    expect(stored()).toMatchObject({ c1: { value: 3, comment: null } });
    await settle();
    expect(sent).toEqual([{ criterionId: 'c1', change: { value: 3, comment: null } }]);
    expect(queue.stateOf('c1')).toBeNull();
    expect(queue.status.value).toBe('saved');
    expect(queue.confirmed.value.c1.value).toBe(3);
    expect(fakeWindow.store.has(KEY)).toBe(false);
  });

  it('keeps every change through a network failure, and sends the latest per criterion when back', async () => {
    vi.useFakeTimers();
    answer = () => Promise.resolve({ ok: false, network: true });
    const queue = makeQueue();
    queue.set('c1', { value: 1, comment: null });
    await vi.advanceTimersByTimeAsync(0);
    queue.set('c1', { value: 2, comment: 'x' }); // the last write wins
    queue.set('c2', { value: 4, comment: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.status.value).toBe('offline');
    expect(queue.pendingCount.value).toBe(2);
    expect(stored()).toMatchObject({ c1: { value: 2, comment: 'x' }, c2: { value: 4 } });

    // Retried with a back-off; the network comes back before the next attempt.
    answer = ok;
    await vi.advanceTimersByTimeAsync(11_000);
    expect(queue.status.value).toBe('saved');
    expect(queue.pendingCount.value).toBe(0);
    const last = Object.fromEntries(sent.map((item) => [item.criterionId, item.change]));
    expect(last).toEqual({ c1: { value: 2, comment: 'x' }, c2: { value: 4, comment: null } });
    expect(fakeWindow.store.has(KEY)).toBe(false);
  });

  it('never lets an answer clear a newer change typed while the request was in flight', async () => {
    let release!: () => void;
    answer = (criterionId, change) => new Promise((resolve) => (release = () => resolve(ok(criterionId, change) as never)));
    const queue = makeQueue();
    queue.set('c1', { value: 1, comment: null });
    await settle();
    queue.set('c1', { value: 3, comment: null }); // typed while value 1 is on its way
    answer = ok;
    release();
    await settle();
    await settle();
    expect(sent.map((item) => item.change.value)).toEqual([1, 3]);
    expect(queue.pendingCount.value).toBe(0);
    expect(queue.confirmed.value.c1.value).toBe(3);
  });

  it('shows a refusal with its reason, does not retry it, and sends the juror’s next change', async () => {
    answer = () => Promise.resolve({ ok: false, network: false, message: 'La note doit être comprise entre 0 et 4.', code: 'VALIDATION_FAILED' });
    const queue = makeQueue();
    queue.set('c1', { value: 9, comment: null });
    await settle();
    expect(queue.stateOf('c1')).toBe('refused');
    expect(queue.refused.value.c1.message).toMatch(/entre 0 et 4/);
    expect(queue.status.value).toBe('refused');
    expect(stored()).toMatchObject({ c1: { value: 9 } }); // still kept
    await queue.flush();
    expect(sent).toHaveLength(1);

    answer = ok;
    queue.set('c1', { value: 4, comment: null });
    await settle();
    expect(queue.stateOf('c1')).toBeNull();
    expect(queue.status.value).toBe('saved');
  });

  it('retries changes refused because scoring was closed once asked to, and can discard one', async () => {
    answer = () => Promise.resolve({ ok: false, network: false, message: 'closed', code: 'INVALID_STATE' });
    const queue = makeQueue();
    queue.set('c1', { value: 2, comment: null });
    queue.set('c2', { value: 3, comment: null });
    await settle();
    expect(queue.refusedCount.value).toBe(2);
    queue.discard('c2');
    expect(stored()).toEqual({ c1: expect.objectContaining({ value: 2 }) });
    answer = ok;
    queue.retryRefused(['INVALID_STATE']);
    await settle();
    expect(queue.refusedCount.value).toBe(0);
    expect(queue.pendingCount.value).toBe(0);
  });

  it('waits for typing to pause before sending a comment', async () => {
    vi.useFakeTimers();
    const queue = makeQueue();
    queue.set('c1', { value: null, comment: 'Pré' }, 600);
    await vi.advanceTimersByTimeAsync(300);
    queue.set('c1', { value: null, comment: 'Précis' }, 600);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toEqual([]);
    expect(queue.stateOf('c1')).toBe('pending');
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([{ criterionId: 'c1', change: { value: null, comment: 'Précis' } }]);
  });

  it('restores unsent changes from the device and sends them on flush (page load)', async () => {
    fakeWindow.store.set(KEY, JSON.stringify({ c7: { value: 1, comment: 'gardé', at: 1 } }));
    const queue = makeQueue();
    expect(queue.stateOf('c7')).toBe('pending');
    await queue.flush();
    expect(sent).toEqual([{ criterionId: 'c7', change: { value: 1, comment: 'gardé' } }]);
    expect(fakeWindow.store.has(KEY)).toBe(false);
  });

  it('holds changes while the browser is offline and sends them on the online event', async () => {
    const queue = makeQueue();
    fakeWindow.dispatchEvent(new Event('offline'));
    queue.set('c1', { value: 2, comment: null });
    await settle();
    expect(sent).toEqual([]);
    expect(queue.status.value).toBe('offline');
    fakeWindow.dispatchEvent(new Event('online'));
    await settle();
    expect(sent).toHaveLength(1);
    expect(queue.status.value).toBe('saved');
  });
});
