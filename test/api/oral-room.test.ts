// The live oral room through the API: blind scoring, phase authority, conflicts, replay after a dropped
// socket, deliberation, decision, signatures, lock and audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFileNumber } from '../support/environment.ts';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { openSocket } from '../support/raw-socket.ts';
import { AGREE, CONFIRM_IDENTITY, DECIDE, MOVE, ORAL_EVENTS, ROOM, SCORE, SIGN, move, todaysOral } from '../support/oral.ts';

let server: TestServer;
const token: Record<string, string> = {};
let oralId: string;
let criteria: Awaited<ReturnType<typeof todaysOral>>['criteria'];
let competences: Awaited<ReturnType<typeof todaysOral>>['competences'];
let version: number;

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const who of ['juror1', 'juror2', 'juror3', 'juror4', 'admin', 'candidate04']) {
    token[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
  }
  ({ oralId, criteria, competences } = await todaysOral(server.graphqlUrl, token.juror1));
});
afterAll(() => server?.stop());

/** File numbers of the candidates with an attempt in `state` (admin view). */
const fileNumbersIn = async (state: string) =>
  (await gql(server.graphqlUrl, 'query ($s: AttemptState) { candidates(first: 100, state: $s) { edges { node { fileNumber } } } }', { s: state }, { token: token.admin }))
    .data!.candidates.edges.map((e: any) => e.node.fileNumber);
const room = async (who: string) => (await gql(server.graphqlUrl, ROOM, { id: oralId }, { token: token[who] })).data?.oral;
const score = (who: string, criterionId: string, value: number | null, comment?: string) =>
  gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId, value, comment } }, { token: token[who] });

describe('access', () => {
  it('hides the room from a juror outside the jury and from the candidate', async () => {
    expect(await room('juror4')).toBeNull();
    const candidateView = await room('candidate04');
    expect(candidateView?.jurors ?? []).toEqual([]);
    expect(candidateView?.deliberation ?? null).toBeNull();
    const outsider = wsClient(server.wsUrl, token.juror4);
    const events = collect(outsider, ORAL_EVENTS, { oralId }, 1, 5000);
    expect(await events.done.catch(() => [])).toEqual([]);
    expect(JSON.stringify(events.errors)).toMatch(/NOT_FOUND/);
    await outsider.dispose();
  });
});

describe('phases', () => {
  it('are driven by the president only, with optimistic concurrency', async () => {
    version = (await room('juror1')).version;
    const byMember = await gql(server.graphqlUrl, CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: version }, { token: token.juror2 });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stale = await gql(server.graphqlUrl, CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: version - 1 }, { token: token.juror1 });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', current: { phase: 'WAITING', version } });
    const skip = await gql(server.graphqlUrl, MOVE, { oralId, to: 'DELIBERATION', v: version }, { token: token.juror1 });
    expect(skip.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    version = await move(server.graphqlUrl, token.juror1, oralId, 'IDENTITY_CHECKED', version);
    const early = await score('juror1', criteria[0].id, 3);
    expect(early.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    expect(early.errors?.[0].message).toContain('identité vérifiée');
    expect(await fileNumbersIn('SCHEDULED')).toContain(demoFileNumber('FP', 4));
    version = await move(server.graphqlUrl, token.juror1, oralId, 'PRESENTATION', version);
    expect(await fileNumbersIn('IN_EVALUATION')).toContain(demoFileNumber('FP', 4)); // through the attempt's transition table
    const state = await room('juror2');
    expect(state.phase).toBe('PRESENTATION');
    expect(new Date(state.phaseEndsAt).getTime() - new Date(state.phaseStartedAt).getTime()).toBe(15 * 60_000);
  });
});

