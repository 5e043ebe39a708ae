// Demo data for the assessed questionnaire (issue 8): a fourth certification, RS7070, whose framework assesses
// two competences by questionnaire (modality QUESTIONNAIRE) beside one by oral, with a small question bank;
// and one candidate at Atelier Compétences (partner B), Inès BERTRAND (candidate-qcm@demo.certijury.fr), whose
// oral is today (jury: juror4 president, juror5) and who has not taken the questionnaire yet.
// Its own certification and jury, so that the counts other tests rely on for the other certifications do not move.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { demoId, type DemoLogin } from './seed-ids.ts';

export const QUESTIONNAIRE_DEMO = {
  certificationCode: 'RS7070',
  candidateEmail: 'candidate-qcm@demo.certijury.fr',
  president: 'juror4@demo.certijury.fr',
  member: 'juror5@demo.certijury.fr',
} as const;

export const QUESTIONNAIRE_DEMO_LOGIN: DemoLogin = {
  role: 'CANDIDATE',
  email: QUESTIONNAIRE_DEMO.candidateEmail,
  note: 'Inès BERTRAND (Atelier Compétences, RS7070) : oral aujourd’hui, questionnaire chronométré à passer',
};

const id = (name: string) => demoId(`questionnaire:${name}`);

type Draft = { kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'TRUE_FALSE' | 'NUMERIC'; prompt: string; choices?: { id: string; label: string }[]; correct: unknown; explanation: string };

const BANK: Record<'C2' | 'C3', Draft[]> = {
  C2: [
    { kind: 'TRUE_FALSE', prompt: 'Un organisme de formation doit remettre le règlement intérieur à chaque stagiaire avant son entrée en formation.', correct: 'true', explanation: 'Article L6352-4 du Code du travail.' },
    {
      kind: 'SINGLE_CHOICE',
      prompt: 'Quelle certification qualité est exigée des organismes financés par des fonds publics ou mutualisés ?',
      choices: [{ id: 'a', label: 'Qualiopi' }, { id: 'b', label: 'ISO 14001' }, { id: 'c', label: 'Datadock' }],
      correct: 'a',
      explanation: 'Qualiopi, depuis le 1er janvier 2022.',
    },
    { kind: 'NUMERIC', prompt: 'Combien d’indicateurs compte le référentiel national qualité (Qualiopi) ?', correct: { value: 32, tolerance: 0 }, explanation: '32 indicateurs répartis en 7 critères.' },
    {
      kind: 'MULTIPLE_CHOICE',
      prompt: 'Quelles mentions figurent obligatoirement dans une convention de formation ?',
      choices: [{ id: 'a', label: 'L’intitulé et les objectifs de l’action' }, { id: 'b', label: 'Le prix et les modalités de règlement' }, { id: 'c', label: 'Le numéro de sécurité sociale du stagiaire' }],
      correct: ['a', 'b'],
      explanation: 'Article R6353-1 du Code du travail ; jamais le numéro de sécurité sociale.',
    },
  ],
  C3: [
    {
      kind: 'SINGLE_CHOICE',
      prompt: 'Quel dispositif permet à un salarié de financer une certification inscrite au RNCP ou au RS avec ses droits acquis ?',
      choices: [{ id: 'a', label: 'Le compte personnel de formation (CPF)' }, { id: 'b', label: 'Le plan d’épargne entreprise' }, { id: 'c', label: 'Le compte épargne-temps' }],
      correct: 'a',
      explanation: 'Le CPF finance les certifications enregistrées.',
    },
    { kind: 'TRUE_FALSE', prompt: 'Une OPCO finance les formations des demandeurs d’emploi non salariés.', correct: 'false', explanation: 'C’est le rôle de France Travail ou de la Région ; les OPCO financent les salariés des entreprises adhérentes.' },
    { kind: 'NUMERIC', prompt: 'Combien d’euros sont crédités par an sur le CPF d’un salarié à temps plein (hors plafond majoré) ?', correct: { value: 500, tolerance: 0 }, explanation: '500 € par an, dans la limite de 5 000 €.' },
    {
      kind: 'MULTIPLE_CHOICE',
      prompt: 'Quels financeurs peuvent prendre en charge un parcours de VAE ?',
      choices: [{ id: 'a', label: 'Le CPF' }, { id: 'b', label: 'L’employeur' }, { id: 'c', label: 'La caisse d’allocations familiales' }],
      correct: ['a', 'b'],
      explanation: 'CPF, employeur (plan de développement des compétences), OPCO, France Travail, Région.',
    },
  ],
};

