// The live jury under real concurrency: many orals at once, each with three jurors who autosave without pause
// while the president moves phases, sets agreed scores and decides, then all three sign at the same moment
// (the president from two devices). On PostgreSQL + Redis the jurors are split across two server processes;
// on PGlite one process serves them all. Asserted, per run: no INTERNAL answer and no deadlock in the logs;
// every acknowledged autosave is in the signed minutes (an autosave after the decision is refused with
// INVALID_STATE); every oral is locked with exactly one Result; every room's event sequence is contiguous;
// a repeated signature answers as the first did; a fraud report after signing is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/database.ts';
import { freshPostgresDatabase, startServer, type TestServer } from '../support/server.ts';
import { gql } from '../support/graphql.ts';
import { databaseUrl, redisUrl } from '../support/environment.ts';
import { prepareOrals, type FixtureJuror, type PreparedOrals } from '../support/oral-fixtures.ts';
import { AGREE, DECIDE, MOVE, ROOM, SCORE, SIGN } from '../support/oral.ts';

const ORALS = Number(process.env.STRESS_ORALS ?? 20);
// Two rounds where the races are real (two processes on PostgreSQL); one on PGlite, whose single connection
// serialises everything (it checks the same invariants, not the races).
const ROUNDS = Number(process.env.STRESS_ROUNDS ?? (databaseUrl && redisUrl ? 2 : 1));
const multiProcess = Boolean(databaseUrl && redisUrl);
const FRAUD = `mutation ($oralId: ID!, $statement: String!, $v: Int!) { reportFraud(oralId: $oralId, statement: $statement, expectedVersion: $v) { id } }`;

interface Ack {
  juror: string;
  criterion: string;
  value: number;
}

const title = multiProcess
  ? `${ORALS} live orals × 3 jurors on two processes sharing PostgreSQL and Redis`
  : `${ORALS} live orals × 3 jurors on one process (${databaseUrl ? 'PostgreSQL' : 'PGlite'}; the two-process variant needs DATABASE_URL and REDIS_URL)`;