describe('blind scoring', () => {
  it('autosaves each juror’s own row and shows others only progress', async () => {
    const watcher = wsClient(server.wsUrl, token.juror2);
    const seen = collect(watcher, ORAL_EVENTS, { oralId }, 50, 5000);
    await seen.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await score('juror1', criteria[0].id, 3, 'Présentation claire')).errors).toBeUndefined();
    expect((await score('juror1', criteria[0].id, 4)).data?.scoreCriterion.value).toBe(4); // autosave overwrites own row only
    expect((await score('juror2', criteria[0].id, 2)).errors).toBeUndefined();
    const outOfScale = await score('juror1', criteria[1].id, 9);
    expect(outOfScale.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');

    const mine = await room('juror1');
    expect(mine.myScores).toEqual([{ criterionId: criteria[0].id, value: 4, comment: 'Présentation claire' }]);
    const theirs = await room('juror2');
    expect(theirs.myScores).toEqual([{ criterionId: criteria[0].id, value: 2, comment: null }]);
    expect(theirs.deliberation).toBeNull();
    expect(theirs.decision).toBeNull();
    const progress = Object.fromEntries(theirs.jurors.map((j: any) => [j.displayName, j.scoredCount]));
    expect(Object.values(progress).sort()).toEqual([0, 1, 1]);
    expect(theirs.jurors.find((j: any) => j.role === 'PRESIDENT')).toBeTruthy();

    await new Promise((resolve) => setTimeout(resolve, 500));
    seen.stop();
    const scoreEvents = seen.events.map((e) => e.oralEvents).filter((e) => e.type === 'SCORE_CHANGED');
    expect(scoreEvents.length).toBe(3);
    // Events never carry values or comments.
    expect(JSON.stringify(scoreEvents)).not.toMatch(/"value"|Présentation/);
    expect(scoreEvents.map((e) => e.payload.scoredCount)).toEqual([1, 1, 1]);
    await watcher.dispose();
  });

  it('keeps the value on a comment-only save and clears it only on an explicit null', async () => {
    const criterionId = criteria[0].id;
    const commentOnly = await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId, comment: 'Bonne structure' } }, { token: token.juror1 });
    expect(commentOnly.data?.scoreCriterion.value).toBe(4);
    expect((await room('juror1')).myScores).toEqual([{ criterionId, value: 4, comment: 'Bonne structure' }]);
    const cleared = await score('juror1', criterionId, null);
    expect(cleared.data?.scoreCriterion.value).toBeNull();
    expect((await room('juror1')).jurors.find((j: any) => j.role === 'PRESIDENT').scoredCount).toBe(0);
    expect((await score('juror1', criterionId, 4)).errors).toBeUndefined();
  });

  it('gives the room snapshot its event sequence, so a subscription can start exactly there', async () => {
    const snapshot = (await gql(server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { eventSeq } }', { id: oralId }, { token: token.juror2 })).data!.oral;
    const client = wsClient(server.wsUrl, token.juror2);
    const next = collect(client, ORAL_EVENTS, { oralId, since: snapshot.eventSeq }, 1, 5000);
    await next.ready;
    expect((await score('juror1', criteria[0].id, 3)).errors).toBeUndefined();
    const [event] = await next.done;
    expect(event.oralEvents.seq).toBe(snapshot.eventSeq + 1);
    await client.dispose();
  });

  it('shows co-jurors as connected while their room subscription is open', async () => {
    const juror3 = wsClient(server.wsUrl, token.juror3);
    const open = collect(juror3, ORAL_EVENTS, { oralId }, 100, 20_000);
    await open.ready;
    await expect.poll(async () => (await room('juror1')).jurors.filter((j: any) => j.connected).length, { timeout: 5000 }).toBe(1);
    await juror3.dispose();
    await expect.poll(async () => (await room('juror1')).jurors.filter((j: any) => j.connected).length, { timeout: 5000 }).toBe(0);
    open.stop();
  });

  it('leaves no juror shown as connected when the socket closes while the room subscription is starting', async () => {
    // Closing at once, before the server has answered the subscribe, used to leave the presence behind:
    // the stream graphql-ws then cancels never starts, so nothing in it could take the presence back.
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const socket = await openSocket(server.wsUrl, token.juror3);
        socket.ws.send(JSON.stringify({ id: 'room', type: 'subscribe', payload: { query: ORAL_EVENTS, variables: { oralId } } }));
        // Close within the setup window; some closes land before, some during, some after it.
        setTimeout(() => socket.ws.close(), i * 3);
        await socket.closed;
      }),
    );
    await expect.poll(async () => (await room('juror1')).jurors.filter((j: any) => j.connected).length, { timeout: 5000 }).toBe(0);
  });
});

