// Exam sessions, slots and juries through the API of a real server: validation that writes nothing, the
// race for the last seat, double-booking refusal, cancellation, accommodations, each independence rule with
// its reason, the minimum jury size, identity confirmation, fraud freezing and admin review, schedule
// subscriptions, and that a juror sees only the orals of juries they sit on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { CONFIRM_IDENTITY, MOVE } from '../support/oral.ts';

let server: TestServer;
const token: Record<string, string> = {};
const id: Record<string, string> = {};
const attempt: Record<string, string> = {};
let certificationId = '';
let sessionId = '';
const slot: Record<string, string> = {};
const jury: Record<string, string> = {};
let c03OralId = '';

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const CREATE_SESSION = `mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id title mode place remoteLink slots { id } } }`;
const ADD_SLOTS = `mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id startsAt durationMinutes capacity } } }`;
const SESSION = `query ($id: ID!) { examSession(id: $id) { slots { id startsAt bookedCount capacity remaining bookings { attempt { id candidateName } oral { id jury { id } } } } juries { id } } }`;
const BOOK = `mutation ($attemptId: ID!, $slotId: ID!) { bookSlot(attemptId: $attemptId, slotId: $slotId) { id slot { id } oral { id } } }`;
const CANCEL = `mutation ($attemptId: ID!) { cancelBooking(attemptId: $attemptId) { state booking { id } } }`;
const BOOKABLE = `query ($attemptId: ID!) { bookableSlots(attemptId: $attemptId) { id durationMinutes remaining } }`;
const MY_ATTEMPTS = `{ myAttempts { id state booking { slot { id } oral { id scheduledAt phase } } } }`;
const COMPOSE = `mutation ($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) { composeJury(input: $input, members: $members) { id version members { role juror { id } } } }`;
const ASSIGN = `mutation ($attemptId: ID!, $juryId: ID!) { assignJury(attemptId: $attemptId, juryId: $juryId) { id phase version extraTimeMinutes jury { id } } }`;
const UPDATE_MEMBERS = `mutation ($juryId: ID!, $v: Int!, $members: [JuryMemberInput!]!) { updateJuryMembers(juryId: $juryId, expectedVersion: $v, members: $members) { id version } }`;
const ELIGIBILITY = `query ($attemptId: ID!) { jurorEligibility(attemptId: $attemptId) { eligible reasons { code message } juror { id displayName } } }`;
const DECLARE = `mutation ($input: ConflictInput!) { declareConflict(input: $input) { id reason partner { name } candidateName } }`;
const PROFILE = `mutation ($jurorId: ID!, $input: JurorProfileInput!) { updateJurorProfile(jurorId: $jurorId, input: $input) { juror { id isCertifierEmployee } } }`;
const SCHEDULE_EVENTS = `subscription { scheduleEvents { seq type attemptId oralId slotId } }`;
const ORAL_STATE = `query ($id: ID!) { oral(id: $id) { id phase version lockedAt identityDocumentType identityCheckedAt fraudReview } }`;
const REPORT_FRAUD = `mutation ($oralId: ID!, $statement: String!, $v: Int!) { reportFraud(oralId: $oralId, statement: $statement, expectedVersion: $v) { phase version lockedAt } }`;
const FRAUD_REPORTS = `query ($status: FraudReviewStatus) { fraudReports(status: $status) { id statement status reviewReason attempt { id state } oral { id } } }`;
const REVIEW = `mutation ($id: ID!, $outcome: FraudReviewOutcome!, $reason: String!) { reviewFraudReport(id: $id, outcome: $outcome, reason: $reason) { status reviewReason } }`;

const at = (day: Date, hours: number, minutes = 0) => {
  const date = new Date(day);
  date.setUTCHours(hours, minutes, 0, 0);
  return date.toISOString();
};
const sessionDay = new Date(Date.now() + 40 * 86_400_000);

const juror = (n: number) => ({ jurorId: id[`juror${n}`], role: 'MEMBER' });
const president = (n: number) => ({ jurorId: id[`juror${n}`], role: 'PRESIDENT' });

async function stateOf(who: string): Promise<string> {
  return (await as(who, MY_ATTEMPTS)).data!.myAttempts[0].state;
}