describe(title, () => {
  const servers: TestServer[] = [];
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let dataDir: string;
  let prepared: PreparedOrals;
  let stopped = false;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'certijury-stress-'));
    database = await freshPostgresDatabase();
    prepared = await prepareOrals({ dataDir, databaseUrl: database?.url }, { orals: ORALS * ROUNDS, jurorsPerOral: 3, phase: 'PRESENTATION' });
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'warn', REDIS_URL: multiProcess ? redisUrl : '' };
    const count = multiProcess ? 2 : 1;
    servers.push(...(await Promise.all(Array.from({ length: count }, () => startServer({ databaseUrl: database?.url, env })))));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (juror: FixtureJuror, server: TestServer, query: string, variables: Record<string, unknown>) =>
    gql(server.graphqlUrl, query, variables, { token: juror.token });

  it('never answers INTERNAL, never loses an acknowledged autosave, and always locks the minutes once', async () => {
    const internal: string[] = [];
    const unexpected: string[] = [];
    const acknowledged = new Map<string, Ack[]>(); // oralId → acks in each juror's order
    const refusedAfterDecision = new Map<string, number>();

    const check = (label: string, result: Awaited<ReturnType<typeof gql>>) => {
      for (const error of result.errors ?? []) {
        const code = error.extensions?.code;
        if (code === 'INTERNAL' || !code) internal.push(`${label}: ${JSON.stringify(error)}`);
      }
      return result;
    };

    const runOral = async (oralIndex: number) => {
      const oralId = prepared.oralIds[oralIndex];
      const jurors = prepared.jurors.filter((juror) => juror.oral === oralIndex);
      const president = jurors.find((juror) => juror.president)!;
      // Jurors of one oral sit on different processes (when there are two).
      const serverOf = (juror: FixtureJuror) => servers[jurors.indexOf(juror) % servers.length];
      const acks: Ack[] = [];
      acknowledged.set(oralId, acks);

      const autosave = async (juror: FixtureJuror) => {
        for (let n = 0; !stopped; n++) {
          const criterion = prepared.criteria[(n * 7 + jurors.indexOf(juror)) % prepared.criteria.length];
          const value = 1 + ((n + jurors.indexOf(juror)) % 4);
          const result = check('scoreCriterion', await call(juror, serverOf(juror), SCORE, { input: { oralId, criterionId: criterion, value } }));
          if (!result.errors) {
            acks.push({ juror: juror.id, criterion, value });
            // Far faster than any juror, yet leaving the president's requests a place in the queue.
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const code = result.errors[0].extensions?.code;
          // The decision closed scoring (its answer may still be on its way to the president).
          if (code === 'INVALID_STATE') {
            refusedAfterDecision.set(oralId, (refusedAfterDecision.get(oralId) ?? 0) + 1);
            return;
          }
          unexpected.push(`autosave: ${JSON.stringify(result.errors)}`);
          return;
        }
      };

      const drive = async () => {
        // Let every juror's autosaves start before the oral moves on (on PGlite the requests queue in order).
        while (!stopped && new Set(acks.map((ack) => ack.juror)).size < jurors.length) await new Promise((r) => setTimeout(r, 20));
        let version = (await call(president, serverOf(president), ROOM, { id: oralId })).data!.oral.version as number;
        for (const to of ['QUESTIONS', 'DELIBERATION']) {
          await new Promise((r) => setTimeout(r, 50));
          const moved = check('moveOralPhase', await call(president, servers[version % servers.length], MOVE, { oralId, to, v: version }));
          if (moved.errors) throw new Error(`move: ${JSON.stringify(moved.errors)}`);
          version = moved.data!.moveOralPhase.version;
        }
        for (const competenceId of prepared.competences) {
          const agreed = check('setAgreedScore', await call(president, servers[version % servers.length], AGREE, {
            input: { oralId, competenceId, value: 3, justification: 'Accord du jury après échange.', expectedVersion: version },
          }));
          if (agreed.errors) throw new Error(`agree: ${JSON.stringify(agreed.errors)}`);
          version = agreed.data!.setAgreedScore.version;
        }
        const decision = check('decideOral', await call(president, serverOf(president), DECIDE, { oralId, v: version }));
        if (decision.errors) throw new Error(`decide: ${JSON.stringify(decision.errors)}`);
        return decision.data!.decideOral.minutes.contentHash as string;
      };

      const [hash] = await Promise.all([drive(), ...jurors.map(autosave)]);
      // Everyone signs at the same moment; the president taps twice, on both processes.
      const signers = [...jurors.map((juror) => [juror, serverOf(juror)] as const), [president, servers[servers.length - 1]] as const];
      const answers = await Promise.all(signers.map(([juror, server]) => call(juror, server, SIGN, { oralId, hash }).then((r) => check('signMinutes', r))));
      for (const answer of answers) if (answer.errors) unexpected.push(`sign: ${JSON.stringify(answer.errors)}`);
      const fraud = check('reportFraud', await call(president, serverOf(president), FRAUD, { oralId, statement: 'Après signature', v: 0 }));
      expect(fraud.errors?.[0]?.extensions?.code, 'a fraud report after the signatures is refused').toBe('INVALID_STATE');
    };

    // Rounds of ORALS orals at once. A failure stops every autosave loop of the round.
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(Array.from({ length: ORALS }, (_, index) => runOral(round * ORALS + index)));
      }
    } finally {
      stopped = true;
    }

    expect(internal, 'no INTERNAL answer').toEqual([]);
    expect(unexpected, 'no unexpected refusal').toEqual([]);
    for (const server of servers) expect(server.output(), 'no deadlock in the server logs').not.toMatch(/deadlock|40P01/);

    // What the database holds, read directly once the servers are stopped (PGlite allows one process).
    await Promise.all(servers.map((server) => server.stop()));
    const db = await openDatabase({ dataDir, databaseUrl: database?.url });
    try {
      const oralIds = prepared.oralIds;
      const orals = await db.prisma.oral.findMany({
        where: { id: { in: oralIds } },
        select: { id: true, phase: true, lockedAt: true, attemptId: true, minutes: { select: { content: true, contentHash: true, lockedAt: true, signatures: { select: { jurorId: true } } } } },
      });
      expect(orals).toHaveLength(oralIds.length);
      for (const oral of orals) {
        expect(oral.phase, `oral ${oral.id} signed`).toBe('SIGNED');
        expect(oral.lockedAt, `oral ${oral.id} locked`).not.toBeNull();
        expect(oral.minutes?.lockedAt, `minutes of ${oral.id} locked`).not.toBeNull();
        expect(oral.minutes?.signatures).toHaveLength(3);
        expect(await db.prisma.result.count({ where: { attemptId: oral.attemptId } }), `one Result for ${oral.id}`).toBe(1);
        // Every acknowledged autosave is in the minutes: the last value each juror saw acknowledged per criterion.
        const expected = new Map<string, number>();
        for (const ack of acknowledged.get(oral.id)!) expected.set(`${ack.juror}:${ack.criterion}`, ack.value);
        // The test did exercise the boundary: every juror had autosaves acknowledged before the decision.
        expect(new Set([...expected.keys()].map((key) => key.split(':')[0])).size, `autosaves of each juror of ${oral.id} were acknowledged before the decision`).toBe(3);
        const scores = (oral.minutes!.content as { scores: { jurorId: string; criterionId: string; value: number | null }[] }).scores;
        const inMinutes = new Map(scores.map((score) => [`${score.jurorId}:${score.criterionId}`, score.value]));
        for (const [key, value] of expected) expect(inMinutes.get(key), `acknowledged autosave ${key} of ${oral.id} in the minutes`).toBe(value);
        expect(refusedAfterDecision.get(oral.id), `the autosaves of ${oral.id} end refused with INVALID_STATE`).toBe(3);
      }
      // Dense, gap-free event sequences in every oral room.
      const rows = await db.raw.query<{ room: string; count: number; max: number; min: number }>(
        `SELECT "room", count(*)::int AS "count", max("seq")::int AS "max", min("seq")::int AS "min" FROM "EventLogEntry" WHERE "room" LIKE 'oral:%' GROUP BY "room"`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(oralIds.length);
      for (const row of rows) expect({ room: row.room, min: row.min, max: row.max }).toEqual({ room: row.room, min: 1, max: row.count });
    } finally {
      await db.close();
    }
  }, 300_000);
});
