// A rolling restart behind a load balancer: two server processes share PostgreSQL and Redis; a partner follows
// its candidates live while registrations keep coming; process A is stopped (SIGTERM) and started again, then
// process B. A request in flight when its process is told to stop still gets its answer; sockets are closed with
// 1001 ("going away") so the client reconnects to the other process and resumes with `since`; in the end the
// partner has seen every registration exactly once, in one gap-free sequence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs, wsClient } from '../support/graphql.ts';
import { missing, redisUrl, titled } from '../support/environment.ts';

const reason = missing.redisAndPostgres;
const REGISTER = `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }`;
const REGISTER_MANY = `mutation ($candidates: [BulkCandidateInput!]!) { registerCandidates(candidates: $candidates) { created } }`;
const EVENTS = `subscription ($since: Int) { partnerCandidateEvents(since: $since) { seq type candidate { fileNumber } } }`;

const candidateInput = (fileNumber: string) => ({ certificationCode: 'RS5302', fileNumber, email: `${fileNumber.toLowerCase()}@example.fr`, birthName: 'Roulement', firstName: 'Anne' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(reason)(titled('a rolling restart of two processes through PostgreSQL and Redis', reason), () => {
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const start = () => startServer({ databaseUrl: database!.url, env: { REDIS_URL: redisUrl } });

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    servers.push(await start(), await start());
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('answers in-flight requests, moves sockets to the other process, and loses no event', async () => {
    let token = await loginAs(servers[0].graphqlUrl, 'partner-a@demo.certijury.fr');
    /** The process the load balancer sends new connections and requests to. */
    let routed = 0;
    const up = [true, true];

    // The follower: one socket at a time, re-subscribing with the last seq it saw whenever its socket closes.
    const seen: { seq: number; type: string; fileNumber: string | null }[] = [];
    const closeCodes: number[] = [];
    let client: Client | null = null;
    let following = true;
    const follow = async (): Promise<void> => {
      while (following) {
        const target = servers[routed];
        client = wsClient(target.wsUrl, token);
        client.on('closed', (event) => closeCodes.push((event as { code: number }).code));
        await new Promise<void>((resolveEnd) => {
          client!.subscribe(
            { query: EVENTS, variables: { since: seen.at(-1)?.seq ?? 0 } },
            {
              next: ({ data }) => {
                const event = (data as any).partnerCandidateEvents;
                seen.push({ seq: event.seq, type: event.type, fileNumber: event.candidate?.fileNumber ?? null });
              },
              error: () => resolveEnd(),
              complete: () => resolveEnd(),
            },
          );
        });
        await client.dispose();
        await pause(50);
      }
    };
    const following$ = follow();
    await pause(500);

    // The writer: a registration every 30 ms through whichever process is routed to.
    const registered: string[] = [];
    const failures: string[] = [];
    let writing = true;
    const write = async () => {
      for (let n = 1; writing; n++) {
        const fileNumber = `FP-ROLL-${String(n).padStart(3, '0')}`;
        const response = await gql(servers[routed].graphqlUrl, REGISTER, { input: candidateInput(fileNumber) }, { token }).catch((error: Error) => ({ errors: [{ message: error.message }] }) as const);
        if (response.errors) failures.push(`${fileNumber}: ${JSON.stringify(response.errors)}`);
        else registered.push(fileNumber);
        await pause(30);
      }
    };
    const writing$ = write();

    for (const index of [0, 1]) {
      await pause(700);
      // Route new traffic away, then stop the process while a bulk registration is still running on it.
      const other = 1 - index;
      const bulk = Array.from({ length: 300 }, (_, i) => candidateInput(`FP-BULK${index}-${String(i).padStart(3, '0')}`));
      const inFlight = gql(servers[index].graphqlUrl, REGISTER_MANY, { candidates: bulk }, { token });
      await pause(20);
      routed = other;
      up[index] = false;
      await servers[index].stop('SIGTERM');
      const answered = await inFlight;
      expect(answered.errors, 'the request in flight at SIGTERM is answered').toBeUndefined();
      expect(answered.data!.registerCandidates.created).toBe(300);
      servers[index] = await start();
      up[index] = true;
      token = await loginAs(servers[other].graphqlUrl, 'partner-a@demo.certijury.fr');
    }
    await pause(700);
    writing = false;
    await writing$;
    // Let the follower catch up on the last registrations, then stop it.
    const expected = registered.length + 600;
    for (let waited = 0; seen.filter((e) => e.type === 'CANDIDATE_REGISTERED').length < expected && waited < 15_000; waited += 100) await pause(100);
    following = false;
    await (client as Client | null)?.dispose();
    await following$;

    expect(failures).toEqual([]);
    expect(registered.length).toBeGreaterThan(20);
    expect(closeCodes).toContain(1001);
    const registrations = seen.filter((event) => event.type === 'CANDIDATE_REGISTERED').map((event) => event.fileNumber);
    expect(new Set(registrations).size).toBe(registrations.length); // nothing twice
    expect(new Set(registrations)).toEqual(new Set([...registered, ...Array.from({ length: 600 }, (_, i) => `FP-BULK${Math.floor(i / 300)}-${String(i % 300).padStart(3, '0')}`)]));
    const seqs = seen.map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i)); // one gap-free sequence
  }, 240_000);
});
