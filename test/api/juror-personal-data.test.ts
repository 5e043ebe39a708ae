// A juror's access to a candidate's personal fields (e-mail, birth date and code, sex, CPF file number) ends
// JUROR_PERSONAL_DATA_DAYS after the oral's minutes are signed (issue 21); the oral itself stays readable. Here the
// window is 0 days: every signed oral has closed it, an oral not signed yet keeps it open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
const PERSONAL = 'query ($id: ID!) { candidate(id: $id) { id firstName email birthDate birthInseeCode sex cpfFileNumber } }';

beforeAll(async () => {
  server = await startIsolatedServer({ env: { JUROR_PERSONAL_DATA_DAYS: '0' } });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('a juror and the candidate’s personal fields', () => {
  it('are withheld once the minutes are signed (window 0 days), kept while the oral is not signed; the oral stays readable', async () => {
    let signed: { token: string; oralId: string; candidateId: string } | undefined;
    let open: { token: string; candidateId: string } | undefined;
    for (const juror of ['juror1', 'juror2', 'juror3', 'juror4']) {
      const token = await loginAs(server.graphqlUrl, `${juror}@demo.certijury.fr`);
      const orals = (await gql(server.graphqlUrl, '{ myOrals { id phase candidateId } }', {}, { token })).data!.myOrals as { id: string; phase: string; candidateId: string }[];
      const done = orals.find((oral) => oral.phase === 'SIGNED');
      const notSigned = orals.find((oral) => oral.phase !== 'SIGNED' && !orals.some((other) => other.candidateId === oral.candidateId && other.phase === 'SIGNED'));
      if (done && !signed && !orals.some((other) => other.candidateId === done.candidateId && other.phase !== 'SIGNED')) signed = { token, oralId: done.id, candidateId: done.candidateId };
      if (notSigned && !open) open = { token, candidateId: notSigned.candidateId };
    }
    expect(signed, 'a juror with a signed oral in the demo data').toBeDefined();
    expect(open, 'a juror with an oral not signed yet in the demo data').toBeDefined();

    const after = (await gql(server.graphqlUrl, PERSONAL, { id: signed!.candidateId }, { token: signed!.token })).data!.candidate;
    expect(after).toMatchObject({ id: signed!.candidateId, email: null, birthDate: null, birthInseeCode: null, sex: null, cpfFileNumber: null });
    const oral = await gql(server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { id phase candidateName } }', { id: signed!.oralId }, { token: signed!.token });
    expect(oral.data!.oral).toMatchObject({ id: signed!.oralId, phase: 'SIGNED' });

    const during = (await gql(server.graphqlUrl, PERSONAL, { id: open!.candidateId }, { token: open!.token })).data!.candidate;
    expect(during.email).toMatch(/@/);

    // Admins are not concerned by the jurors' window.
    const admin = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    expect((await gql(server.graphqlUrl, PERSONAL, { id: signed!.candidateId }, { token: admin })).data!.candidate.email).toMatch(/@/);
  });
});
