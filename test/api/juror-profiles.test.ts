// Juror profiles (issue 19, part 2) through the API of a real server: admins record the certifications a juror may
// assess, their availability and trainer links; a juror declares their own availability. Eligibility reads the
// profile: editing it lists the upcoming juries it now excludes the juror from (with the reasons), and composing or
// changing a jury with that juror is then refused. Validation writes nothing; jurors and partners are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const token: Record<string, string> = {};
const id: Record<string, string> = {};
let certificationId = '';
let otherCertificationId = '';
let sessionId = '';
let slotId = '';
let juryId = '';
let c13Attempt = '';

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const PROFILE = `mutation ($jurorId: ID!, $input: JurorProfileInput!) {
  updateJurorProfile(jurorId: $jurorId, input: $input) {
    juror { id profile { employer certifications { id } availableDays trainerAt { id } } }
    ineligibleJuries { jury { id name } reasons { code message } }
  }
}`;
const MY_AVAILABILITY = `mutation ($days: [String!]!) { setMyAvailability(availableDays: $days) { ineligibleJuries { jury { id } reasons { code message } } } }`;
const MY_PROFILE = `{ myJurorProfile { availableDays certifications { id } employer } }`;
const JUROR = `query ($id: ID!) { juror(id: $id) { id displayName profile { employer profession isCertifierEmployee availableDays certifications { id code } trainerAt { id } conflicts { id } } } }`;
const COMPOSE = `mutation ($input: ComposeJuryInput!, $members: [JuryMemberInput!]!) { composeJury(input: $input, members: $members) { id version } }`;
const UPDATE_MEMBERS = `mutation ($juryId: ID!, $v: Int!, $members: [JuryMemberInput!]!) { updateJuryMembers(juryId: $juryId, expectedVersion: $v, members: $members) { id version } }`;
const ELIGIBILITY = `query ($attemptId: ID!) { jurorEligibility(attemptId: $attemptId) { eligible reasons { code } juror { id } } }`;

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const sessionDay = day(45);
const member = (n: number, role = 'MEMBER') => ({ jurorId: id[`juror${n}`], role });
/** The answer for this test's jury only (the demo's own upcoming juries are re-checked too). */
const ours = (list: { jury: { id: string } }[]) => list.filter((item) => item.jury.id === juryId);

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = { admin: 'admin', partnerA: 'partner-a', juror1: 'juror1', juror2: 'juror2', juror3: 'juror3', juror4: 'juror4', c13: 'candidate13' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  for (const n of [1, 2, 3, 4]) id[`juror${n}`] = (await as(`juror${n}`, '{ me { id } }')).data!.me.id;
  const certifications = (await as('admin', '{ certifications { id code } }')).data!.certifications as { id: string; code: string }[];
  certificationId = certifications.find((c) => c.code === 'RS5302')!.id;
  otherCertificationId = certifications.find((c) => c.code !== 'RS5302')!.id;
  const partners = (await as('admin', '{ partners { id name } }')).data!.partners as { id: string; name: string }[];
  id.partnerA = partners.find((p) => p.name === 'Formapro Conseil')!.id;
  id.partnerB = partners.find((p) => p.name === 'Atelier Compétences')!.id;
  c13Attempt = (await as('c13', '{ myAttempts { id } }')).data!.myAttempts[0].id;

  // A session in 45 days, one slot, a jury of three (juror1 presides).
  const session = await as('admin', `mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id } }`, {
    input: { certificationId, title: 'Session profils', startsAt: `${sessionDay}T07:00:00.000Z`, endsAt: `${sessionDay}T16:00:00.000Z`, mode: 'REMOTE', remoteLink: 'https://visio.example.fr/profils' },
  });
  sessionId = session.data!.createExamSession.id;
  const slots = await as('admin', `mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id } } }`, {
    id: sessionId,
    slots: [{ startsAt: `${sessionDay}T08:00:00.000Z` }],
  });
  slotId = slots.data!.addSlots.slots[0].id;
  const jury = await as('admin', COMPOSE, { input: { certificationId, examSessionId: sessionId, name: 'Jury profils' }, members: [member(1, 'PRESIDENT'), member(2), member(3)] });
  expect(jury.errors).toBeUndefined();
  juryId = jury.data!.composeJury.id;
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('juror profile edited by admins', () => {
  it('saves employer, certifications and availability, and lists no jury while nothing changes eligibility', async () => {
    const saved = await as('admin', PROFILE, {
      jurorId: id.juror2,
      input: { employer: 'Groupe Hôtelier du Rhône', certificationIds: [certificationId], availableDays: [day(60), sessionDay, sessionDay] },
    });
    expect(saved.errors).toBeUndefined();
    const { juror, ineligibleJuries } = saved.data!.updateJurorProfile;
    expect(ours(ineligibleJuries)).toEqual([]);
    // juror2 also sits on a demo jury in December, on a day now missing from their availability.
    expect(ineligibleJuries.map((item: any) => item.reasons.map((r: any) => r.code))).toEqual([['UNAVAILABLE']]);
    expect(juror.profile).toEqual({ employer: 'Groupe Hôtelier du Rhône', certifications: [{ id: certificationId }], availableDays: [sessionDay, day(60)], trainerAt: [] });
    const read = await as('admin', JUROR, { id: id.juror2 });
    expect(read.data!.juror.profile).toMatchObject({ employer: 'Groupe Hôtelier du Rhône', availableDays: [sessionDay, day(60)] });
    expect((await as('juror2', MY_PROFILE)).data!.myJurorProfile).toEqual({ availableDays: [sessionDay, day(60)], certifications: [{ id: certificationId }], employer: 'Groupe Hôtelier du Rhône' });
  });

  it('refuses bad input with typed, translated errors and writes nothing', async () => {
    const badDay = await as('admin', PROFILE, { jurorId: id.juror2, input: { employer: 'Autre', availableDays: ['2027-02-30', 'demain'] } }, 'en');
    expect(codeOf(badDay)).toBe('VALIDATION_FAILED');
    expect(badDay.errors![0].extensions!.fields).toEqual([
      { path: ['input', 'availableDays', 0], message: expect.stringContaining('Invalid availability date') },
      { path: ['input', 'availableDays', 1], message: expect.stringContaining('Invalid availability date') },
    ]);
    const tooFar = await as('admin', PROFILE, { jurorId: id.juror2, input: { availableDays: [day(900)] } });
    expect(tooFar.errors![0].extensions!.fields[0].message).toContain('Date de disponibilité invalide');
    const unknownCertification = await as('admin', PROFILE, { jurorId: id.juror2, input: { employer: 'Autre', certificationIds: [certificationId, '00000000-0000-4000-8000-000000000000'] } });
    expect(codeOf(unknownCertification)).toBe('VALIDATION_FAILED');
    expect(unknownCertification.errors![0].extensions!.fields[0].path).toEqual(['input', 'certificationIds']);
    const notAJuror = await as('admin', PROFILE, { jurorId: (await as('admin', '{ me { id } }')).data!.me.id, input: { employer: 'X' } });
    expect(codeOf(notAJuror)).toBe('NOT_FOUND');
    // Nothing of the refused edits was written (employer unchanged).
    expect((await as('admin', JUROR, { id: id.juror2 })).data!.juror.profile.employer).toBe('Groupe Hôtelier du Rhône');
  });

  it('is for admins only: a juror or a partner is refused, and a juror reads only their own profile', async () => {
    for (const who of ['juror1', 'partnerA', 'c13']) {
      expect(codeOf(await as(who, PROFILE, { jurorId: id.juror2, input: { employer: 'X' } }))).toBe('FORBIDDEN');
      expect(codeOf(await as(who, JUROR, { id: id.juror2 }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await as('partnerA', MY_AVAILABILITY, { days: [sessionDay] }))).toBe('FORBIDDEN');
    expect(codeOf(await as('admin', MY_PROFILE))).toBe('FORBIDDEN');
    expect((await as('juror4', MY_PROFILE)).data!.myJurorProfile).toMatchObject({ availableDays: [], certifications: [] });
  });
});

describe('a profile edit re-checks the juries the juror sits on', () => {
  it('lists the jury a certification restriction now excludes the juror from, then refuses them when composing', async () => {
    const saved = await as('admin', PROFILE, { jurorId: id.juror2, input: { certificationIds: [otherCertificationId] } }, 'en');
    expect(saved.errors).toBeUndefined();
    expect(ours(saved.data!.updateJurorProfile.ineligibleJuries)).toEqual([
      { jury: { id: juryId, name: 'Jury profils' }, reasons: [{ code: 'NOT_QUALIFIED_FOR_CERTIFICATION', message: expect.stringContaining('may not assess the certification RS5302') }] },
    ]);
    const compose = await as('admin', COMPOSE, { input: { certificationId, examSessionId: sessionId, name: 'Jury bis' }, members: [member(1, 'PRESIDENT'), member(2)] });
    expect(codeOf(compose)).toBe('JUROR_INELIGIBLE');
    expect(compose.errors![0].extensions!.ineligible).toEqual([expect.objectContaining({ code: 'NOT_QUALIFIED_FOR_CERTIFICATION', jurorId: id.juror2 })]);
    expect(compose.errors![0].message).toContain("n'est pas habilité(e) à évaluer la certification RS5302");
  });

  it('lists the jury a juror’s own availability now excludes them from, with the day, and refuses them in a new composition', async () => {
    const declared = await as('juror3', MY_AVAILABILITY, { days: [day(50)] });
    expect(declared.errors).toBeUndefined();
    expect(ours(declared.data!.setMyAvailability.ineligibleJuries)).toEqual([{ jury: { id: juryId }, reasons: [{ code: 'UNAVAILABLE', message: expect.stringContaining(sessionDay) }] }]);
    const bad = await as('juror3', MY_AVAILABILITY, { days: ['31/12/2027'] });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect((await as('juror3', MY_PROFILE)).data!.myJurorProfile.availableDays).toEqual([day(50)]);

    const version = (await as('admin', `query ($s: ID!) { juries(examSessionId: $s) { id version } }`, { s: sessionId })).data!.juries.find((j: any) => j.id === juryId).version;
    const keep = await as('admin', UPDATE_MEMBERS, { juryId, v: version, members: [member(1, 'PRESIDENT'), member(3)] });
    expect(codeOf(keep)).toBe('JUROR_INELIGIBLE');
    expect(keep.errors![0].extensions!.ineligible.map((r: any) => [r.code, r.jurorId])).toEqual([['UNAVAILABLE', id.juror3]]);
    // Replacing both ineligible jurors is accepted.
    const replaced = await as('admin', UPDATE_MEMBERS, { juryId, v: version, members: [member(1, 'PRESIDENT'), member(4)] });
    expect(replaced.errors).toBeUndefined();
  });

  it('lists the jury a new trainer link excludes the juror from once a candidate of that partner is booked before it', async () => {
    const booked = await as('c13', `mutation ($a: ID!, $s: ID!) { bookSlot(attemptId: $a, slotId: $s) { oral { id } } }`, { a: c13Attempt, s: slotId });
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookSlot.oral).not.toBeNull(); // the session's only jury took the oral
    const seenByA = (await as('partnerA', `{ candidates(first: 100) { edges { node { attempts { id } } } } }`)).data!.candidates.edges as any[];
    const partnerOfC13 = seenByA.some((edge) => edge.node.attempts.some((a: any) => a.id === c13Attempt)) ? id.partnerA : id.partnerB;
    const saved = await as('admin', PROFILE, { jurorId: id.juror4, input: { trainerAtPartnerIds: [partnerOfC13] } });
    expect(saved.errors).toBeUndefined();
    expect(ours(saved.data!.updateJurorProfile.ineligibleJuries).map((item: any) => [item.jury.id, item.reasons.map((r: any) => r.code)])).toEqual([[juryId, ['TRAINER_OF_PARTNER']]]);
    // The eligibility list for the booked candidate shows the same reason.
    const eligibility = (await as('admin', ELIGIBILITY, { attemptId: c13Attempt })).data!.jurorEligibility as any[];
    expect(eligibility.find((row) => row.juror.id === id.juror4)).toMatchObject({ eligible: false, reasons: [{ code: 'TRAINER_OF_PARTNER' }] });
    expect(eligibility.find((row) => row.juror.id === id.juror2)).toMatchObject({ eligible: false, reasons: [{ code: 'NOT_QUALIFIED_FOR_CERTIFICATION' }] });
    // Lifting the restrictions (empty lists) makes the jury eligible again.
    const lifted = await as('admin', PROFILE, { jurorId: id.juror4, input: { trainerAtPartnerIds: [] } });
    expect(ours(lifted.data!.updateJurorProfile.ineligibleJuries)).toEqual([]);
  });
});
