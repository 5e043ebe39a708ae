// A server killed (SIGKILL) mid-oral loses no saved score and no event; a juror's socket reconnects by
// itself (graphql-ws retry) and, resuming from the last sequence it saw, gets a complete sequence.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { ORAL_EVENTS, ROOM, SCORE, move, todaysOral } from '../support/oral.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('server restart mid-oral', () => {
  let server: TestServer;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let port: number;
  const start = () =>
    startServer({ databaseUrl: database?.url, env: { PORT: String(port), DATA_DIR: dataDir } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'certijury-restart-'));
    database = await freshPostgresDatabase();
    port = await freePort();
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every saved score and event, and the juror’s client resumes by itself', async () => {
    const president = await loginAs(server.graphqlUrl, 'juror1@demo.certijury.fr');
    const member = await loginAs(server.graphqlUrl, 'juror2@demo.certijury.fr');
    const { oralId, criteria } = await todaysOral(server.graphqlUrl, president);
    let version = (await gql(server.graphqlUrl, ROOM, { id: oralId }, { token: president })).data!.oral.version;
    version = await move(server.graphqlUrl, president, oralId, 'IDENTITY_CHECKED', version);
    version = await move(server.graphqlUrl, president, oralId, 'PRESENTATION', version);

    // juror2 follows the room with a self-reconnecting client that resumes from the last seq it saw.
    const seen = new Map<number, string>();
    let lastSeq = 0;
    let connections = 0;
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${member}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 300)),
      lazy: false,
      on: { connected: () => (connections += 1) },
    });
    const subscribe = () =>
      client.subscribe<{ oralEvents: { seq: number; type: string } }>(
        { query: ORAL_EVENTS, variables: { oralId, since: lastSeq } },
        {
          next: ({ data }) => {
            if (!data) return;
            const { seq, type } = data.oralEvents;
            if (seq <= lastSeq) return; // a resent subscription replays from its original `since`
            seen.set(seq, type);
            lastSeq = seq;
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
    subscribe();
    await expect.poll(() => connections, { timeout: 5000 }).toBe(1);

    for (const criterion of criteria.slice(0, 3)) {
      expect((await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } }, { token: president })).errors).toBeUndefined();
    }
    await expect.poll(() => [...seen.values()].filter((t) => t === 'SCORE_CHANGED').length, { timeout: 5000 }).toBe(3);

    await server.stop('SIGKILL'); // no graceful shutdown
    server = await start(); // same port, same data

    await expect.poll(() => connections, { timeout: 15_000 }).toBe(2);
    for (const criterion of criteria.slice(3, 5)) {
      expect((await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId: criterion.id, value: 2 } }, { token: president })).errors).toBeUndefined();
    }
    await expect.poll(() => [...seen.values()].filter((t) => t === 'SCORE_CHANGED').length, { timeout: 10_000 }).toBe(5);

    const room = (await gql(server.graphqlUrl, ROOM, { id: oralId }, { token: president })).data!.oral;
    expect(room.phase).toBe('PRESENTATION');
    expect(room.version).toBe(version);
    expect(room.myScores.map((s: any) => s.value).sort()).toEqual([2, 2, 3, 3, 3]);
    const seqs = [...seen.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1)); // 1..n: no gap, no duplicate across the crash
    await client.dispose();
  });
});