export async function seedQuestionnaireDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const certifierId = demoId('certifier');
  const partnerId = demoId('partner:B');
  const [president, member, anyCandidateUser] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { email: QUESTIONNAIRE_DEMO.president }, select: { id: true } }),
    tx.user.findUniqueOrThrow({ where: { email: QUESTIONNAIRE_DEMO.member }, select: { id: true } }),
    // Same demo password as every demo account.
    tx.user.findFirstOrThrow({ where: { role: 'CANDIDATE' }, select: { passwordHash: true } }),
  ]);

  const certificationId = id('certification');
  const frameworkVersionId = id('framework:1');
  await tx.certification.create({
    data: {
      id: certificationId,
      certifierId,
      registry: 'RS',
      code: QUESTIONNAIRE_DEMO.certificationCode,
      title: 'Accueillir et informer le public d’un organisme de formation',
      decisionRule: 'ALL_COMPETENCES',
      assessedQuestionnaire: true,
      questionnaireMinutes: 20,
      questionnaireQuestions: 6,
    },
  });
  await tx.frameworkVersion.create({ data: { id: frameworkVersionId, certificationId, version: 1, status: 'PUBLISHED', publishedAt: now, scaleMin: 0, scaleMax: 4 } });
  const blocks = [
    { code: 'RS7070BC01', title: 'Accueillir le public', competences: [{ code: 'C1', title: 'Conduire un entretien d’accueil', modality: 'ORAL' as const, criteria: ['Reformule la demande', 'Oriente vers l’interlocuteur adapté'] }, { code: 'C2', title: 'Connaître le cadre réglementaire de la formation', modality: 'QUESTIONNAIRE' as const, criteria: [] }] },
    { code: 'RS7070BC02', title: 'Informer sur les financements', competences: [{ code: 'C3', title: 'Présenter les dispositifs de financement', modality: 'QUESTIONNAIRE' as const, criteria: [] }] },
  ];
  let competencePosition = 0;
  for (const [blockIndex, block] of blocks.entries()) {
    const blockId = id(`block:${block.code}`);
    await tx.block.create({ data: { id: blockId, frameworkVersionId, code: block.code, title: block.title, position: blockIndex + 1 } });
    for (const competence of block.competences) {
      const competenceId = id(`competence:${competence.code}`);
      await tx.competence.create({
        data: { id: competenceId, frameworkVersionId, blockId, code: competence.code, title: competence.title, position: ++competencePosition, modality: competence.modality, minimumScore: 2 },
      });
      if (competence.criteria.length) {
        await tx.criterion.createMany({ data: competence.criteria.map((description, index) => ({ id: id(`criterion:${competence.code}:${index + 1}`), competenceId, code: `${competence.code}.${index + 1}`, description, position: index + 1 })) });
      }
      const drafts = BANK[competence.code as keyof typeof BANK] ?? [];
      await tx.quizQuestion.createMany({
        data: drafts.map((draft, index) => ({
          id: id(`question:${competence.code}:${index + 1}`),
          frameworkVersionId,
          competenceId,
          kind: draft.kind,
          prompt: draft.prompt,
          choices: draft.kind === 'TRUE_FALSE' ? [{ id: 'true', label: 'Vrai' }, { id: 'false', label: 'Faux' }] : draft.choices,
          correctAnswer: draft.correct as Prisma.InputJsonValue,
          explanation: draft.explanation,
        })),
      });
    }
  }

  const userId = id('user:candidate');
  const candidateId = id('candidate');
  await tx.user.create({ data: { id: userId, certifierId, email: QUESTIONNAIRE_DEMO.candidateEmail, passwordHash: anyCandidateUser.passwordHash, role: 'CANDIDATE', displayName: 'Inès BERTRAND' } });
  await tx.candidate.create({
    data: { id: candidateId, partnerId, userId, fileNumber: `AC-${now.getFullYear()}-QCM1`, email: QUESTIONNAIRE_DEMO.candidateEmail, birthName: 'BERTRAND', firstName: 'Inès', sex: 'F', birthDate: new Date('1994-06-12') },
  });
  const attemptId = id('attempt');
  await tx.attempt.create({ data: { id: attemptId, candidateId, certificationId, frameworkVersionId, state: 'SCHEDULED', accessRoute: 'CONTINUING_TRAINING', funding: 'CPF' } });

  const scheduledAt = new Date(now.getTime() + 2 * 3600_000);
  const examSessionId = id('session');
  await tx.examSession.create({
    data: { id: examSessionId, certificationId, title: 'Session RS7070 du jour', startsAt: now, endsAt: new Date(now.getTime() + 6 * 3600_000), mode: 'ON_SITE', place: 'Lyon, 12 rue de la Part-Dieu' },
  });
  const juryId = id('jury');
  await tx.jury.create({ data: { id: juryId, certificationId, examSessionId, name: 'Jury RS7070' } });
  await tx.juryMember.createMany({
    data: [
      { juryId, jurorId: president.id, role: 'PRESIDENT' },
      { juryId, jurorId: member.id, role: 'MEMBER' },
    ],
  });
  await tx.oral.create({ data: { id: id('oral'), attemptId, juryId, scheduledAt } });
}
