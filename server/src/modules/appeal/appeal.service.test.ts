// The time-dependent rules of appeals, in-process on the demo data with `now` passed to the services (as
// every use case takes it): a real contest link expires at the end of the appeal window, the window closes
// for the portal too, and answers become at risk, then late (the admins' queue filter agrees with
// caseDeadline). The rest is tested over HTTP in test/api/appeals.test.ts.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { createPubSub } from '../../realtime/pubsub.ts';
import { appSecretFrom } from '../../lib/secrets.ts';
import { addDays } from '../../lib/deadlines.ts';
import { caseDeadline } from '../../lib/case-state.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { Config } from '../../config.ts';
import { publishResult } from '../result/result.service.ts';
import { appealByToken, appealQueueWhere, followCdcPassage, submitAppeal, submitAppealWithToken } from './appeal.service.ts';
import { transmitByFor } from '../cdc/cdc.rules.ts';

const repo = resolve(import.meta.dirname, '../../../..');
let db: Database;
let deps: Parameters<typeof publishResult>[0];
let admin: Viewer;
let candidate07: Viewer;
let attemptId = '';
let resultId = '';
const now = new Date();
const publishedAt = addDays(now, -40);
const STATEMENT = "Je conteste la décision : le jury n'a pas examiné l'annexe de mon dossier professionnel.";

