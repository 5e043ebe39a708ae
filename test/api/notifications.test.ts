// Notifications through a real server and a real SMTP server (smtp-server on 127.0.0.1): exactly-once delivery
// across a refused first attempt (counted by Message-ID), FAILED after the last attempt and sent again on an
// admin's retry, emails in the recipient's language, in-app notifications in the request's language and live,
// nobody reading or marking another's, and, on a second server without SMTP_URL, notifications that stay
// PENDING in the outbox and in-app. Causes: project file acknowledged, slot booked, booking cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSmtp, plainText } from '../support/smtp.ts';
import pg from 'pg';
import { freshPostgresDatabase, startIsolatedServer, startServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { databaseUrl, titled } from '../support/environment.ts';

const POLL_MS = 150;
const RETRY_BASE_MS = 300;
const MAX_ATTEMPTS = 3;
const PUBLIC_URL = 'http://certijury.test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const NOTIFICATION_FIELDS = 'id template subject text path createdAt readAt';
const MY_NOTIFICATIONS = `query ($unreadOnly: Boolean, $first: Int, $after: String) { myNotifications(unreadOnly: $unreadOnly, first: $first, after: $after) { edges { node { ${NOTIFICATION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const UNREAD = '{ unreadNotificationCount }';
const MARK_READ = 'mutation ($ids: [ID!], $all: Boolean) { markNotificationsRead(ids: $ids, all: $all) { markedCount unreadCount } }';
const OUTBOX = `query ($status: NotificationStatus) { notificationOutbox(status: $status, first: 100) { edges { node { id recipient inAppOnly locale template subject status attempts nextAttemptAt lastError sentAt } } } }`;
const RETRY = 'mutation ($id: ID!) { retryNotification(id: $id) { id status attempts } }';
const SET_LOCALE = 'mutation ($locale: Locale!) { setMyLocale(locale: $locale) }';
const EVENTS = `subscription { notificationEvents { seq type unreadCount notification { ${NOTIFICATION_FIELDS} } } }`;
const FILES_AT_RISK = '{ projectFilesAtRisk { id attempt { id } } }';
const ACK = 'mutation ($id: ID!) { acknowledgeProjectFile(id: $id) { id } }';
const MY_ATTEMPTS = '{ myAttempts { id state certification { id } } }';
const CREATE_SESSION = 'mutation ($input: ExamSessionInput!) { createExamSession(input: $input) { id } }';
const ADD_SLOTS = 'mutation ($id: ID!, $slots: [SlotInput!]!) { addSlots(examSessionId: $id, slots: $slots) { slots { id } } }';
const BOOK = 'mutation ($attemptId: ID!, $slotId: ID!) { bookSlot(attemptId: $attemptId, slotId: $slotId) { id } }';
const CANCEL = 'mutation ($attemptId: ID!) { cancelBooking(attemptId: $attemptId) { state } }';

type Row = { id: string; recipient: string; inAppOnly: boolean; locale: string; template: string; subject: string; status: string; attempts: number; lastError: string | null; sentAt: string | null };

/** One server and its signed-in demo users. */
async function withUsers(server: TestServer) {
  const token: Record<string, string> = {};
  const logins = { admin: 'admin', partnerA: 'partner-a', c02: 'candidate02', c03: 'candidate03' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) => gql(server.graphqlUrl, query, variables, { token: token[who], locale });
  const mine = async (who: string, locale?: string) => (await as(who, MY_NOTIFICATIONS, { first: 50 }, locale)).data!.myNotifications.edges.map((edge: any) => edge.node) as any[];
  const outbox = async (status?: string) => (await as('admin', OUTBOX, { status })).data!.notificationOutbox.edges.map((edge: any) => edge.node) as Row[];
  const attemptOf = async (who: string) => (await as(who, MY_ATTEMPTS)).data!.myAttempts[0] as { id: string; state: string; certification: { id: string } };
  async function acknowledgeFileOf(who: string) {
    const attempt = await attemptOf(who);
    const file = ((await as('admin', FILES_AT_RISK)).data!.projectFilesAtRisk as any[]).find((row) => row.attempt.id === attempt.id);
    expect(file, `${who} has a file to acknowledge`).toBeTruthy();
    const acknowledged = await as('admin', ACK, { id: file.id });
    expect(acknowledged.errors).toBeUndefined();
    return attempt;
  }
  return { token, as, mine, outbox, attemptOf, acknowledgeFileOf };
}

describe('with SMTP', () => {
  const smtp = new TestSmtp();
  let server: TestServer;
  let api: Awaited<ReturnType<typeof withUsers>>;
  let ackNotificationId = '';

  beforeAll(async () => {
    await smtp.start();
    server = await startIsolatedServer({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        NOTIFICATION_POLL_MS: String(POLL_MS),
        NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS),
        NOTIFICATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        PUBLIC_URL,
      },
    });
    api = await withUsers(server);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await smtp.stop();
  });

  it('delivers exactly once across a refused first attempt, in the recipient’s language, and tells the user live', async () => {
    expect((await api.as('c02', SET_LOCALE, { locale: 'en' })).data!.setMyLocale).toBe('en');
    const socket = wsClient(server.wsUrl, api.token.c02);
    try {
      const live = collect(socket, EVENTS, {}, 1);
      await live.ready;
      await sleep(300); // let the subscription register
      const attempt = await api.acknowledgeFileOf('c02');

      // Live, rendered in the socket's language (French by default), unlike the email.
      const [event] = await live.done;
      expect(event.notificationEvents).toMatchObject({ type: 'NOTIFICATION_CREATED', unreadCount: 1, notification: { template: 'PROJECT_FILE_ACKNOWLEDGED', readAt: null } });
      expect(event.notificationEvents.notification.subject).toMatch(/^Dossier projet réceptionné/);
      ackNotificationId = event.notificationEvents.notification.id;

      const messageId = `<notification-${ackNotificationId}@certijury.local>`;
      const [mail] = await waitFor('the accepted message', () => smtp.acceptedWith(messageId).length > 0 && smtp.acceptedWith(messageId));
      expect(smtp.refusedOnce.has(messageId)).toBe(true); // the first attempt was refused
      expect(mail.to).toBe('candidate02@demo.certijury.fr');
      expect(mail.language).toBe('en');
      expect(mail.subject).toMatch(/^Project file acknowledged: /);
      const text = plainText(mail.raw);
      expect(text).toContain('Your project file (version');
      expect(text).toContain(`${PUBLIC_URL}/candidate/attempts/${attempt.id}/slot`);

      const row = await waitFor('the SENT row', async () => (await api.outbox('SENT')).find((item) => item.id === ackNotificationId));
      expect(row).toMatchObject({ status: 'SENT', attempts: 2, recipient: 'candidate02@demo.certijury.fr', locale: 'en', inAppOnly: false, template: 'PROJECT_FILE_ACKNOWLEDGED' });
      expect(row.sentAt).not.toBeNull();

      // Several poll periods later, still exactly one message.
      await sleep(POLL_MS * 8);
      expect(smtp.acceptedWith(messageId)).toHaveLength(1);
      expect((await api.outbox()).filter((item) => item.id === ackNotificationId)).toMatchObject([{ status: 'SENT', attempts: 2 }]);
    } finally {
      await socket.dispose();
    }
  });

  it('shows in-app notifications in the request’s language, newest first, with the unread count', async () => {
    const [fr] = await api.mine('c02', 'fr');
    const [en] = await api.mine('c02', 'en');
    expect(fr.id).toBe(ackNotificationId);
    expect(en.id).toBe(ackNotificationId);
    expect(fr.subject).toMatch(/^Dossier projet réceptionné : /);
    expect(en.subject).toMatch(/^Project file acknowledged: /);
    expect(fr.text).toContain('Bonjour');
    expect(en.text).toContain('Hello');
    expect(fr.path).toMatch(/^\/candidate\/attempts\/[^/]+\/slot$/);
    expect((await api.as('c02', UNREAD)).data!.unreadNotificationCount).toBe(1);
    // The acknowledgment notified once.
    expect((await api.mine('c02')).filter((item) => item.template === 'PROJECT_FILE_ACKNOWLEDGED')).toHaveLength(1);
  });

  it('a booked slot notifies once; refused to the last attempt it is FAILED, and an admin’s retry sends it once', async () => {
    const attempt = await api.attemptOf('c03');
    expect(attempt.state).toBe('FILE_ACKNOWLEDGED');
    const day = new Date(Date.now() + 45 * 86_400_000);
    day.setUTCHours(8, 0, 0, 0);
    const session = await api.as('admin', CREATE_SESSION, {
      input: { certificationId: attempt.certification.id, title: 'Session notifications', startsAt: day, endsAt: new Date(day.getTime() + 9 * 3600_000), mode: 'REMOTE', remoteLink: 'https://visio.example.fr/n' },
    });
    expect(session.errors).toBeUndefined();
    const slots = await api.as('admin', ADD_SLOTS, { id: session.data!.createExamSession.id, slots: [{ startsAt: new Date(day.getTime() + 3600_000) }] });
    expect(slots.errors).toBeUndefined();

    smtp.refuseTo = 'candidate03@';
    const booked = await api.as('c03', BOOK, { attemptId: attempt.id, slotId: slots.data!.addSlots.slots[0].id });
    expect(booked.errors).toBeUndefined();
    const slotBooked = (await api.mine('c03')).filter((item) => item.template === 'SLOT_BOOKED');
    expect(slotBooked).toHaveLength(1);
    expect(slotBooked[0].subject).toMatch(/^Votre oral est réservé : /);
    expect(slotBooked[0].text).toContain('à distance');
    const id = slotBooked[0].id;

    const failed = await waitFor('the FAILED row', async () => (await api.outbox('FAILED')).find((item) => item.id === id));
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, recipient: 'candidate03@demo.certijury.fr', locale: 'fr', sentAt: null });
    expect(failed.lastError).toContain('550');

    // Only admins retry, and only a FAILED notification.
    expect(codeOf(await api.as('partnerA', RETRY, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await api.as('c03', RETRY, { id }))).toBe('FORBIDDEN');
    const notFailed = await api.as('admin', RETRY, { id: ackNotificationId }, 'en');
    expect(codeOf(notFailed)).toBe('INVALID_STATE');
    expect(notFailed.errors![0].message).toContain('already sent');

    smtp.refuseTo = null;
    const retried = await api.as('admin', RETRY, { id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryNotification.id).toBe(id); // the worker may already hold it: it is woken at once
    const messageId = `<notification-${id}@certijury.local>`;
    const [mail] = await waitFor('the retried message', () => smtp.acceptedWith(messageId).length > 0 && smtp.acceptedWith(messageId));
    expect(mail.language).toBe('fr');
    expect(mail.subject).toMatch(/^Votre oral est réservé : /);
    // A fresh schedule: refused once (451) after the retry, then sent.
    expect(await waitFor('the SENT row', async () => (await api.outbox('SENT')).find((item) => item.id === id))).toMatchObject({ attempts: 2, lastError: null });
    await sleep(POLL_MS * 6);
    expect(smtp.acceptedWith(messageId)).toHaveLength(1);

    // Cancelling notifies once too.
    expect((await api.as('c03', CANCEL, { attemptId: attempt.id })).errors).toBeUndefined();
    expect((await api.mine('c03')).filter((item) => item.template === 'BOOKING_CANCELLED')).toHaveLength(1);
  });

  it('nobody reads or marks another user’s notifications; marking needs a target', async () => {
    expect((await api.mine('c03')).map((item) => item.id)).not.toContain(ackNotificationId);
    const foreign = await api.as('c03', MARK_READ, { ids: [ackNotificationId] });
    expect(foreign.errors).toBeUndefined();
    expect(foreign.data!.markNotificationsRead.markedCount).toBe(0);
    expect((await api.as('c02', UNREAD)).data!.unreadNotificationCount).toBe(1);
    expect(codeOf(await api.as('partnerA', OUTBOX))).toBe('FORBIDDEN');
    expect(codeOf(await api.as('c02', OUTBOX))).toBe('FORBIDDEN');
    expect(codeOf(await gql(server.graphqlUrl, UNREAD))).toBe('UNAUTHENTICATED');

    const noTarget = await api.as('c02', MARK_READ, {}, 'en');
    expect(codeOf(noTarget)).toBe('VALIDATION_FAILED');
    expect(noTarget.errors![0].extensions!.fields[0].message).toContain('Name the notifications');

    const own = await api.as('c02', MARK_READ, { ids: [ackNotificationId] });
    expect(own.data!.markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 0 });
    expect((await api.mine('c02'))[0].readAt).not.toBeNull();
    expect(await api.mine('c02')).toHaveLength(1);
    expect((await api.as('c02', MY_NOTIFICATIONS, { unreadOnly: true })).data!.myNotifications.edges).toHaveLength(0);

    // candidate03: the demo's acknowledged file, the booking and its cancellation.
    const unread = (await api.as('c03', UNREAD)).data!.unreadNotificationCount;
    expect(unread).toBe(3);
    const all = await api.as('c03', MARK_READ, { all: true });
    expect(all.data!.markNotificationsRead).toEqual({ markedCount: 3, unreadCount: 0 });
  });
});

describe('without SMTP', () => {
  let server: TestServer;
  let api: Awaited<ReturnType<typeof withUsers>>;

  beforeAll(async () => {
    server = await startIsolatedServer({ env: { NOTIFICATION_POLL_MS: String(POLL_MS) } });
    api = await withUsers(server);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('keeps the notification PENDING, visible in the outbox and in-app', async () => {
    await api.acknowledgeFileOf('c02');
    const [notification] = await api.mine('c02');
    expect(notification).toMatchObject({ template: 'PROJECT_FILE_ACKNOWLEDGED', readAt: null });
    await sleep(POLL_MS * 5);
    const rows = (await api.outbox('PENDING')).filter((item) => item.id === notification.id);
    expect(rows).toMatchObject([{ status: 'PENDING', attempts: 0, inAppOnly: false, recipient: 'candidate02@demo.certijury.fr', sentAt: null, lastError: null }]);
    expect(rows[0].subject).toMatch(/^Dossier projet réceptionné/);
    expect((await api.as('c02', UNREAD)).data!.unreadNotificationCount).toBe(1);
  });
});

describe.skipIf(!databaseUrl)(titled('two delivery workers on one PostgreSQL', databaseUrl ? '' : 'DATABASE_URL is not set'), () => {
  const COUNT = 60;
  const smtp = new TestSmtp(false);
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let sql: pg.Client;

  beforeAll(async () => {
    await smtp.start();
    database = await freshPostgresDatabase();
    const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, NOTIFICATION_POLL_MS: '50', NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS) };
    servers.push(...(await Promise.all([1, 2].map(() => startServer({ databaseUrl: database!.url, env })))));
    sql = new pg.Client({ connectionString: database!.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
    await smtp.stop();
  });

  it('never sends a notification twice: each is claimed by one worker and mailed once', async () => {
    // Written straight into the outbox, all due at once, so that both workers compete for them.
    await sql.query(
      `INSERT INTO "Notification" ("id", "email", "template", "locale", "data", "dedupeKey", "nextAttemptAt")
       SELECT gen_random_uuid()::text, 'race' || n || '@example.fr', 'PROJECT_FILE_ACKNOWLEDGED', 'fr', '{"version": 1}'::jsonb, 'race:' || n, now() AT TIME ZONE 'UTC'
       FROM generate_series(1, $1::int) AS n`,
      [COUNT],
    );
    await waitFor('every row SENT', async () => (await sql.query(`SELECT count(*)::int AS sent FROM "Notification" WHERE "dedupeKey" LIKE 'race:%' AND "status" = 'SENT'`)).rows[0].sent === COUNT, 30_000);
    await sleep(500);
    const raced = smtp.accepted.filter((mail) => mail.to.startsWith('race'));
    expect(raced).toHaveLength(COUNT);
    expect(new Set(raced.map((mail) => mail.messageId)).size).toBe(COUNT);
    const { rows } = await sql.query(`SELECT DISTINCT "attempts" FROM "Notification" WHERE "dedupeKey" LIKE 'race:%'`);
    expect(rows).toEqual([{ attempts: 1 }]);
  });
});
