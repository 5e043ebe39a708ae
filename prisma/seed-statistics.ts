// Demo data for the success-rate statistics and the feedback report: a third certification, CQP0107 (awarded
// block by block), with the published decisions of past cohorts over two jury years, and their feedback.
// Last year: 12 decided candidates (at or above the default threshold of 10: the public rate shows). This year:
// 5 (below it: withheld), among them a decision superseded after an appeal (only the new one counts) and a
// retake that had only the missing block in scope. These historical candidates have no sign-in account.
// Its own certification, so that the counts other tests rely on for RS5302 and CQP0042 do not move.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { decide, RULES_VERSION, type FrameworkShape } from '../server/src/modules/scoring/decision.rules.ts';
import { FEEDBACK_QUESTION_SET } from '../server/src/modules/feedback/feedback.rules.ts';
import { demoId } from './seed-ids.ts';

const DAY = 86_400_000;
const CODE = 'CQP0107';
const BLOCKS = [
  { code: 'CQP0107BC01', title: 'Contrôler la conformité des produits', competence: 'Mettre en œuvre un plan de contrôle' },
  { code: 'CQP0107BC02', title: 'Traiter les non-conformités', competence: 'Analyser une non-conformité et proposer une action corrective' },
  { code: 'CQP0107BC03', title: 'Animer la démarche qualité en atelier', competence: "Animer un point qualité avec l'équipe de production" },
];
const ALL = BLOCKS.map((block) => block.code);
const [BC01, BC02, BC03] = ALL;

type Outcome = 'CERTIFIED' | 'PARTIALLY_CERTIFIED' | 'NOT_CERTIFIED';
interface PastAttempt {
  n: number;
  partner: 'A' | 'B';
  /** 1: last year, 0: this year. */
  yearsAgo: 0 | 1;
  firstName: string;
  birthName: string;
  /** Blocks validated by the decision (the outcome follows from the rule). */
  validated: string[];
  /** Blocks in the scope of the attempt; empty = all. */
  scope?: string[];
  /** A retake of this attempt number (same candidate). */
  retakeOf?: number;
  /** Decided first with these blocks, then superseded after an appeal. */
  supersededValidated?: string[];
  feedback?: { ratings: number[]; comment?: string };
}

const PAST: PastAttempt[] = [
  { n: 1, partner: 'A', yearsAgo: 1, firstName: 'Julien', birthName: 'ARNAUD', validated: ALL, feedback: { ratings: [5, 4, 5, 5, 4, 4, 5], comment: 'Jury à l’écoute, questions précises et bienveillantes.' } },
  { n: 2, partner: 'A', yearsAgo: 1, firstName: 'Nadia', birthName: 'BENALI', validated: ALL, feedback: { ratings: [4, 4, 5, 5, 5, 3, 4] } },
  { n: 3, partner: 'A', yearsAgo: 1, firstName: 'Olivier', birthName: 'CARON', validated: ALL, feedback: { ratings: [3, 2, 4, 4, 3, 3, 3], comment: 'La convocation est arrivée tard ; le jour même, tout était bien organisé.' } },
  { n: 4, partner: 'A', yearsAgo: 1, firstName: 'Sandrine', birthName: 'DELORME', validated: ALL, feedback: { ratings: [5, 5, 5, 4, 4, 5, 5] } },
  { n: 5, partner: 'A', yearsAgo: 1, firstName: 'Yanis', birthName: 'EL AMRANI', validated: ALL, feedback: { ratings: [4, 3, 4, 5, 4, 4, 4], comment: 'Salle un peu bruyante, mais le jury a laissé le temps nécessaire.' } },
  { n: 6, partner: 'A', yearsAgo: 1, firstName: 'Élodie', birthName: 'FAURE', validated: [BC01, BC02], feedback: { ratings: [4, 4, 4, 3, 3, 4, 4] } },
  { n: 7, partner: 'A', yearsAgo: 1, firstName: 'Marc', birthName: 'GUILLOT', validated: [], feedback: { ratings: [2, 3, 3, 2, 2, 3, 2], comment: 'Attendus de la mise en situation à préciser dans le guide du candidat.' } },
  { n: 8, partner: 'B', yearsAgo: 1, firstName: 'Inès', birthName: 'HAMON', validated: ALL },
  { n: 9, partner: 'B', yearsAgo: 1, firstName: 'Thomas', birthName: 'IMBERT', validated: ALL },
  { n: 10, partner: 'B', yearsAgo: 1, firstName: 'Chloé', birthName: 'JACOB', validated: ALL },
  { n: 11, partner: 'B', yearsAgo: 1, firstName: 'Romain', birthName: 'KLEIN', validated: [BC01] },
  { n: 12, partner: 'B', yearsAgo: 1, firstName: 'Laura', birthName: 'LEBRUN', validated: [] },
  { n: 13, partner: 'A', yearsAgo: 0, firstName: 'Hugo', birthName: 'MARCHAND', validated: ALL, feedback: { ratings: [5, 5, 4, 5, 5, 4, 5], comment: 'Très bonne organisation.' } },
  { n: 14, partner: 'B', yearsAgo: 0, firstName: 'Camille', birthName: 'NOËL', validated: ALL, feedback: { ratings: [4, 4, 4, 4, 4, 4, 4] } },
  { n: 15, partner: 'B', yearsAgo: 0, firstName: 'Sofiane', birthName: 'OUDIN', validated: [] },
  { n: 16, partner: 'A', yearsAgo: 0, firstName: 'Manon', birthName: 'PERRIN', validated: [BC01], supersededValidated: [] },
  // Élodie FAURE's retake of the block she missed.
  { n: 17, partner: 'A', yearsAgo: 0, firstName: 'Élodie', birthName: 'FAURE', validated: [BC03], scope: [BC03], retakeOf: 6 },
];