async function viewerOf(email: string): Promise<Viewer> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email }, include: { candidate: { select: { id: true } } } });
  return { kind: 'user', userId: user.id, sessionId: 'test', role: user.role, certifierId: user.certifierId!, displayName: user.displayName, partnerId: user.partnerId, candidateId: user.candidate?.id ?? null };
}

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, resolve(repo, 'prisma/migrations'));
  await seedDemoData(db.prisma);
  deps = { prisma: db.prisma, pubsub: createPubSub(), secret: appSecretFrom(randomBytes(32)), config: { publicUrl: 'https://certijury.test' } as Config };
  admin = await viewerOf('admin@demo.certijury.fr');
  candidate07 = await viewerOf('candidate07@demo.certijury.fr');
  const attempt = await db.prisma.attempt.findFirstOrThrow({ where: { candidateId: (candidate07 as { candidateId: string }).candidateId }, include: { result: true } });
  attemptId = attempt.id;
  resultId = attempt.result!.id;
  // Published 40 days ago: the 30-day appeal window closed 10 days ago.
  await publishResult(deps, admin, resultId, publishedAt);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('the appeal window', () => {
  it('makes the link sent at publication expire at its end', async () => {
    const notification = await db.prisma.notification.findFirstOrThrow({ where: { template: 'RESULT_PUBLISHED', userId: (candidate07 as { userId: string }).userId } });
    const data = notification.data as { appealUrl: string; contestUntil: string };
    expect(data.appealUrl.startsWith('https://certijury.test/appeal/')).toBe(true);
    expect(new Date(data.contestUntil)).toEqual(addDays(publishedAt, 30));
    const token = data.appealUrl.slice('https://certijury.test/appeal/'.length);
    // Valid the day before the window closes…
    await expect(appealByToken(deps, token, addDays(publishedAt, 29))).resolves.toMatchObject({ resultId, attemptId });
    // …expired after, whatever is submitted.
    await expect(appealByToken(deps, token, now)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(submitAppealWithToken(deps, token, { statement: STATEMENT }, now)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await db.prisma.appealToken.count({ where: { resultId, usedAt: { not: null } } })).toBe(0);
  });

  it('closes the portal too (APPEAL_WINDOW_CLOSED), and is open until its last instant', async () => {
    await expect(submitAppeal(deps, candidate07, attemptId, { statement: STATEMENT }, now)).rejects.toMatchObject({ code: 'APPEAL_WINDOW_CLOSED' });
    await expect(submitAppeal(deps, candidate07, attemptId, { statement: STATEMENT }, new Date(addDays(publishedAt, 30).getTime() + 1))).rejects.toMatchObject({ code: 'APPEAL_WINDOW_CLOSED' });
    const id = await submitAppeal(deps, candidate07, attemptId, { statement: STATEMENT }, addDays(publishedAt, 5));
    const appeal = await db.prisma.appeal.findUniqueOrThrow({ where: { id } });
    expect(appeal.answerBy).toEqual(addDays(publishedAt, 35));
  });
});

describe('the answer deadline', () => {
  it('is at risk 7 days before it, then late; the queue filter agrees', async () => {
    const appeal = await db.prisma.appeal.findFirstOrThrow({ where: { attemptId, state: 'SUBMITTED' } });
    const atRiskIds = async (at: Date) => (await db.prisma.appeal.findMany({ where: appealQueueWhere(admin, { atRisk: true }, at), select: { id: true } })).map((row) => row.id);
    const eightDaysBefore = addDays(appeal.answerBy, -8);
    expect(caseDeadline(appeal, eightDaysBefore)).toMatchObject({ late: false, atRisk: false, daysLeft: 8 });
    expect(await atRiskIds(eightDaysBefore)).not.toContain(appeal.id);
    const sixDaysBefore = addDays(appeal.answerBy, -6);
    expect(caseDeadline(appeal, sixDaysBefore)).toMatchObject({ late: false, atRisk: true, daysLeft: 6 });
    expect(await atRiskIds(sixDaysBefore)).toContain(appeal.id);
    // Now: 5 days late.
    expect(caseDeadline(appeal, now)).toMatchObject({ late: true, atRisk: true, daysLeft: -5 });
    expect(await atRiskIds(now)).toContain(appeal.id);
    // Answered: no longer at risk.
    expect(caseDeadline({ ...appeal, state: 'REJECTED' }, now)).toMatchObject({ late: false, atRisk: false, daysLeft: null });
  });
});

describe('the CDC passage after a replaced decision', () => {
  it('is withdrawn if never sent and no longer certified, opened again (never twice) when certified, re-dated while owed', async () => {
    // Candidate 08: certified RS holder, passage PENDING and never sent.
    const candidate = await db.prisma.candidate.findFirstOrThrow({ where: { user: { email: 'candidate08@demo.certijury.fr' } }, select: { attempts: { select: { id: true } } } });
    const attempt = { id: candidate.attempts[0].id, registry: 'RS' };
    const follow = (outcome: 'CERTIFIED' | 'NOT_CERTIFIED', juryDate: Date) => db.prisma.$transaction((tx) => followCdcPassage(tx, attempt, { outcome, juryDate }));
    const passage = () => db.prisma.cdcPassage.findUnique({ where: { attemptId: attempt.id } });
    expect(await passage()).toMatchObject({ status: 'PENDING', lastBatchId: null });

    expect(await follow('NOT_CERTIFIED', addDays(now, -3))).toBe('WITHDRAWN');
    expect(await passage()).toBeNull();
    expect(await follow('CERTIFIED', addDays(now, -3))).toBe('OPENED');
    expect(await follow('CERTIFIED', addDays(now, -1))).toBe('REDATED');
    expect(await passage()).toMatchObject({ status: 'PENDING', juryDate: addDays(now, -1), transmitBy: transmitByFor(addDays(now, -1)) });
    expect(await db.prisma.cdcPassage.count({ where: { attemptId: attempt.id } })).toBe(1);

    // Already sent: awaiting its report, marked for deletion on the CDC portal if the report accepts it.
    await db.prisma.cdcPassage.update({ where: { attemptId: attempt.id }, data: { status: 'SENT' } });
    expect(await follow('NOT_CERTIFIED', addDays(now, -1))).toBe('TO_DELETE');
    expect(await passage()).toMatchObject({ status: 'SENT', portalAction: 'DELETE', portalActionReason: 'DECISION_OVERTURNED' });
  });
});