/** The candidate id of an attempt, as its partner sees it. */
async function candidateOf(partner: string, attemptId: string): Promise<string> {
  const result = await as(partner, `{ candidates(first: 100) { edges { node { id attempts { id } } } } }`);
  return result.data!.candidates.edges.find((edge: any) => edge.node.attempts.some((a: any) => a.id === attemptId)).node.id;
}

async function sessionSlots() {
  const result = await as('admin', SESSION, { id: sessionId });
  return result.data!.examSession.slots as { id: string; bookedCount: number; bookings: { attempt: { id: string; candidateName: string }; oral: { id: string; jury: { id: string } } | null }[] }[];
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = {
    admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b',
    juror1: 'juror1', juror2: 'juror2', juror3: 'juror3', juror4: 'juror4', juror5: 'juror5', juror6: 'juror6',
    c03: 'candidate03', c13: 'candidate13',
  };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  for (const n of [1, 2, 3, 4, 5, 6]) id[`juror${n}`] = (await as(`juror${n}`, '{ me { id } }')).data!.me.id;
  for (const c of ['c03', 'c13']) attempt[c] = (await as(c, MY_ATTEMPTS)).data!.myAttempts[0].id;
  const partners = (await as('admin', '{ partners { id name } }')).data!.partners as { id: string; name: string }[];
  id.partnerA = partners.find((p) => p.name === 'Formapro Conseil')!.id;
  id.partnerB = partners.find((p) => p.name === 'Atelier Compétences')!.id;
  certificationId = (await as('admin', '{ certifications { id code } }')).data!.certifications.find((c: any) => c.code === 'RS5302').id;
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('sessions and slots', () => {
  it('refuses invalid sessions with typed, translated errors and writes nothing', async () => {
    const base = { certificationId, title: 'Session de test', startsAt: at(sessionDay, 8), endsAt: at(sessionDay, 18) };
    const noPlace = await as('admin', CREATE_SESSION, { input: { ...base, mode: 'ON_SITE' } });
    expect(codeOf(noPlace)).toBe('VALIDATION_FAILED');
    expect(noPlace.errors![0].extensions!.fields.map((f: any) => f.path.at(-1))).toEqual(['place']);
    const reversed = await as('admin', CREATE_SESSION, { input: { ...base, endsAt: at(sessionDay, 7), mode: 'REMOTE', remoteLink: 'https://visio.example.fr/x' } }, 'en');
    expect(reversed.errors![0].extensions!.fields).toEqual([expect.objectContaining({ path: expect.arrayContaining(['endsAt']), message: expect.stringContaining('must end after it starts') })]);
    const badLink = await as('admin', CREATE_SESSION, { input: { ...base, mode: 'REMOTE', remoteLink: 'javascript:alert(1)' } });
    expect(codeOf(badLink)).toBe('VALIDATION_FAILED');
    const byCandidate = await as('c03', CREATE_SESSION, { input: { ...base, mode: 'REMOTE', remoteLink: 'https://visio.example.fr/x' } });
    expect(codeOf(byCandidate)).toBe('FORBIDDEN');
    const sessions = await as('admin', `query ($c: ID!) { examSessions(certificationId: $c, upcoming: true) { edges { node { title } } } }`, { c: certificationId });
    expect(sessions.data!.examSessions.edges.map((e: any) => e.node.title)).not.toContain('Session de test');
  });

  it('adds slots all or nothing: within the session, at least the oral long, no overlap', async () => {
    const created = await as('admin', CREATE_SESSION, {
      input: { certificationId, title: 'Session de test', startsAt: at(sessionDay, 8), endsAt: at(sessionDay, 18), mode: 'MIXED', place: 'Lyon, salle B', remoteLink: 'https://visio.example.fr/test' },
    });
    expect(created.errors).toBeUndefined();
    sessionId = created.data!.createExamSession.id;
    const bad = await as('admin', ADD_SLOTS, {
      id: sessionId,
      slots: [
        { startsAt: at(sessionDay, 9) },
        { startsAt: at(sessionDay, 17, 45) },
        { startsAt: at(sessionDay, 9, 10) },
        { startsAt: at(sessionDay, 12), durationMinutes: 20 },
      ],
    });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.errors![0].extensions!.fields.map((f: any) => f.path.slice(-3))).toEqual([
      ['slots', 1, 'startsAt'],
      ['slots', 2, 'startsAt'],
      ['slots', 3, 'durationMinutes'],
    ]);
    expect(bad.errors![0].message).toContain('chevauche');
    expect(await sessionSlots()).toEqual([]);

    const good = await as('admin', ADD_SLOTS, {
      id: sessionId,
      slots: [
        { startsAt: at(sessionDay, 9) },
        { startsAt: at(sessionDay, 10) },
        { startsAt: at(sessionDay, 11), durationMinutes: 45 },
      ],
    });
    expect(good.errors).toBeUndefined();
    const slots = good.data!.addSlots.slots;
    expect(slots.map((s: any) => [s.durationMinutes, s.capacity])).toEqual([[30, 1], [30, 1], [45, 1]]);
    [slot.a, slot.b, slot.c] = slots.map((s: any) => s.id);
  });
});