/** Adds CQP0107 and its past cohorts (only new rows). Runs inside the demo seed's transaction. */
export async function seedStatisticsDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const certificationId = demoId(`certification:${CODE}`);
  const frameworkVersionId = demoId(`framework:${CODE}:1`);
  const adminId = demoId('user:admin');
  const thisYear = now.getFullYear();
  const createdAt = new Date(Date.UTC(thisYear - 2, 8, 1, 9));
  // Last year's juries in June and November; this year's one some weeks ago (never in the future).
  const juryDateOf = (past: PastAttempt) =>
    past.yearsAgo === 1
      ? new Date(Date.UTC(thisYear - 1, past.n % 2 ? 5 : 10, 12, 9))
      : new Date(Math.min(now.getTime() - 2 * 3_600_000, Math.max(Date.UTC(thisYear, 0, 10, 9), now.getTime() - 40 * DAY)));

  await tx.certification.create({
    data: {
      id: certificationId,
      certifierId: demoId('certifier'),
      registry: 'CQP',
      code: CODE,
      title: 'CQP Technicien(ne) qualité en production industrielle',
      decisionRule: 'BY_BLOCK',
      minJurySize: 2,
      createdAt,
    },
  });
  await tx.frameworkVersion.create({
    data: { id: frameworkVersionId, certificationId, version: 1, status: 'PUBLISHED', scaleMin: 0, scaleMax: 4, publishedAt: createdAt, createdAt },
  });
  const framework: FrameworkShape = { blocks: [] };
  for (const [index, block] of BLOCKS.entries()) {
    const blockId = demoId(`block:${CODE}:1:${block.code}`);
    const competence = { id: demoId(`competence:${CODE}:1:C${index + 1}`), code: `C${index + 1}`, title: block.competence, minimumScore: 2 };
    const criterionId = demoId(`criterion:${CODE}:1:C${index + 1}.1`);
    await tx.block.create({ data: { id: blockId, frameworkVersionId, code: block.code, title: block.title, position: index + 1 } });
    await tx.competence.create({ data: { ...competence, frameworkVersionId, blockId, position: index + 1, modality: 'ORAL' } });
    await tx.criterion.create({ data: { id: criterionId, competenceId: competence.id, code: `C${index + 1}.1`, description: block.competence, position: 1 } });
    framework.blocks.push({ code: block.code, title: block.title, competences: [{ ...competence, criteria: [{ id: criterionId }] }] });
  }
  const decisionOf = (validated: string[], scope: string[], acquired: string[]) => {
    // Agreed scores: 3 in the validated blocks, 1 elsewhere (minimum 2).
    const agreed = Object.fromEntries(framework.blocks.map((block) => [block.competences[0].id, validated.includes(block.code) ? 3 : 1]));
    const result = decide({ rule: 'BY_BLOCK', framework, agreed, blockCodesInScope: scope, acquiredBlockCodes: acquired });
    const details: Prisma.InputJsonObject = JSON.parse(JSON.stringify({ blocks: result.blocks, explanation: result.explanation }));
    return { outcome: result.outcome as Outcome, validatedBlockCodes: result.validatedBlockCodes, details };
  };

  const candidateIdOf = (past: PastAttempt) => demoId(`stat-candidate:${past.retakeOf ?? past.n}`);
  for (const past of PAST) {
    const partnerId = demoId(`partner:${past.partner}`);
    const attemptId = demoId(`stat-attempt:${past.n}`);
    const juryDate = juryDateOf(past);
    const registeredAt = new Date(juryDate.getTime() - 60 * DAY);
    if (!past.retakeOf) {
      await tx.candidate.create({
        data: {
          id: candidateIdOf(past),
          partnerId,
          fileNumber: `${past.partner === 'A' ? 'FP' : 'AC'}-Q${thisYear - past.yearsAgo}-${String(past.n).padStart(3, '0')}`,
          email: `${past.firstName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${past.birthName.replace(/\W/g, '').toLowerCase()}@exemple.fr`,
          birthName: past.birthName,
          firstName: past.firstName,
          createdAt: registeredAt,
        },
      });
    }
    const acquired = past.retakeOf ? PAST.find((earlier) => earlier.n === past.retakeOf)!.validated : [];
    await tx.attempt.create({
      data: {
        id: attemptId,
        candidateId: candidateIdOf(past),
        certificationId,
        frameworkVersionId,
        attemptNumber: past.retakeOf ? 2 : 1,
        previousAttemptId: past.retakeOf ? demoId(`stat-attempt:${past.retakeOf}`) : null,
        state: 'RESULT_PUBLISHED',
        accessRoute: 'CONTINUING_TRAINING',
        blockCodesInScope: past.scope ?? [],
        registeredById: demoId(`user:partner${past.partner}`),
        createdAt: registeredAt,
      },
    });
    const decisionId = demoId(`stat-decision:${past.n}`);
    const decided = decisionOf(past.validated, past.scope ?? [], acquired);
    const base = { attemptId, frameworkVersionId, rule: 'BY_BLOCK' as const, ruleVersion: RULES_VERSION.BY_BLOCK, juryDate };
    await tx.decision.create({ data: { ...base, id: decisionId, ...decided, decidedAt: juryDate } });
    if (past.supersededValidated) {
      // The first decision, contested and re-evaluated: superseded by the one above, which the result carries.
      await tx.decision.create({
        data: { ...base, id: demoId(`stat-decision:${past.n}:superseded`), ...decisionOf(past.supersededValidated, [], []), decidedAt: juryDate, supersededById: decisionId },
      });
    }
    const publishedAt = new Date(Math.min(juryDate.getTime() + 4 * DAY, now.getTime() - 3_600_000));
    await tx.result.create({
      data: { id: demoId(`stat-result:${past.n}`), attemptId, decisionId, publishBy: new Date(juryDate.getTime() + 10 * DAY), publishedAt, publishedById: adminId },
    });
    for (const blockCode of decided.validatedBlockCodes) {
      await tx.acquiredBlock.create({
        data: { id: demoId(`stat-acquired:${past.n}:${blockCode}`), candidateId: candidateIdOf(past), certificationId, blockCode, acquiredAt: juryDate, decisionId },
      });
    }
    if (past.feedback) {
      const ratings = Object.fromEntries(FEEDBACK_QUESTION_SET.questions.map((question, index) => [question, past.feedback!.ratings[index]]));
      await tx.feedback.create({
        data: {
          id: demoId(`stat-feedback:${past.n}`),
          attemptId,
          ratings: { questionSetVersion: FEEDBACK_QUESTION_SET.version, ...ratings },
          comment: past.feedback.comment ?? null,
          createdAt: new Date(Math.min(juryDate.getTime() + DAY, now.getTime() - 3_600_000)),
        },
      });
    }
  }
}
