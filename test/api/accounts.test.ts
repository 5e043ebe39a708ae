// Accounts from an empty database (issue 19), through real server processes and a real SMTP server that
// captures every mail: the server says no admin exists; `pnpm admin:create` creates the certifier and its first
// admin and prints a one-time link (again: a new link, the old one revoked); links are single-use, expire, and
// refuse a weak password without being spent; admins invite jurors and admins, create partners with their first
// user; partner users invite colleagues of their own organisation only; invitations are resent and revoked;
// "mot de passe oublié" answers the same for unknown addresses and is rate-limited; a password change ends the
// other sessions; a change of e-mail is confirmed from the new address; deactivation ends sessions at once,
// and two admins deactivating each other at the same moment cannot leave the certifier without one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql } from '../support/graphql.ts';
import { TestSmtp, linkIn, type ReceivedMail } from '../support/smtp.ts';
import { openSocket } from '../support/raw-socket.ts';

const root = resolve(import.meta.dirname, '../..');
const PUBLIC_URL = 'http://certijury.test';
const STRONG = 'cheval-agrafe-pluie-orange';

const LINK = `query ($token: String!) { accountLink(token: $token) { status purpose email } }`;
const SET_PASSWORD = `mutation ($token: String!, $password: String!) { setPasswordWithLink(token: $token, password: $password) { token viewer { email role } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const ME = '{ me { id email role } }';
const PEOPLE = '{ people(first: 50) { edges { node { id email role state partner { name } invitationExpiresAt } } } }';

function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/modules/account/admin-create-cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => resolveRun({ code, out }));
  });
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

describe('accounts from an empty database', () => {
  const smtp = new TestSmtp(false);
  let dataDir: string;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let server: TestServer;
  let env: Record<string, string | undefined>;
  let adminToken: string;

  const api = (query: string, variables?: Record<string, unknown>, token?: string, locale = 'fr') => gql(server.graphqlUrl, query, variables, { token, locale });

  /** The next captured mail to `to` (waits for the outbox to deliver it). */
  async function mailTo(to: string, after = 0): Promise<ReceivedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = smtp.accepted.filter((mail) => mail.to.includes(to));
      if (mails.length > after) return mails[after];
      if (Date.now() > deadline) throw new Error(`no mail to ${to} (after ${after})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const mailsTo = (to: string) => smtp.accepted.filter((mail) => mail.to.includes(to)).length;

  beforeAll(async () => {
    await smtp.start();
    dataDir = mkdtempSync(join(tmpdir(), 'certijury-accounts-'));
    database = await freshPostgresDatabase();
    env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      SEED_DEMO: 'false',
      PUBLIC_URL,
      SMTP_URL: smtp.smtpUrl,
      NOTIFICATION_POLL_MS: '50',
    };
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await smtp.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty database and says that no admin exists (log and /readyz)', async () => {
    server = await startServer({ databaseUrl: database?.url, env });
    expect(server.output()).toMatch(/pnpm admin:create/);
    const ready = await (await fetch(`${server.url}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', admin: 'missing' });
    await server.stop();
  }, 60_000);

  let firstLink: string;
  it('creates the certifier and its first admin with `pnpm admin:create`, and prints a new link when run again', async () => {
    const missing = await runCli(['--email', 'alice.martin@certif.test'], env);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/No certifier exists yet/);

    const args = ['--email', 'Alice.Martin@certif.test', '--name', 'Alice Martin', '--certifier', 'Certif Test', '--siret', '12345678901234', '--cdc-client-id', 'CLT00001'];
    const first = await runCli(args, env);
    expect(first.code, first.out).toBe(0);
    firstLink = /(http:\/\/\S+)/.exec(first.out)![1];
    expect(firstLink).toMatch(/^http:\/\/certijury\.test\/account\/set-password\?token=cja_/);
    const again = await runCli(['--email', 'alice.martin@certif.test'], env);
    expect(again.code, again.out).toBe(0);
    const secondLink = /(http:\/\/\S+)/.exec(again.out)![1];
    expect(secondLink).not.toBe(firstLink);

    server = await startServer({ databaseUrl: database?.url, env });
    expect((await api(LINK, { token: tokenOf(firstLink) })).data!.accountLink).toEqual({ status: 'REVOKED', purpose: 'INVITATION', email: null });
    expect((await api(LINK, { token: tokenOf(secondLink) })).data!.accountLink).toEqual({ status: 'VALID', purpose: 'INVITATION', email: 'alice.martin@certif.test' });
    firstLink = secondLink;
  }, 120_000);

  it('refuses a weak password without spending the link, then sets it once and signs in', async () => {
    const token = tokenOf(firstLink);
    const weak = await api(SET_PASSWORD, { token, password: 'motdepasse123' });
    expect(codeOf(weak)).toBe('VALIDATION_FAILED');
    expect(weak.errors![0].extensions!.fields[0]).toMatchObject({ path: ['password'] });
    expect(weak.errors![0].extensions!.fields[0].message).toMatch(/trop facile à deviner/);
    const weakEn = await api(SET_PASSWORD, { token, password: 'short' }, undefined, 'en');
    expect(weakEn.errors![0].extensions!.fields[0].message).toMatch(/at least 10 characters/);
    expect((await api(LINK, { token })).data!.accountLink.status).toBe('VALID');

    // Two simultaneous uses of one link: exactly one sets the password.
    const [a, b] = await Promise.all([api(SET_PASSWORD, { token, password: STRONG }), api(SET_PASSWORD, { token, password: STRONG })]);
    const ok = [a, b].filter((result) => !result.errors);
    expect(ok).toHaveLength(1);
    expect([a, b].map(codeOf).filter(Boolean)).toEqual(['TOKEN_USED']);
    adminToken = ok[0].data!.setPasswordWithLink.token;
    expect(ok[0].data!.setPasswordWithLink.viewer).toEqual({ email: 'alice.martin@certif.test', role: 'ADMIN' });
    expect((await api(LINK, { token })).data!.accountLink.status).toBe('USED');
    expect(codeOf(await api(SET_PASSWORD, { token, password: STRONG }))).toBe('TOKEN_USED');
    expect(codeOf(await api(SET_PASSWORD, { token: 'cja_forged', password: STRONG }))).toBe('NOT_FOUND');
    expect((await api(LINK, { token: 'cja_forged' })).data!.accountLink.status).toBe('UNKNOWN');
    const login = await api(LOGIN, { email: 'alice.martin@certif.test', password: STRONG });
    expect(login.errors).toBeUndefined();
    const ready = await (await fetch(`${server.url}/readyz`)).json();
    expect(ready).toEqual({ status: 'ready', database: 'ok' });
  }, 60_000);

  let jurorToken: string;
  it('lets an admin invite a juror by e-mail; the juror chooses a password from the mail and signs in', async () => {
    const invite = await api(
      `mutation ($input: InviteStaffInput!) { inviteStaff(input: $input) { id email role state invitationExpiresAt } }`,
      { input: { email: 'Jean.Dupont@jury.test', displayName: 'Jean Dupont', role: 'JUROR' } },
      adminToken,
    );
    expect(invite.errors).toBeUndefined();
    expect(invite.data!.inviteStaff).toMatchObject({ email: 'jean.dupont@jury.test', role: 'JUROR', state: 'INVITED' });
    const expires = Date.parse(invite.data!.inviteStaff.invitationExpiresAt);
    expect(expires - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000); // 7 days by default
    const mail = await mailTo('jean.dupont@jury.test');
    expect(mail.subject).toBe('Invitation à rejoindre Certif Test sur Certijury');
    const link = linkIn(mail, '/account/set-password')!;
    expect(link.startsWith(`${PUBLIC_URL}/account/set-password?token=`)).toBe(true);
    const set = await api(SET_PASSWORD, { token: tokenOf(link), password: STRONG });
    expect(set.errors).toBeUndefined();
    jurorToken = set.data!.setPasswordWithLink.token;
    expect((await api(ME, {}, jurorToken)).data!.me).toMatchObject({ email: 'jean.dupont@jury.test', role: 'JUROR' });

    // The same address again, or the address of an account of another role: refused with the reason.
    const twice = await api(`mutation ($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }`, { input: { email: 'alice.martin@certif.test', displayName: 'Alice', role: 'JUROR' } }, adminToken);
    expect(codeOf(twice)).toBe('VALIDATION_FAILED');
    expect(twice.errors![0].extensions!.fields[0].message).toMatch(/déjà celle d’un compte \(administrateur\)/);
    // A juror may not invite anyone.
    expect(codeOf(await api(`mutation ($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }`, { input: { email: 'x@jury.test', displayName: 'X Y', role: 'JUROR' } }, jurorToken))).toBe('FORBIDDEN');
  }, 60_000);

  let partnerToken: string;
  let otherPartnerId: string;
  it('lets an admin create partners with their first user; partner users invite colleagues of their own organisation only', async () => {
    const CREATE = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { id name } }`;
    const created = await api(CREATE, { input: { name: 'Formation Sud', siret: '11111111111111', declarationNumber: '93131234567', contactEmail: 'contact@sud.test', firstUser: { email: 'paul@sud.test', displayName: 'Paul Roux' } } }, adminToken);
    expect(created.errors).toBeUndefined();
    const other = await api(CREATE, { input: { name: 'Formation Nord', siret: '22222222222222', firstUser: { email: 'nina@nord.test', displayName: 'Nina Lenoir', locale: 'en' } } }, adminToken);
    otherPartnerId = other.data!.createPartner.id;
    expect(codeOf(await api(CREATE, { input: { name: 'Doublon', siret: '22222222222222', firstUser: { email: 'z@z.test', displayName: 'Zoé Z' } } }, adminToken))).toBe('VALIDATION_FAILED');
    expect((await mailTo('nina@nord.test')).subject).toBe('Invitation to join Formation Nord on Certijury');

    const set = await api(SET_PASSWORD, { token: tokenOf(linkIn(await mailTo('paul@sud.test'), '/account/set-password')!), password: STRONG });
    partnerToken = set.data!.setPasswordWithLink.token;
    const INVITE = `mutation ($partnerId: ID, $input: InviteInput!) { invitePartnerUser(partnerId: $partnerId, input: $input) { id email state partner { name } } }`;
    const colleague = await api(INVITE, { input: { email: 'lea@sud.test', displayName: 'Léa Blanc' } }, partnerToken);
    expect(colleague.data!.invitePartnerUser).toMatchObject({ email: 'lea@sud.test', state: 'INVITED', partner: { name: 'Formation Sud' } });
    expect((await mailTo('lea@sud.test')).subject).toBe('Invitation à rejoindre Formation Sud sur Certijury');
    // Into another organisation: exactly as an unknown partner.
    const elsewhere = await api(INVITE, { partnerId: otherPartnerId, input: { email: 'intrus@sud.test', displayName: 'Intrus' } }, partnerToken);
    const unknown = await api(INVITE, { partnerId: '00000000-0000-4000-8000-000000000000', input: { email: 'intrus@sud.test', displayName: 'Intrus' } }, partnerToken);
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
    expect(codeOf(unknown)).toBe('NOT_FOUND');

    const theirs = (await api(PEOPLE, {}, partnerToken)).data!.people.edges.map((edge: any) => edge.node.email).sort();
    expect(theirs).toEqual(['lea@sud.test', 'paul@sud.test']);
    const all = (await api(PEOPLE, {}, adminToken)).data!.people.edges.map((edge: any) => [edge.node.email, edge.node.state]);
    expect(new Map(all)).toEqual(
      new Map([
        ['alice.martin@certif.test', 'ACTIVE'],
        ['jean.dupont@jury.test', 'ACTIVE'],
        ['paul@sud.test', 'ACTIVE'],
        ['nina@nord.test', 'INVITED'],
        ['lea@sud.test', 'INVITED'],
      ]),
    );
  }, 60_000);

  it('resends an invitation (the earlier link stops working) and revokes one', async () => {
    const nina = (await api(PEOPLE, {}, adminToken)).data!.people.edges.find((edge: any) => edge.node.email === 'nina@nord.test').node;
    const firstMail = await mailTo('nina@nord.test');
    const resent = await api(`mutation ($id: ID!) { resendInvitation(userId: $id) { state } }`, { id: nina.id }, adminToken);
    expect(resent.data!.resendInvitation.state).toBe('INVITED');
    const secondMail = await mailTo('nina@nord.test', 1);
    expect((await api(LINK, { token: tokenOf(linkIn(firstMail, '/account/')!) })).data!.accountLink.status).toBe('REVOKED');
    const revoked = await api(`mutation ($id: ID!) { revokeInvitation(userId: $id) { state } }`, { id: nina.id }, adminToken);
    expect(revoked.data!.revokeInvitation.state).toBe('INVITATION_EXPIRED');
    expect(codeOf(await api(SET_PASSWORD, { token: tokenOf(linkIn(secondMail, '/account/')!), password: STRONG }))).toBe('NOT_FOUND');
    // A partner user cannot touch another organisation's people: as for an unknown id.
    expect(codeOf(await api(`mutation ($id: ID!) { resendInvitation(userId: $id) { state } }`, { id: nina.id }, partnerToken))).toBe('NOT_FOUND');
    // An active account has no invitation to resend.
    const jean = (await api(ME, {}, jurorToken)).data!.me.id;
    expect(codeOf(await api(`mutation ($id: ID!) { resendInvitation(userId: $id) { state } }`, { id: jean }, adminToken))).toBe('VALIDATION_FAILED');
  }, 60_000);

  it('resets a forgotten password by e-mail: same answer for unknown addresses, other sessions ended, rate-limited', async () => {
    const RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
    expect((await api(RESET, { email: 'nobody@nowhere.test' })).data!.requestPasswordReset).toBe(true);
    expect((await api(RESET, { email: 'jean.dupont@jury.test' })).data!.requestPasswordReset).toBe(true);
    const mail = await mailTo('jean.dupont@jury.test', 1);
    expect(mail.subject).toBe('Réinitialisation de votre mot de passe Certijury');
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo('nobody@nowhere.test')).toBe(0);
    const link = linkIn(mail, '/account/set-password')!;
    expect((await api(LINK, { token: tokenOf(link) })).data!.accountLink).toMatchObject({ status: 'VALID', purpose: 'PASSWORD_RESET' });
    const reset = await api(SET_PASSWORD, { token: tokenOf(link), password: `${STRONG}-2` });
    expect(reset.errors).toBeUndefined();
    // The session opened before the reset is over; the new one works.
    expect((await api(ME, {}, jurorToken)).data!.me).toBeNull();
    jurorToken = reset.data!.setPasswordWithLink.token;
    expect((await api(ME, {}, jurorToken)).data!.me.email).toBe('jean.dupont@jury.test');
    // Three requests per address and hour: the fourth is refused, with the time to wait.
    await api(RESET, { email: 'paul@sud.test' });
    await api(RESET, { email: 'paul@sud.test' });
    await api(RESET, { email: 'paul@sud.test' });
    const fourth = await api(RESET, { email: 'paul@sud.test' });
    expect(codeOf(fourth)).toBe('RATE_LIMITED');
    expect(fourth.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
  }, 60_000);

  it('changes the password (asking the current one) and ends the other sessions; changes the e-mail from the new address', async () => {
    const other = (await api(LOGIN, { email: 'jean.dupont@jury.test', password: `${STRONG}-2` })).data!.login.token;
    const otherSocket = await openSocket(server.wsUrl, other);
    const CHANGE = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
    const wrong = await api(CHANGE, { current: 'not-my-password', next: `${STRONG}-3` }, jurorToken);
    expect(codeOf(wrong)).toBe('VALIDATION_FAILED');
    expect(wrong.errors![0].extensions!.fields[0].path).toEqual(['currentPassword']);
    expect((await api(CHANGE, { current: `${STRONG}-2`, next: `${STRONG}-3` }, jurorToken)).data!.changePassword).toBe(true);
    expect((await api(ME, {}, jurorToken)).data!.me).not.toBeNull();
    expect((await api(ME, {}, other)).data!.me).toBeNull();
    // The other device's open socket is closed too (4403), within seconds.
    expect(await Promise.race([otherSocket.closed, new Promise((r) => setTimeout(() => r('open'), 5000))])).toBe(4403);

    const REQUEST = `mutation ($email: String!, $current: String!) { requestEmailChange(newEmail: $email, currentPassword: $current) }`;
    expect(codeOf(await api(REQUEST, { email: 'alice.martin@certif.test', current: `${STRONG}-3` }, jurorToken))).toBe('VALIDATION_FAILED');
    expect((await api(REQUEST, { email: 'jean@nouvelle-adresse.test', current: `${STRONG}-3` }, jurorToken)).data!.requestEmailChange).toBe(true);
    const mail = await mailTo('jean@nouvelle-adresse.test');
    const confirm = await api(`mutation ($token: String!) { confirmEmailChange(token: $token) }`, { token: tokenOf(linkIn(mail, '/account/confirm-email')!) });
    expect(confirm.data!.confirmEmailChange).toBe(true);
    expect((await api(LOGIN, { email: 'jean@nouvelle-adresse.test', password: `${STRONG}-3` })).errors).toBeUndefined();
  }, 60_000);

  it('deactivates an account at once and undoes it; two admins deactivating each other at once leave one active', async () => {
    const jean = (await api(ME, {}, jurorToken)).data!.me.id;
    const socket = await openSocket(server.wsUrl, jurorToken);
    const off = await api(`mutation ($id: ID!) { deactivateUser(userId: $id) { state deactivatedAt } }`, { id: jean }, adminToken);
    expect(off.data!.deactivateUser.state).toBe('DEACTIVATED');
    expect((await api(ME, {}, jurorToken)).data!.me).toBeNull();
    // Her open socket ends at once (4403); an operation on it is refused.
    expect(await Promise.race([socket.closed, new Promise((r) => setTimeout(() => r('open'), 5000))])).toBe(4403);
    expect(codeOf(await api(LOGIN, { email: 'jean@nouvelle-adresse.test', password: `${STRONG}-3` }))).toBe('INVALID_CREDENTIALS');
    const on = await api(`mutation ($id: ID!) { reactivateUser(userId: $id) { state } }`, { id: jean }, adminToken);
    expect(on.data!.reactivateUser.state).toBe('ACTIVE');
    expect((await api(LOGIN, { email: 'jean@nouvelle-adresse.test', password: `${STRONG}-3` })).errors).toBeUndefined();

    // A second admin; then both try to deactivate each other at the same moment.
    await api(`mutation ($input: InviteStaffInput!) { inviteStaff(input: $input) { id } }`, { input: { email: 'bruno@certif.test', displayName: 'Bruno Petit', role: 'ADMIN' } }, adminToken);
    const bruno = (await api(SET_PASSWORD, { token: tokenOf(linkIn(await mailTo('bruno@certif.test'), '/account/')!), password: STRONG })).data!.setPasswordWithLink.token;
    const ids = { alice: (await api(ME, {}, adminToken)).data!.me.id, bruno: (await api(ME, {}, bruno)).data!.me.id };
    expect(codeOf(await api(`mutation ($id: ID!) { deactivateUser(userId: $id) { state } }`, { id: ids.alice }, adminToken))).toBe('VALIDATION_FAILED');
    const DEACTIVATE = `mutation ($id: ID!) { deactivateUser(userId: $id) { state } }`;
    const results = await Promise.all([api(DEACTIVATE, { id: ids.bruno }, adminToken), api(DEACTIVATE, { id: ids.alice }, bruno)]);
    const succeeded = results.filter((result) => !result.errors);
    expect(succeeded).toHaveLength(1);
    const people = (await api(PEOPLE, {}, succeeded[0] === results[0] ? adminToken : bruno)).data!.people.edges.map((edge: any) => edge.node);
    expect(people.filter((person: any) => person.role === 'ADMIN' && person.state === 'ACTIVE')).toHaveLength(1);
  }, 60_000);
});