describe('juries', () => {
  it('needs exactly one president and the minimum size, and never a certifier employee', async () => {
    const input = { certificationId, examSessionId: sessionId, name: 'Jury de la session de test' };
    const alone = await as('admin', COMPOSE, { input, members: [president(1)] });
    expect(codeOf(alone)).toBe('VALIDATION_FAILED');
    expect(alone.errors![0].message).toContain('au moins 2 membres');
    const twoPresidents = await as('admin', COMPOSE, { input, members: [president(1), president(2)] });
    expect(twoPresidents.errors![0].message).toContain('exactement un président');

    await as('admin', PROFILE, { jurorId: id.juror3, input: { isCertifierEmployee: true } });
    const employee = await as('admin', COMPOSE, { input, members: [president(1), juror(3)] });
    expect(codeOf(employee)).toBe('JUROR_INELIGIBLE');
    expect(employee.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'CERTIFIER_EMPLOYEE', jurorId: id.juror3 })]);
    expect(employee.errors![0].message).toContain("Sophie Lefèvre est salarié(e) de l'organisme certificateur");
    await as('admin', PROFILE, { jurorId: id.juror3, input: { isCertifierEmployee: false } });
    expect((await as('admin', '{ juries { id } }')).data!.juries).toHaveLength(6); // the demo's (4, the questionnaire demo's and the CléA commission), nothing new

    // The session's jury: juror6 presides; he trains at Formapro Conseil (partner A).
    const composed = await as('admin', COMPOSE, { input, members: [president(6), juror(2)] });
    expect(composed.errors).toBeUndefined();
    jury.session = composed.data!.composeJury.id;
  });
});

