// Candidates get their account from their registration (issue 19): a partner registers a candidate (one by one
// or in bulk) and she receives an invitation to her candidate area by e-mail; she chooses a password and sees
// her attempt; the partner sees each candidate's account state and can resend the invitation; an address
// already known as a candidate account is linked, not duplicated; an address of a staff account gets none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { TestSmtp, linkIn, type ReceivedMail } from '../support/smtp.ts';

const STRONG = 'cheval-agrafe-pluie-orange';
const REGISTER = `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id account { state invitationExpiresAt } } }`;
const BULK = `mutation ($candidates: [BulkCandidateInput!]!) { registerCandidates(candidates: $candidates) { rows { fileNumber candidateId status } } }`;
const ACCOUNT_OF = `query ($id: ID!) { candidate(id: $id) { id account { state } } }`;

describe('candidate accounts from registration', () => {
  const smtp = new TestSmtp(false);
  let server: TestServer;
  let partner: string;
  let otherPartner: string;

  beforeAll(async () => {
    await smtp.start();
    server = await startIsolatedServer({ env: { SMTP_URL: smtp.smtpUrl, NOTIFICATION_POLL_MS: '50' } });
    partner = await loginAs(server.graphqlUrl, 'partner-a@demo.certijury.fr');
    otherPartner = await loginAs(server.graphqlUrl, 'partner-b@demo.certijury.fr');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await smtp.stop();
  });

  async function mailTo(to: string, after = 0): Promise<ReceivedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = smtp.accepted.filter((mail) => mail.to.includes(to));
      if (mails.length > after) return mails[after];
      if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const api = (query: string, variables: Record<string, unknown>, token?: string) => gql(server.graphqlUrl, query, variables, { token });
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

  let candidateId: string;
  it('invites a candidate registered by her partner; she chooses a password and sees her attempt', async () => {
    const registered = await api(REGISTER, { input: { certificationCode: 'RS5302', fileNumber: 'ACC-1', email: 'Ines.Morel@example.fr', birthName: 'Morel', firstName: 'Inès' } }, partner);
    expect(registered.errors).toBeUndefined();
    candidateId = registered.data!.registerCandidate.id;
    expect(registered.data!.registerCandidate.account.state).toBe('INVITED');
    const mail = await mailTo('ines.morel@example.fr');
    expect(mail.subject).toMatch(/^Votre espace candidat : /);
    const link = linkIn(mail, '/account/set-password')!;
    const set = await api(`mutation ($token: String!, $password: String!) { setPasswordWithLink(token: $token, password: $password) { token viewer { role } } }`, { token: tokenOf(link), password: STRONG });
    expect(set.data!.setPasswordWithLink.viewer.role).toBe('CANDIDATE');
    const mine = await api('{ myAttempts { certification { code } } }', {}, set.data!.setPasswordWithLink.token);
    expect(mine.data!.myAttempts).toEqual([{ certification: { code: 'RS5302' } }]);
    expect((await api(ACCOUNT_OF, { id: candidateId }, partner)).data!.candidate.account.state).toBe('ACTIVE');
    // A retried registration creates nothing and invites nobody twice.
    await api(REGISTER, { input: { certificationCode: 'RS5302', fileNumber: 'ACC-1', email: 'ines.morel@example.fr', birthName: 'Morel', firstName: 'Inès' } }, partner);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.accepted.filter((m) => m.to.includes('ines.morel@example.fr'))).toHaveLength(1);
  }, 60_000);

  it('invites every candidate of a bulk registration; staff addresses and repeats get no account', async () => {
    const rows = [
      { certificationCode: 'RS5302', fileNumber: 'ACC-B1', email: 'hugo.bernard@example.fr', birthName: 'Bernard', firstName: 'Hugo' },
      { certificationCode: 'RS5302', fileNumber: 'ACC-B2', email: 'juror1@demo.certijury.fr', birthName: 'Marchand', firstName: 'Hélène' },
      { certificationCode: 'RS5302', fileNumber: 'ACC-B3', email: 'hugo.bernard@example.fr', birthName: 'Bernard', firstName: 'Hugo' },
    ];
    const bulk = await api(BULK, { candidates: rows }, partner);
    expect(bulk.errors).toBeUndefined();
    const ids = bulk.data!.registerCandidates.rows.map((row: any) => row.candidateId);
    const states = await Promise.all(ids.map(async (id: string) => (await api(ACCOUNT_OF, { id }, partner)).data!.candidate.account?.state ?? null));
    expect(states).toEqual(['INVITED', null, null]);
    expect((await mailTo('hugo.bernard@example.fr')).subject).toMatch(/^Votre espace candidat/);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.accepted.filter((m) => m.to.includes('juror1@demo.certijury.fr'))).toHaveLength(0);
  }, 60_000);

  it('lets the partner resend the invitation of its own candidates only', async () => {
    const registered = await api(REGISTER, { input: { certificationCode: 'RS5302', fileNumber: 'ACC-2', email: 'lucie.roy@example.fr', birthName: 'Roy', firstName: 'Lucie' } }, partner);
    const id = registered.data!.registerCandidate.id;
    const first = await mailTo('lucie.roy@example.fr');
    const RESEND = `mutation ($id: ID!) { resendCandidateInvitation(candidateId: $id) { account { state } } }`;
    expect((await api(RESEND, { id }, partner)).data!.resendCandidateInvitation.account.state).toBe('INVITED');
    const second = await mailTo('lucie.roy@example.fr', 1);
    const status = async (link: string) => (await api(`query ($t: String!) { accountLink(token: $t) { status } }`, { t: tokenOf(link) })).data!.accountLink.status;
    expect(await status(linkIn(first, '/account/')!)).toBe('REVOKED');
    expect(await status(linkIn(second, '/account/')!)).toBe('VALID');
    expect((await api(RESEND, { id }, otherPartner)).errors![0].extensions!.code).toBe('NOT_FOUND');
    // An active account has nothing to resend.
    expect((await api(RESEND, { id: candidateId }, partner)).errors![0].extensions!.code).toBe('VALIDATION_FAILED');
  }, 60_000);
});
