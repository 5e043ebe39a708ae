// A WebSocket's identity does not outlive its credential (issue 21): logout, a revoked API key, an erased account
// (its sign-in disabled) and a session's expiry close the sockets resting on it with 4403 within seconds, in the process that revoked it
// and in the others (through Redis), and an operation sent on such a socket after the revocation is refused.
// On PGlite (or a fresh PostgreSQL database) with one process; across two processes when DATABASE_URL and REDIS_URL are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase, startIsolatedServer, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { openSocket, type OpenSocket } from '../support/raw-socket.ts';
import { demoFileNumber, missing, redisUrl, titled } from '../support/environment.ts';

const LOGOUT = 'mutation { logout }';
const CREATE_KEY = 'mutation { createApiKey(name: "ERP") { secret apiKey { id } } }';
const REVOKE_KEY = 'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }';

/** The close code, or 'open' if the socket is still open after `ms`. */
const closeCodeWithin = (socket: OpenSocket, ms: number) => Promise.race([socket.closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

/** Runs the scenarios with sockets on `socketServer` and revocations made through `actionServer`. */
function revocationScenarios(servers: () => { socketServer: TestServer; actionServer: TestServer }) {
  it('logout closes the sockets of that session with 4403, and no other', async () => {
    const { socketServer, actionServer } = servers();
    const token = await loginAs(actionServer.graphqlUrl, 'juror1@demo.certijury.fr');
    const otherSession = await loginAs(actionServer.graphqlUrl, 'juror1@demo.certijury.fr');
    const socket = await openSocket(socketServer.wsUrl, token);
    const other = await openSocket(socketServer.wsUrl, otherSession);
    expect((await socket.operation('1', '{ me { id } }'))?.payload?.data?.me?.id).toBeTruthy();
    const started = Date.now();
    expect((await gql(actionServer.graphqlUrl, LOGOUT, {}, { token })).data?.logout).toBe(true);
    expect(await closeCodeWithin(socket, 5000)).toBe(4403);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await closeCodeWithin(other, 300)).toBe('open');
    expect((await other.operation('2', '{ me { id } }'))?.payload?.data?.me?.id).toBeTruthy();
    other.ws.close();
  });

  it('refuses an operation sent right after the revocation', async () => {
    const { socketServer, actionServer } = servers();
    const token = await loginAs(actionServer.graphqlUrl, 'juror2@demo.certijury.fr');
    const socket = await openSocket(socketServer.wsUrl, token);
    await gql(actionServer.graphqlUrl, LOGOUT, {}, { token });
    // Whether the socket is already closed or the operation arrives first, no data is ever answered.
    const answer = await socket.operation('1', '{ me { id displayName } }');
    expect(answer?.payload?.data).toBeUndefined();
    if (answer) expect(answer.payload[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await closeCodeWithin(socket, 5000)).toBe(4403);
  });

  it('revokeApiKey closes the sockets of that key with 4403', async () => {
    const { socketServer, actionServer } = servers();
    const partner = await loginAs(actionServer.graphqlUrl, 'partner-a@demo.certijury.fr');
    const created = (await gql(actionServer.graphqlUrl, CREATE_KEY, {}, { token: partner })).data!.createApiKey;
    const keySocket = await openSocket(socketServer.wsUrl, created.secret);
    const userSocket = await openSocket(socketServer.wsUrl, partner);
    expect((await keySocket.operation('1', '{ candidates(first: 1) { totalCount } }'))?.payload?.data?.candidates?.totalCount).toBeGreaterThan(0);
    expect((await gql(actionServer.graphqlUrl, REVOKE_KEY, { id: created.apiKey.id }, { token: partner })).data?.revokeApiKey.revokedAt).toBeTruthy();
    expect(await closeCodeWithin(keySocket, 5000)).toBe(4403);
    expect(await closeCodeWithin(userSocket, 300)).toBe('open');
    userSocket.ws.close();
  });
}

describe('sockets of revoked or expired credentials (one process)', () => {
  let server: TestServer;
  let shortLived: TestServer;
  beforeAll(async () => {
    [server, shortLived] = await Promise.all([startIsolatedServer(), startIsolatedServer({ env: { SESSION_TTL_HOURS: String(4 / 3600) } })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), shortLived?.stop()]);
  });

  revocationScenarios(() => ({ socketServer: server, actionServer: server }));

  it('erasing a candidate (sign-in disabled, sessions revoked) closes their sockets with 4403', async () => {
    const token = await loginAs(server.graphqlUrl, 'candidate16@demo.certijury.fr'); // Alexandre MOREL, not certified
    const socket = await openSocket(server.wsUrl, token);
    const admin = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    const list = (await gql(server.graphqlUrl, '{ candidates(first: 100) { edges { node { id fileNumber } } } }', {}, { token: admin })).data!.candidates.edges as { node: { id: string; fileNumber: string } }[];
    const id = list.find((edge) => edge.node.fileNumber === demoFileNumber('AC', 6))!.node.id;
    const erased = await gql(server.graphqlUrl, 'mutation ($id: ID!) { eraseCandidatePersonalData(candidateId: $id) }', { id }, { token: admin });
    expect(erased.errors).toBeUndefined();
    expect(await closeCodeWithin(socket, 5000)).toBe(4403);
  });

  it('an expired session closes its socket with 4403, and is refused over HTTP from its expiry on', async () => {
    const token = await loginAs(shortLived.graphqlUrl, 'juror3@demo.certijury.fr'); // a 4-second session
    const socket = await openSocket(shortLived.wsUrl, token);
    expect((await gql(shortLived.graphqlUrl, '{ me { id } }', {}, { token })).data?.me).toBeTruthy(); // cached now
    expect(await closeCodeWithin(socket, 8000)).toBe(4403);
    const after = await gql(shortLived.graphqlUrl, '{ myOrals { id } }', {}, { token });
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }, 20_000);
});

const reason = missing.redisAndPostgres;
describe.skipIf(reason)(titled('sockets of revoked credentials across two processes (PostgreSQL + Redis)', reason), () => {
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
    servers.push(...(await Promise.all([1, 2].map(() => startServer({ databaseUrl: database!.url, env: { REDIS_URL: redisUrl } })))));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  revocationScenarios(() => ({ socketServer: servers[0], actionServer: servers[1] }));
});