describe('booking', () => {
  it('gives the last seat to exactly one of two racing candidates', async () => {
    const candidateSocket = wsClient(server.wsUrl, token.c13);
    const availability = collect(candidateSocket, `subscription ($c: ID!) { slotAvailability(certificationId: $c) { type slotId bookedCount capacity } }`, { c: certificationId }, 1);
    await availability.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));

    const [first, second] = await Promise.all([as('c03', BOOK, { attemptId: attempt.c03, slotId: slot.a }), as('c13', BOOK, { attemptId: attempt.c13, slotId: slot.a })]);
    const outcomes = [first, second].map((result) => (result.errors ? codeOf(result) : 'BOOKED'));
    expect(outcomes.sort()).toEqual(['BOOKED', 'SLOT_FULL']);
    const refused = [first, second].find((result) => result.errors)!;
    expect(refused.errors![0].message).toBe("Ce créneau vient d'être complété ; choisissez-en un autre.");
    expect((await sessionSlots()).find((s) => s.id === slot.a)!.bookedCount).toBe(1);
    expect((await availability.done)[0].slotAvailability).toEqual({ type: 'SLOT_AVAILABILITY_CHANGED', slotId: slot.a, bookedCount: 1, capacity: 1 });
    await candidateSocket.dispose();

    const winner = first.errors ? 'c13' : 'c03';
    const again = await as(winner, BOOK, { attemptId: attempt[winner], slotId: slot.b });
    expect(codeOf(again)).toBe('ALREADY_BOOKED');
    // The winner cancels, so both candidates start the next test free.
    expect((await as(winner, CANCEL, { attemptId: attempt[winner] })).data!.cancelBooking).toEqual({ state: 'FILE_ACKNOWLEDGED', booking: null });
    expect((await sessionSlots()).find((s) => s.id === slot.a)!.bookedCount).toBe(0);
  });

  it('never lets an attempt hold two slots, even with concurrent requests', async () => {
    const [onB, onC] = await Promise.all([as('c13', BOOK, { attemptId: attempt.c13, slotId: slot.b }), as('c13', BOOK, { attemptId: attempt.c13, slotId: slot.c })]);
    expect([onB, onC].map((result) => (result.errors ? codeOf(result) : 'BOOKED')).sort()).toEqual(['ALREADY_BOOKED', 'BOOKED']);
    const slots = await sessionSlots();
    expect(slots.find((s) => s.id === slot.b)!.bookedCount + slots.find((s) => s.id === slot.c)!.bookedCount).toBe(1);
    slot.c13 = onB.errors ? slot.c : slot.b;
    expect(await stateOf('c13')).toBe('SCHEDULED');
  });

  it('before the session jury when it may examine the candidate, else waits for an admin', async () => {
    // Atelier Compétences' candidate: the session jury is independent of her, so her oral exists at once.
    const c13 = (await sessionSlots()).find((s) => s.id === slot.c13)!.bookings[0];
    expect(c13.attempt).toEqual({ id: attempt.c13, candidateName: 'Clara LEROY' });
    expect(c13.oral?.jury.id).toBe(jury.session);
    const juror2Orals = (await as('juror2', '{ myOrals { id } }')).data!.myOrals.map((o: any) => o.id);
    expect(juror2Orals).toContain(c13.oral!.id);

    // Formapro's candidate: juror6 trains there, so no oral is created before the session jury.
    const juror6Events = collect(wsClient(server.wsUrl, token.juror6), SCHEDULE_EVENTS, {}, 1, 3000);
    await juror6Events.ready;
    const partnerEvents = collect(wsClient(server.wsUrl, token.partnerA), SCHEDULE_EVENTS, {}, 1);
    const candidateEvents = collect(wsClient(server.wsUrl, token.c03), SCHEDULE_EVENTS, {}, 1);
    await Promise.all([partnerEvents.ready, candidateEvents.ready]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const booked = await as('c03', BOOK, { attemptId: attempt.c03, slotId: slot.a });
    expect(booked.data!.bookSlot).toMatchObject({ slot: { id: slot.a }, oral: null });
    expect((await candidateEvents.done)[0].scheduleEvents).toMatchObject({ type: 'SLOT_BOOKED', attemptId: attempt.c03, slotId: slot.a, oralId: null });
    expect((await partnerEvents.done)[0].scheduleEvents).toMatchObject({ type: 'SLOT_BOOKED', attemptId: attempt.c03 });
    await expect(juror6Events.done).rejects.toThrow(/timed out/);
  });
});