describe('replay', () => {
  it('gives a juror whose socket dropped every missed event, in order, with no gap and no duplicate', async () => {
    const first = wsClient(server.wsUrl, token.juror3);
    const initial = collect(first, ORAL_EVENTS, { oralId, since: 0 }, 3);
    const replayed = (await initial.done).slice(0, 3).map((e) => e.oralEvents.seq);
    expect(replayed).toEqual([1, 2, 3]);
    await first.dispose(); // the socket drops
    const lastSeen = 3;

    // Meanwhile the others keep scoring.
    for (const criterion of criteria.slice(1, 6)) {
      expect((await score('juror1', criterion.id, 3)).errors).toBeUndefined();
      expect((await score('juror2', criterion.id, 3)).errors).toBeUndefined();
    }
    const again = wsClient(server.wsUrl, token.juror3);
    // Everything after seq 3 until the 10 scores made while away have all arrived.
    const resumed = collect(again, ORAL_EVENTS, { oralId, since: lastSeen }, 1000, 3000);
    await resumed.done.catch(() => undefined);
    const events = resumed.events.map((e) => e.oralEvents);
    const seqs = events.map((e) => e.seq);
    expect(seqs[0]).toBe(lastSeen + 1);
    expect(seqs).toEqual(seqs.map((_, index) => lastSeen + 1 + index)); // contiguous: no gap, no duplicate
    expect(events.filter((e) => e.type === 'SCORE_CHANGED').length).toBeGreaterThanOrEqual(10);
    await again.dispose();
  });
});

