// Demo data of the candidate portal's acceptance scenario (issue 10): Camille GIRARD (candidate21, Formapro
// Conseil, RS5302) failed her first attempt — result published five days ago, NOT_CERTIFIED, not contested yet —
// and retakes the certification: her second attempt's project file is acknowledged and she still has to choose
// an oral slot. One person can thus take a practice quiz, book a slot (attempt 2) and contest a published result
// (attempt 1), as `test/e2e/candidate-journey.browser.test.ts` does.
// The failed decision is a copy of Alexandre MOREL's (candidate16, same framework), without an oral of its own,
// so that no jury's list of orals and no seat count moves. Written in seedDemoData's transaction, after seed.ts.
import { createHash } from 'node:crypto';
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { demoId, type DemoLogin } from './seed-ids.ts';

export const CANDIDATE_JOURNEY_DEMO = {
  email: 'candidate21@demo.certijury.fr',
  firstName: 'Camille',
  birthName: 'GIRARD',
} as const;

export const CANDIDATE_JOURNEY_DEMO_LOGIN: DemoLogin = {
  role: 'CANDIDATE',
  email: CANDIDATE_JOURNEY_DEMO.email,
  note: 'Camille GIRARD (Formapro, RS5302) : 1re tentative non certifiée (résultat publié, contestable), 2e tentative : dossier accusé, créneau à choisir',
};

const id = (name: string) => demoId(`candidate-journey:${name}`);
const DAY = 86_400_000;

function daysAgo(now: Date, days: number, hours: number): Date {
  const date = new Date(now.getTime() - days * DAY);
  date.setHours(hours, 0, 0, 0);
  return date;
}

export async function seedCandidateJourneyDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  // Her partner is Maxime MOREAU's (Formapro Conseil); the failed decision is Alexandre MOREL's (RS5302).
  const sibling = await tx.candidate.findUniqueOrThrow({ where: { id: demoId('candidate:8') }, select: { partnerId: true, fileNumber: true, user: { select: { certifierId: true, passwordHash: true } } } });
  const failed = await tx.attempt.findUniqueOrThrow({
    where: { id: demoId('attempt:16') },
    select: {
      certificationId: true,
      frameworkVersionId: true,
      registeredById: true,
      decisions: { where: { supersededById: null }, select: { rule: true, ruleVersion: true, outcome: true, details: true, validatedBlockCodes: true } },
      result: { select: { publishedById: true } },
    },
  });
  const decision = failed.decisions[0];
  if (!decision || decision.outcome !== 'NOT_CERTIFIED') throw new Error('seed-candidate-journey: candidate16 has no failed decision to copy');
  const partnerUser = await tx.user.findFirstOrThrow({ where: { partnerId: sibling.partnerId }, select: { id: true } });

  const userId = id('user');
  const candidateId = id('candidate');
  const registeredAt = daysAgo(now, 120, 10);
  await tx.user.create({
    data: {
      id: userId,
      certifierId: sibling.user!.certifierId,
      email: CANDIDATE_JOURNEY_DEMO.email,
      passwordHash: sibling.user!.passwordHash,
      role: 'CANDIDATE',
      displayName: `${CANDIDATE_JOURNEY_DEMO.firstName} Girard`,
      createdAt: registeredAt,
    },
  });
  await tx.candidate.create({
    data: {
      id: candidateId,
      partnerId: sibling.partnerId,
      fileNumber: `${sibling.fileNumber.split('-')[0]}-${now.getFullYear()}-0021`,
      userId,
      email: CANDIDATE_JOURNEY_DEMO.email,
      birthName: CANDIDATE_JOURNEY_DEMO.birthName,
      firstName: CANDIDATE_JOURNEY_DEMO.firstName,
      sex: 'F',
      birthDate: new Date('1994-03-12T00:00:00.000Z'),
      birthInseeCode: '13055',
      birthPostalCode: '13001',
      birthCity: 'Marseille',
      createdAt: registeredAt,
    },
  });

  // Attempt 1: decided a week ago, published five days ago.
  const firstId = id('attempt:1');
  const juryDate = daysAgo(now, 7, 14);
  const publishedAt = daysAgo(now, 5, 11);
  await tx.attempt.create({
    data: {
      id: firstId,
      candidateId,
      certificationId: failed.certificationId,
      frameworkVersionId: failed.frameworkVersionId,
      attemptNumber: 1,
      state: 'RESULT_PUBLISHED',
      accessRoute: 'CONTINUING_TRAINING',
      funding: 'OPCO',
      blockCodesInScope: [],
      registeredById: partnerUser.id,
      createdAt: registeredAt,
    },
  });
  const decisionId = id('decision:1');
  await tx.decision.create({
    data: {
      id: decisionId,
      attemptId: firstId,
      frameworkVersionId: failed.frameworkVersionId,
      rule: decision.rule,
      ruleVersion: decision.ruleVersion,
      outcome: decision.outcome,
      details: decision.details as Prisma.InputJsonValue,
      validatedBlockCodes: decision.validatedBlockCodes,
      juryDate,
      decidedAt: juryDate,
    },
  });
  await tx.result.create({
    data: {
      id: id('result:1'),
      attemptId: firstId,
      decisionId,
      publishBy: new Date(juryDate.getTime() + 10 * DAY),
      publishedAt,
      publishedById: failed.result?.publishedById ?? null,
    },
  });

  // Attempt 2 (the retake): project file submitted four days ago, acknowledged two days ago.
  const secondId = id('attempt:2');
  const retakeAt = daysAgo(now, 4, 9);
  await tx.attempt.create({
    data: {
      id: secondId,
      candidateId,
      certificationId: failed.certificationId,
      frameworkVersionId: failed.frameworkVersionId,
      attemptNumber: 2,
      previousAttemptId: firstId,
      state: 'FILE_ACKNOWLEDGED',
      accessRoute: 'CONTINUING_TRAINING',
      funding: 'OPCO',
      blockCodesInScope: [],
      registeredById: userId,
      createdAt: retakeAt,
    },
  });
  const fileId = id('file:2');
  const hash = createHash('sha256').update('demo-project-file:candidate-journey:2').digest('hex');
  await tx.storedFile.create({
    data: {
      id: fileId,
      storageKey: `demo/${hash}`,
      filename: 'Dossier_professionnel_Girard_Camille_v2.pdf',
      mimeType: 'application/pdf',
      size: 912_400,
      sha256: hash,
      uploadedById: userId,
      createdAt: retakeAt,
    },
  });
  await tx.projectFile.create({
    data: {
      id: id('project-file:2'),
      attemptId: secondId,
      version: 1,
      fileId,
      submittedAt: retakeAt,
      acknowledgeBy: new Date(retakeAt.getTime() + 5 * DAY),
      acknowledgedAt: daysAgo(now, 2, 16),
      acknowledgedById: failed.result?.publishedById ?? null,
    },
  });
}