describe('independence rules', () => {
  it('shows admins why each juror may not examine a candidate', async () => {
    const list = (await as('admin', ELIGIBILITY, { attemptId: attempt.c03 })).data!.jurorEligibility as any[];
    const of = (n: number) => list.find((row) => row.juror.id === id[`juror${n}`]);
    expect(list).toHaveLength(7); // the six demo jurors and the CléA evaluator
    expect(of(6)).toMatchObject({ eligible: false, reasons: [{ code: 'TRAINER_OF_PARTNER', message: expect.stringContaining('Formapro Conseil') }] });
    expect(of(1)).toMatchObject({ eligible: true, reasons: [] });
    expect((await as('juror1', ELIGIBILITY, { attemptId: attempt.c03 })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it("refuses a trainer of the candidate's organisation, with the reason", async () => {
    const refused = await as('admin', ASSIGN, { attemptId: attempt.c03, juryId: jury.session });
    expect(codeOf(refused)).toBe('JUROR_INELIGIBLE');
    expect(refused.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'TRAINER_OF_PARTNER', jurorId: id.juror6, candidateId: expect.any(String) })]);
    expect(refused.errors![0].message).toContain('Julien Roche est formateur ou formatrice chez Formapro Conseil');
  });

  it('refuses a juror who declared a conflict with the organisation', async () => {
    const declared = await as('juror2', DECLARE, { input: { partnerId: id.partnerA, reason: "J'ai codirigé un projet avec Formapro Conseil en 2025." } });
    expect(declared.data!.declareConflict).toMatchObject({ partner: { name: 'Formapro Conseil' }, candidateName: null });
    const invisible = await as('juror2', DECLARE, { input: { candidateId: attempt.c03, reason: 'Une personne que je connais.' } });
    expect(codeOf(invisible)).toBe('VALIDATION_FAILED');
    const both = await as('juror2', DECLARE, { input: { partnerId: id.partnerA, candidateId: attempt.c03, reason: 'Les deux à la fois.' } });
    expect(codeOf(both)).toBe('VALIDATION_FAILED');

    const composed = await as('admin', COMPOSE, { input: { certificationId, name: 'Jury ad hoc 1' }, members: [president(1), juror(2)] });
    const refused = await as('admin', ASSIGN, { attemptId: attempt.c03, juryId: composed.data!.composeJury.id });
    expect(refused.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'DECLARED_CONFLICT', jurorId: id.juror2 })]);
    expect(refused.errors![0].message).toContain('codirigé un projet');
  });

  it('assigns an independent jury; only its jurors see the oral, and they hear of it live', async () => {
    const juror4Events = collect(wsClient(server.wsUrl, token.juror4), SCHEDULE_EVENTS, {}, 2);
    await juror4Events.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const composed = await as('admin', COMPOSE, { input: { certificationId, name: 'Jury ad hoc 2' }, members: [president(1), juror(4)] });
    jury.adHoc = composed.data!.composeJury.id;
    const assigned = await as('admin', ASSIGN, { attemptId: attempt.c03, juryId: jury.adHoc });
    expect(assigned.errors).toBeUndefined();
    const oralId = assigned.data!.assignJury.id;
    expect(assigned.data!.assignJury).toMatchObject({ phase: 'WAITING', jury: { id: jury.adHoc } });
    expect((await juror4Events.done).map((e) => e.scheduleEvents.type)).toEqual(['JURY_JOINED', 'ORAL_SCHEDULED']);
    expect((await as('juror4', '{ myOrals { id } }')).data!.myOrals.map((o: any) => o.id)).toContain(oralId);
    expect((await as('juror5', ORAL_STATE, { id: oralId })).data!.oral).toBeNull();
    expect((await as('juror5', '{ myOrals { id } }')).data!.myOrals.map((o: any) => o.id)).not.toContain(oralId);
    // Candidates see their oral but not who sits on the jury.
    const mine = await as('c03', `{ myAttempts { booking { oral { id jury { id } } } } }`);
    expect(codeOf(mine)).toBe('FORBIDDEN');

    // A trainer of the candidate's organisation cannot be added to that jury afterwards either.
    const update = await as('admin', UPDATE_MEMBERS, { juryId: jury.adHoc, v: composed.data!.composeJury.version, members: [president(1), juror(6)] });
    expect(update.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'TRAINER_OF_PARTNER' })]);
  });

  it('frees the seat and withdraws the oral when the booking is cancelled', async () => {
    const juror4Events = collect(wsClient(server.wsUrl, token.juror4), SCHEDULE_EVENTS, {}, 1);
    await juror4Events.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await as('c03', CANCEL, { attemptId: attempt.c03 })).data!.cancelBooking.state).toBe('FILE_ACKNOWLEDGED');
    expect((await juror4Events.done)[0].scheduleEvents.type).toBe('ORAL_CANCELLED');
    expect((await sessionSlots()).find((s) => s.id === slot.a)).toMatchObject({ bookedCount: 0, bookings: [] });
    expect(codeOf(await as('c03', CANCEL, { attemptId: attempt.c03 }))).toBe('INVALID_STATE');
  });
});

