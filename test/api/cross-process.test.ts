// Two server processes sharing PostgreSQL and Redis behave as one: an event raised on one reaches a
// subscriber connected to the other, through Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { missing, redisUrl, titled } from '../support/environment.ts';
import { ORAL_EVENTS, ROOM, SCORE, move, todaysOral } from '../support/oral.ts';

const reason = missing.redisAndPostgres;

describe.skipIf(reason)(titled('two server processes through Redis', reason), () => {
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    // Both start at once on the empty database: advisory locks let one migrate and seed, the other wait.
    servers.push(
      ...(await Promise.all([1, 2].map(() => startServer({ databaseUrl: database!.url, env: { REDIS_URL: redisUrl } })))),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('delivers an event raised on process B to a subscriber of process A', async () => {
    const [a, b] = servers;
    const token = await loginAs(a.graphqlUrl, 'partner-a@demo.certijury.fr');
    const client = wsClient(a.wsUrl, token);
    // Live only (no `since`): the event can only arrive through Redis, not from a log replay.
    const events = collect(client, 'subscription { partnerCandidateEvents { type candidate { fileNumber } } }', {}, 1);
    await events.ready;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const result = await gql(
      b.graphqlUrl,
      `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }`,
      { input: { certificationCode: 'RS5302', fileNumber: 'FP-XPROC-1', email: 'xproc@example.fr', birthName: 'Renard', firstName: 'Paul' } },
      { token },
    );
    expect(result.errors).toBeUndefined();
    const [event] = await events.done;
    expect(event.partnerCandidateEvents).toEqual({ type: 'CANDIDATE_REGISTERED', candidate: { fileNumber: 'FP-XPROC-1' } });
    await client.dispose();
  });

  it('lets jurors connected to different processes see each other live in the oral room', async () => {
    const [a, b] = servers;
    const president = await loginAs(a.graphqlUrl, 'juror1@demo.certijury.fr');
    const member = await loginAs(b.graphqlUrl, 'juror2@demo.certijury.fr');
    const { oralId, criteria } = await todaysOral(a.graphqlUrl, president);
    let version = (await gql(a.graphqlUrl, ROOM, { id: oralId }, { token: president })).data!.oral.version;
    version = await move(a.graphqlUrl, president, oralId, 'IDENTITY_CHECKED', version);
    await move(b.graphqlUrl, president, oralId, 'PRESENTATION', version);

    const client = wsClient(a.wsUrl, president); // the president watches through process A
    const events = collect(client, ORAL_EVENTS, { oralId }, 2);
    await events.ready;
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const criterion of criteria.slice(0, 2)) {
      const result = await gql(b.graphqlUrl, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } }, { token: member });
      expect(result.errors).toBeUndefined();
    }
    const received = (await events.done).map((e) => e.oralEvents).filter((e) => e.type === 'SCORE_CHANGED');
    expect(received.map((e) => e.payload)).toEqual([
      { jurorId: expect.any(String), scoredCount: 1 },
      { jurorId: expect.any(String), scoredCount: 2 },
    ]);
    await client.dispose();
  });
  it('gives the last seat to exactly one of two candidates booking through different processes', async () => {
    const [a, b] = servers;
    const admin = await loginAs(a.graphqlUrl, 'admin@demo.certijury.fr');
    const [c03, c13] = [await loginAs(a.graphqlUrl, 'candidate03@demo.certijury.fr'), await loginAs(b.graphqlUrl, 'candidate13@demo.certijury.fr')];
    const certificationId = ((await gql(a.graphqlUrl, '{ certifications { id code } }', {}, { token: admin })).data!.certifications as any[]).find((c) => c.code === 'RS5302').id;
    const day = new Date(Date.now() + 45 * 86_400_000);
    const hour = (h: number) => new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h)).toISOString();
    const session = await gql(
      a.graphqlUrl,
      `mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id } }`,
      { input: { certificationId, title: 'Course entre processus', startsAt: hour(8), endsAt: hour(18), mode: 'REMOTE', remoteLink: 'https://visio.example.fr/xproc' } },
      { token: admin },
    );
    expect(session.errors).toBeUndefined();
    const slots = await gql(b.graphqlUrl, `mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id } } }`, { id: session.data!.createExamSession.id, slots: [{ startsAt: hour(9) }] }, { token: admin });
    expect(slots.errors).toBeUndefined();
    const slotId = slots.data!.addSlots.slots[0].id;
    const attemptOf = async (url: string, token: string) => (await gql(url, '{ myAttempts { id } }', {}, { token })).data!.myAttempts[0].id;
    const BOOK = `mutation ($attemptId: ID!, $slotId: ID!) { bookSlot(attemptId: $attemptId, slotId: $slotId) { id } }`;
    const [first, second] = await Promise.all([
      gql(a.graphqlUrl, BOOK, { attemptId: await attemptOf(a.graphqlUrl, c03), slotId }, { token: c03 }),
      gql(b.graphqlUrl, BOOK, { attemptId: await attemptOf(b.graphqlUrl, c13), slotId }, { token: c13 }),
    ]);
    const outcomes = [first, second].map((result) => (result.errors ? result.errors[0].extensions?.code : 'BOOKED'));
    expect(outcomes.sort()).toEqual(['BOOKED', 'SLOT_FULL']);
  });
});
