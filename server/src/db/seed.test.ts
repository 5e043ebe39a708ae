// The demo seed: loads a coherent certifier in one transaction on an empty database, and is a no-op afterwards.
import { resolve } from 'node:path';
import { describe, it, expect } from 'vitest';
import { openDatabase } from './database.ts';
import { applyMigrations } from './migrations.ts';
import { verifyPassword } from '../auth/password.ts';
import { DEMO_PASSWORD, formatLogins, isDatabaseEmpty, seedDemoData } from '../../../prisma/seed.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

const migrationsDir = resolve(import.meta.dirname, '../../../prisma/migrations');

async function tableCounts(prisma: PrismaClient) {
  return {
    certifiers: await prisma.certifier.count(),
    partners: await prisma.partner.count(),
    users: await prisma.user.count(),
    candidates: await prisma.candidate.count(),
    attempts: await prisma.attempt.count(),
    competences: await prisma.competence.count(),
    criteria: await prisma.criterion.count(),
    orals: await prisma.oral.count(),
    scores: await prisma.score.count(),
    decisions: await prisma.decision.count(),
    cdcPassages: await prisma.cdcPassage.count(),
    quizQuestions: await prisma.quizQuestion.count(),
  };
}

describe('demo seed', () => {
  it('loads the demo certifier once, coherent across the whole journey', { timeout: 120_000 }, async () => {
    const db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
    try {
      await applyMigrations(db.raw, db.kind, migrationsDir);
      const prisma = db.prisma;
      expect(await isDatabaseEmpty(prisma)).toBe(true);

      const logins = await seedDemoData(prisma);
      expect(await isDatabaseEmpty(prisma)).toBe(false);

      // People
      expect(await prisma.certifier.count()).toBe(1);
      expect(await prisma.partner.count()).toBe(2);
      expect(await prisma.user.count({ where: { role: 'ADMIN' } })).toBe(1);
      expect(await prisma.user.count({ where: { role: 'PARTNER', partnerId: { not: null } } })).toBe(2);
      expect(await prisma.user.count({ where: { role: 'JUROR' } })).toBe(7); // six jurors and the CléA evaluator
      expect(await prisma.jurorProfile.count()).toBe(7);
      // The journey's 20 candidates, plus RS7070's questionnaire candidate (prisma/seed-questionnaire.ts), the
      // candidate-journey demo's (seed-candidate-journey.ts), the CléA demo's (seed-clea.ts) and the two VAE
      // candidates (seed-vae.ts); CQP0107's past cohorts (prisma/seed-statistics.ts) have no sign-in account.
      const journey = { attempts: { some: { certification: { code: { not: 'CQP0107' } } } } };
      expect(await prisma.candidate.count({ where: journey })).toBe(25);
      expect(await prisma.candidate.count({ where: { userId: null, attempts: { some: { certification: { code: 'CQP0107' } } } } })).toBe(16);
      expect(await prisma.candidate.count({ where: { userId: { not: null } } })).toBe(25);
      expect(await prisma.trainerLink.count()).toBe(1);
      expect(await prisma.conflictDeclaration.count()).toBe(1);
      expect(await prisma.accommodation.count({ where: { extraTimeMinutes: 10 } })).toBe(1);
      const certifier = await prisma.certifier.findFirstOrThrow();
      expect(certifier.siret).toMatch(/^\d{14}$/);
      expect(certifier.cdcClientId).toHaveLength(8);

      // Frameworks
      const rs = await prisma.frameworkVersion.findFirstOrThrow({
        where: { certification: { code: 'RS5302' }, version: 1 },
        include: { blocks: true, competences: { include: { criteria: true } } },
      });
      expect(rs.status).toBe('PUBLISHED');
      expect(rs.blocks).toHaveLength(4);
      expect(rs.competences).toHaveLength(16);
      expect(rs.competences.every((c) => c.criteria.length === 2)).toBe(true);
      expect(new Set(rs.competences.map((c) => c.modality))).toEqual(new Set(['QUESTIONNAIRE', 'PROJECT_FILE', 'ORAL']));
      const cqp = await prisma.frameworkVersion.findFirstOrThrow({
        where: { certification: { code: 'CQP0042', decisionRule: 'BY_BLOCK' }, status: 'PUBLISHED' },
        include: { blocks: true },
      });
      expect(cqp.blocks).toHaveLength(3);
      const quiz = await prisma.quizQuestion.count({ where: { frameworkVersionId: rs.id } });
      expect(quiz).toBeGreaterThanOrEqual(5);
      expect(quiz).toBeLessThanOrEqual(8);

      // Every stage of the journey but FROZEN and WITHDRAWN
      const states = await prisma.attempt.groupBy({ by: ['state'], _count: { _all: true } });
      const byState = Object.fromEntries(states.map((s) => [s.state, s._count._all]));
      for (const state of [
        'REGISTERED',
        'FILE_SUBMITTED',
        'FILE_ACKNOWLEDGED',
        'SCHEDULED',
        'IN_EVALUATION',
        'DECIDED',
        'RESULT_PUBLISHED',
      ]) {
        expect(byState[state], state).toBeGreaterThanOrEqual(1);
      }
      expect(byState.FROZEN).toBeUndefined();
      expect(byState.WITHDRAWN).toBeUndefined();

      // Project files: one acknowledgment overdue
      const overdue = await prisma.projectFile.count({ where: { acknowledgedAt: null, acknowledgeBy: { lt: new Date() } } });
      expect(overdue).toBe(1);

      // Decisions and CDC
      expect(await prisma.decision.count({ where: { outcome: 'CERTIFIED', rule: 'ALL_COMPETENCES' } })).toBeGreaterThanOrEqual(4);
      expect(await prisma.decision.count({ where: { outcome: 'NOT_CERTIFIED', attempt: { candidate: journey } } })).toBe(2); // the journey's and the candidate-journey demo's first attempt
      const partial = await prisma.decision.findFirstOrThrow({ where: { outcome: 'PARTIALLY_CERTIFIED', attempt: { candidate: journey } } });
      expect(partial.validatedBlockCodes).toEqual(['CQP0042BC01', 'CQP0042BC02']);
      expect(await prisma.acquiredBlock.count({ where: { decisionId: partial.id } })).toBe(2);
      const passages = await prisma.cdcPassage.findMany({ where: { status: 'PENDING' } });
      expect(passages.length).toBeGreaterThanOrEqual(4);
      for (const passage of passages) {
        expect(passage.idTechnique).toMatch(/^CJ-/);
        expect(passage.transmitBy.getTime()).toBeGreaterThan(passage.juryDate.getTime() + 85 * 86_400_000);
      }
      expect(await prisma.result.count({ where: { publishedAt: { not: null } } })).toBeGreaterThanOrEqual(5);

      // Signed orals carry both jurors' scores on every criterion, the agreed scores and two signatures
      const signed = await prisma.oral.findMany({
        where: { phase: 'SIGNED', attempt: { certification: { code: 'RS5302' } } },
        include: { scores: true, agreedScores: true, minutes: { include: { signatures: true } }, decision: true },
      });
      expect(signed.length).toBeGreaterThanOrEqual(5);
      for (const oral of signed) {
        expect(oral.scores).toHaveLength(2 * 32);
        expect(oral.agreedScores).toHaveLength(16);
        expect(oral.minutes?.signatures).toHaveLength(2);
        expect(oral.decision).not.toBeNull();
      }

      // The live room: an oral today, waiting, before juror1 (president), juror2 and juror3
      const startOfDay = new Date();
      startOfDay.setHours(0, 0, 0, 0);
      const today = await prisma.oral.findFirstOrThrow({
        where: { phase: 'WAITING', scheduledAt: { gte: startOfDay, lt: new Date(startOfDay.getTime() + 86_400_000) }, attempt: { certification: { code: 'RS5302' } } },
        include: { jury: { include: { members: { include: { juror: true } } } } },
      });
      const members = today.jury.members.map((m) => `${m.juror.email}:${m.role}`).sort();
      expect(members).toEqual([
        'juror1@demo.certijury.fr:PRESIDENT',
        'juror2@demo.certijury.fr:MEMBER',
        'juror3@demo.certijury.fr:MEMBER',
      ]);

      // Slots never overbooked; the next session keeps free slots
      const slots = await prisma.slot.findMany({ include: { bookings: true } });
      for (const slot of slots) {
        expect(slot.bookedCount).toBe(slot.bookings.length);
        expect(slot.bookedCount).toBeLessThanOrEqual(slot.capacity);
      }

      // Logins: every account exists and opens with the demo password
      expect(logins).toHaveLength(1 + 2 + 7 + 25);
      const users = await prisma.user.findMany();
      expect(new Set(users.map((u) => u.email))).toEqual(new Set(logins.map((l) => l.email)));
      expect(await verifyPassword(DEMO_PASSWORD, users[0].passwordHash)).toBe(true);
      expect(formatLogins(logins)).toContain('juror6@demo.certijury.fr');

      // A second run changes nothing
      const before = await tableCounts(prisma);
      const again = await seedDemoData(prisma);
      expect(again).toEqual(logins);
      expect(await tableCounts(prisma)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});