describe('accommodations', () => {
  it('offers only slots long enough for the oral with extra time', async () => {
    const candidateId = await candidateOf('partnerA', attempt.c03);
    const set = await as('admin', `mutation ($id: ID!) { setAccommodation(candidateId: $id, input: { kinds: [EXTRA_TIME], extraTimeMinutes: 10 }) { id } }`, { id: candidateId });
    expect(set.errors).toBeUndefined();
    const bookable = (await as('c03', BOOKABLE, { attemptId: attempt.c03 })).data!.bookableSlots as { id: string; durationMinutes: number }[];
    expect(bookable.length).toBeGreaterThan(0);
    expect(bookable.every((s) => s.durationMinutes >= 40)).toBe(true);
    expect(bookable.map((s) => s.id)).not.toContain(slot.a);
    const tooShort = await as('c03', BOOK, { attemptId: attempt.c03, slotId: slot.a });
    expect(tooShort.errors![0].extensions!.fields[0].message).toContain('40 min');
    const longSlot = bookable.find((s) => s.id === slot.b || s.id === slot.c) ?? bookable[0];
    expect((await as('c03', BOOK, { attemptId: attempt.c03, slotId: longSlot.id })).errors).toBeUndefined();
    const assigned = await as('admin', ASSIGN, { attemptId: attempt.c03, juryId: jury.adHoc });
    expect(assigned.data!.assignJury.extraTimeMinutes).toBe(10);
    // A later change of accommodation reaches the oral that has not started.
    await as('admin', `mutation ($id: ID!) { setAccommodation(candidateId: $id, input: { kinds: [EXTRA_TIME], extraTimeMinutes: 5 }) { id } }`, { id: candidateId });
    expect((await as('juror1', `query ($id: ID!) { oral(id: $id) { extraTimeMinutes } }`, { id: assigned.data!.assignJury.id })).data!.oral.extraTimeMinutes).toBe(5);
    c03OralId = assigned.data!.assignJury.id;
  });
});