describe('deliberation, decision and minutes', () => {
  it('reveals all values, flags disagreement, and requires a justification to depart from the aggregate', async () => {
    // Every juror scores every criterion: 3 everywhere, except juror3 gives 1 on the first competence.
    const first = competences[0];
    for (const criterion of criteria) {
      for (const who of ['juror1', 'juror2', 'juror3']) {
        const value = who === 'juror3' && criterion.competenceId === first.id ? 1 : 3;
        const result = await score(who, criterion.id, value);
        expect(result.errors).toBeUndefined();
      }
    }
    version = (await room('juror1')).version;
    version = await move(server.graphqlUrl, token.juror1, oralId, 'QUESTIONS', version);
    version = await move(server.graphqlUrl, token.juror1, oralId, 'DELIBERATION', version);

    const view = await room('juror2');
    expect(view.deliberation.scores.length).toBe(criteria.length * 3);
    const c1 = view.deliberation.competences.find((c: any) => c.competenceId === first.id);
    expect(c1.byJuror.map((j: any) => j.value).sort()).toEqual([1, 3, 3]);
    expect(c1).toMatchObject({ aggregate: 2.33, spread: 2, flagged: true });
    expect(view.deliberation.competences.filter((c: any) => c.flagged)).toHaveLength(1);

    const byMember = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: first.id, value: 3, justification: 'x', expectedVersion: version } }, { token: token.juror2 });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unjustified = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: first.id, value: 3, expectedVersion: version } }, { token: token.juror1 });
    expect(unjustified.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(unjustified.errors?.[0].message).toMatch(/justification/);
    const agreed = await gql(
      server.graphqlUrl,
      AGREE,
      { input: { oralId, competenceId: first.id, value: 3, justification: 'Maîtrise démontrée lors des questions.', expectedVersion: version } },
      { token: token.juror1 },
    );
    expect(agreed.errors).toBeUndefined();
    version = agreed.data!.setAgreedScore.version;
    const stale = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: first.id, value: 3, justification: 'x', expectedVersion: version - 1 } }, { token: token.juror1 });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('refuses to decide while a competence has no agreed score, then decides by the rule', async () => {
    const early = await gql(server.graphqlUrl, DECIDE, { oralId, v: version }, { token: token.juror1 });
    expect(early.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect(early.errors?.[0].message).toContain(competences[1].code);
    for (const competence of competences.slice(1)) {
      const result = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: competence.id, value: 3, expectedVersion: version } }, { token: token.juror1 });
      expect(result.errors).toBeUndefined();
      version = result.data!.setAgreedScore.version;
    }
    const decided = await gql(server.graphqlUrl, DECIDE, { oralId, v: version }, { token: token.juror1 });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideOral).toMatchObject({ phase: 'DECIDED', decision: { outcome: 'CERTIFIED', ruleVersion: 'all-competences@2' } });
    expect(await fileNumbersIn('DECIDED')).toContain(demoFileNumber('FP', 4));
  });

  it('locks the oral once every juror signed the minutes they read', async () => {
    const { minutes } = await room('juror2');
    const wrong = await gql(server.graphqlUrl, SIGN, { oralId, hash: '0'.repeat(64) }, { token: token.juror2 });
    expect(wrong.errors?.[0].extensions?.code).toBe('CONFLICT');
    for (const who of ['juror2', 'juror3']) {
      const signed = await gql(server.graphqlUrl, SIGN, { oralId, hash: minutes.contentHash }, { token: token[who] });
      expect(signed.data?.signMinutes.phase).toBe('DECIDED');
    }
    const last = await gql(server.graphqlUrl, SIGN, { oralId, hash: minutes.contentHash }, { token: token.juror1 });
    expect(last.data?.signMinutes.phase).toBe('SIGNED');
    expect(last.data?.signMinutes.lockedAt).toBeTruthy();
    expect(last.data?.signMinutes.minutes.signatures).toHaveLength(3);
    const late = await score('juror1', criteria[0].id, 1);
    expect(late.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    // The certified holder (RS5302) is now owed to the Caisse des Dépôts within 3 months of the jury.
    const owed = await gql(server.graphqlUrl, `{ cdcPassages(status: PENDING, first: 100) { edges { node { idTechnique juryDate transmitBy attempt { id candidateName } } } } }`, {}, { token: token.admin });
    const passage = owed.data!.cdcPassages.edges.map((e: any) => e.node).find((p: any) => p.attempt.candidateName === 'Nicolas PETIT');
    expect(passage).toBeDefined();
    expect(passage.idTechnique).toMatch(/^CJ-[0-9A-F]{32}$/);
    const jury = new Date(passage.juryDate);
    const due = new Date(passage.transmitBy);
    expect((due.getUTCFullYear() - jury.getUTCFullYear()) * 12 + due.getUTCMonth() - jury.getUTCMonth()).toBe(3);
  });

  it('records every change in the hash-chained audit trail', async () => {
    const trail = await gql(server.graphqlUrl, 'query ($id: ID!) { auditEntries(entityType: "Oral", entityId: $id) { action data } }', { id: oralId }, { token: token.admin });
    const actions = trail.data!.auditEntries.map((e: any) => e.action);
    for (const action of ['oral.phase', 'score.changed', 'oral.agreedScore', 'oral.decided', 'minutes.signed', 'oral.signed']) {
      expect(actions).toContain(action);
    }
    expect(actions.filter((a: string) => a === 'score.changed').length).toBeGreaterThanOrEqual(criteria.length * 3);
    const verification = await gql(server.graphqlUrl, '{ auditVerification { ok checked } }', {}, { token: token.admin });
    expect(verification.data!.auditVerification.ok).toBe(true);
  });
});