describe('identity and fraud', () => {
  let oralId = '';
  let version = 0;
  const oral = async () => (await as('juror6', ORAL_STATE, { id: oralId })).data!.oral;

  it('checks the jury again before the oral starts: a conflict declared since then stops it', async () => {
    oralId = (await sessionSlots()).find((s) => s.id === slot.c13)!.bookings[0].oral!.id;
    version = (await oral()).version;
    const declared = await as('juror2', DECLARE, { input: { candidateId: await candidateOf('partnerB', attempt.c13), reason: 'Voisine de palier depuis dix ans.' } });
    expect(declared.errors).toBeUndefined();
    const stopped = await as('juror6', CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: version });
    expect(codeOf(stopped)).toBe('JUROR_INELIGIBLE');
    expect(stopped.errors![0].message).toContain('Voisine de palier');

    const replacement = await as('admin', COMPOSE, { input: { certificationId, name: 'Jury de remplacement' }, members: [president(6), juror(4)] });
    const juror2Events = collect(wsClient(server.wsUrl, token.juror2), SCHEDULE_EVENTS, {}, 1);
    await juror2Events.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await as('admin', ASSIGN, { attemptId: attempt.c13, juryId: replacement.data!.composeJury.id })).errors).toBeUndefined();
    expect((await juror2Events.done)[0].scheduleEvents).toMatchObject({ type: 'ORAL_UNASSIGNED', oralId });
    expect((await as('juror2', ORAL_STATE, { id: oralId })).data!.oral).toBeNull();
  });

  it('lets only the president confirm the identity, recording the document type only', async () => {
    version = (await oral()).version;
    expect(codeOf(await as('juror4', CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: version }))).toBe('FORBIDDEN');
    const bogus = await as('juror6', CONFIRM_IDENTITY, { oralId, doc: 'PHOTO_OF_THE_CARD', v: version });
    expect(bogus.errors).toBeDefined();
    const confirmed = await as('juror6', CONFIRM_IDENTITY, { oralId, doc: 'PASSPORT', v: version });
    expect(confirmed.data!.confirmCandidateIdentity).toMatchObject({ phase: 'IDENTITY_CHECKED', identityDocumentType: 'PASSPORT' });
    version = confirmed.data!.confirmCandidateIdentity.version;
    const plainMove = await as('juror6', MOVE, { oralId, to: 'IDENTITY_CHECKED', v: version });
    expect(codeOf(plainMove)).toBe('INVALID_STATE');
  });

  it('freezes the attempt on a fraud report until an admin dismisses or confirms it', async () => {
    const statement = 'Le candidat consulte un second écran hors champ pendant la présentation.';
    expect(codeOf(await as('juror4', REPORT_FRAUD, { oralId, statement, v: version }))).toBe('FORBIDDEN');
    expect(codeOf(await as('juror6', REPORT_FRAUD, { oralId, statement: 'Court.', v: version }))).toBe('VALIDATION_FAILED');
    const reported = await as('juror6', REPORT_FRAUD, { oralId, statement, v: version });
    expect(reported.data!.reportFraud.lockedAt).not.toBeNull();
    version = reported.data!.reportFraud.version;
    expect(await stateOf('c13')).toBe('FROZEN');
    expect(codeOf(await as('juror6', MOVE, { oralId, to: 'PRESENTATION', v: version }))).toBe('INVALID_STATE');
    expect(codeOf(await as('c13', CANCEL, { attemptId: attempt.c13 }))).toBe('INVALID_STATE');

    const pending = (await as('admin', FRAUD_REPORTS, {})).data!.fraudReports;
    expect(pending).toEqual([expect.objectContaining({ statement, status: 'PENDING', attempt: { id: attempt.c13, state: 'FROZEN' }, oral: { id: oralId } })]);
    expect(codeOf(await as('admin', REVIEW, { id: pending[0].id, outcome: 'DISMISSED', reason: '' }))).toBe('VALIDATION_FAILED');
    const dismissed = await as('admin', REVIEW, { id: pending[0].id, outcome: 'DISMISSED', reason: 'Second écran éteint, vérifié par la visio.' });
    expect(dismissed.data!.reviewFraudReport.status).toBe('DISMISSED');
    expect(await stateOf('c13')).toBe('SCHEDULED');
    version = (await oral()).version;
    expect((await oral()).lockedAt).toBeNull();
    const resumed = await as('juror6', MOVE, { oralId, to: 'PRESENTATION', v: version });
    expect(resumed.data!.moveOralPhase.phase).toBe('PRESENTATION');
    version = resumed.data!.moveOralPhase.version;
    expect(await stateOf('c13')).toBe('IN_EVALUATION');

    const again = await as('juror6', REPORT_FRAUD, { oralId, statement: 'Le candidat lit manifestement un texte rédigé par un tiers.', v: version });
    expect(again.errors).toBeUndefined();
    const [report] = (await as('admin', FRAUD_REPORTS, {})).data!.fraudReports;
    expect((await as('admin', REVIEW, { id: report.id, outcome: 'CONFIRMED', reason: 'Texte retrouvé en ligne.' })).data!.reviewFraudReport.status).toBe('CONFIRMED');
    expect(await stateOf('c13')).toBe('FROZEN');
    expect((await oral()).fraudReview).toBe('CONFIRMED');
    expect(codeOf(await as('admin', REVIEW, { id: report.id, outcome: 'DISMISSED', reason: 'Changement d’avis.' }))).toBe('INVALID_STATE');

    const audit = await as('admin', `query ($id: ID!) { auditEntries(entityType: "Oral", entityId: $id) { action } }`, { id: oralId });
    expect(audit.data!.auditEntries.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['oral.juryAssigned', 'oral.identityConfirmed', 'oral.fraudReported', 'oral.phase']),
    );
  });

  it('keeps a frozen attempt frozen: no cancellation, no new booking, until the review', async () => {
    const { version } = (await as('juror1', ORAL_STATE, { id: c03OralId })).data!.oral;
    const reported = await as('juror1', REPORT_FRAUD, { oralId: c03OralId, statement: 'Une autre personne se présente sous le nom du candidat.', v: version });
    expect(reported.errors).toBeUndefined();
    expect(await stateOf('c03')).toBe('FROZEN');
    expect(codeOf(await as('c03', CANCEL, { attemptId: attempt.c03 }))).toBe('INVALID_STATE');
    expect(codeOf(await as('c03', BOOK, { attemptId: attempt.c03, slotId: slot.a }))).toBe('ALREADY_BOOKED');
    expect(await stateOf('c03')).toBe('FROZEN');
    const [report] = (await as('admin', FRAUD_REPORTS, {})).data!.fraudReports.filter((r: any) => r.attempt.id === attempt.c03);
    await as('admin', REVIEW, { id: report.id, outcome: 'DISMISSED', reason: 'Identité confirmée par le centre d’examen.' });
    expect(await stateOf('c03')).toBe('SCHEDULED');
  });
});
