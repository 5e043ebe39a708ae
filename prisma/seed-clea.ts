// Demo data of the CléA pathway (issue 13): the CléA certification with its 7 modules (one block each, see the
// README), its 1:1 commission rule, an evaluator (Hélène FAURE, a juror who trains nowhere), a balanced joint
// commission (juror2 and juror4 for the employers, juror3 and juror5 for the employees), and one candidate mid-path:
// Karim HADDAD (Formapro Conseil), preliminary evaluation 40 days ago, modules 3 and 7 not mastered, his training
// path set (Atelier Compétences for the digital module, Formapro for safety). Written in seedDemoData's
// transaction, after seed.ts.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { demoId, type DemoLogin } from './seed-ids.ts';

export const CLEA_MODULES = [
  { code: 'CLEA-D1', title: 'Communiquer en français' },
  { code: 'CLEA-D2', title: 'Utiliser les règles de base de calcul et du raisonnement mathématique' },
  { code: 'CLEA-D3', title: "Utiliser les techniques usuelles de l'information et de la communication numérique" },
  { code: 'CLEA-D4', title: "Travailler dans le cadre de règles définies d'un travail en équipe" },
  { code: 'CLEA-D5', title: 'Travailler en autonomie et réaliser un objectif individuel' },
  { code: 'CLEA-D6', title: 'Apprendre à apprendre tout au long de la vie' },
  {
    code: 'CLEA-D7',
    title: "Maîtriser les gestes et postures, et respecter des règles d'hygiène, de sécurité et environnementales élémentaires",
  },
] as const;

export const CLEA_DEMO = {
  candidateEmail: 'candidate-clea@demo.certijury.fr',
  evaluatorEmail: 'evaluator-clea@demo.certijury.fr',
} as const;

export const CLEA_DEMO_LOGINS: DemoLogin[] = [
  { role: 'CANDIDATE', email: CLEA_DEMO.candidateEmail, note: 'Karim HADDAD (Formapro, CléA) : évaluation préalable faite, modules 3 et 7 non maîtrisés, parcours de formation fixé' },
  { role: 'JUROR', email: CLEA_DEMO.evaluatorEmail, note: 'Hélène FAURE, évaluatrice CléA (ne forme aucun candidat)' },
];

const id = (name: string) => demoId(`clea:${name}`);
const DAY = 86_400_000;

export async function seedCleaDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const sibling = await tx.candidate.findUniqueOrThrow({ where: { id: demoId('candidate:8') }, select: { partnerId: true, user: { select: { certifierId: true, passwordHash: true } } } });
  const certifierId = sibling.user!.certifierId;
  const passwordHash = sibling.user!.passwordHash;
  const partners = await tx.partner.findMany({ where: { certifierId }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
  const formapro = partners.find((p) => p.id === sibling.partnerId)!;
  const other = partners.find((p) => p.id !== sibling.partnerId) ?? formapro;

  const certificationId = id('certification');
  const frameworkId = id('framework:1');
  const createdAt = new Date(now.getTime() - 400 * DAY);
  await tx.certification.create({
    data: {
      id: certificationId,
      certifierId,
      registry: 'CLEA',
      code: 'CLEA',
      title: 'CléA — Certificat de connaissances et de compétences professionnelles',
      decisionRule: 'BY_BLOCK',
      minJurySize: 2,
      createdAt,
    },
  });
  await tx.frameworkVersion.create({
    data: {
      id: frameworkId,
      certificationId,
      version: 1,
      status: 'PUBLISHED',
      scaleMin: 0,
      scaleMax: 1,
      scaleLabels: { '0': 'Non maîtrisé', '1': 'Maîtrisé' },
      publishedAt: createdAt,
      createdAt,
    },
  });
  for (const [index, module] of CLEA_MODULES.entries()) {
    const blockId = id(`block:${module.code}`);
    await tx.block.create({ data: { id: blockId, frameworkVersionId: frameworkId, code: module.code, title: module.title, position: index + 1 } });
    await tx.competence.create({
      data: {
        id: id(`competence:${module.code}`),
        frameworkVersionId: frameworkId,
        blockId,
        code: `${module.code}.1`,
        title: module.title,
        position: 1,
        modality: 'OBSERVATION',
        minimumScore: 1,
        criteria: { create: [{ id: id(`criterion:${module.code}`), code: `${module.code}.1.1`, description: `Maîtrise du domaine : ${module.title.toLowerCase()}`, position: 1 }] },
      },
    });
  }
  await tx.cleaCommissionRule.create({ data: { certificationId, employerSeats: 1, employeeSeats: 1 } });

  const evaluatorId = id('user:evaluator');
  await tx.user.create({
    data: { id: evaluatorId, certifierId, email: CLEA_DEMO.evaluatorEmail, passwordHash, role: 'JUROR', displayName: 'Hélène Faure', createdAt },
  });
  await tx.jurorProfile.create({ data: { userId: evaluatorId, profession: 'Évaluatrice CléA', employer: 'Réseau des évaluateurs CléA Île-de-France' } });

  await tx.jury.create({
    data: {
      id: id('commission'),
      certificationId,
      name: 'Commission paritaire CléA — Île-de-France',
      kind: 'COMMISSION',
      members: {
        create: [
          { jurorId: demoId('user:juror2'), role: 'PRESIDENT', representation: 'EMPLOYER' },
          { jurorId: demoId('user:juror3'), role: 'MEMBER', representation: 'EMPLOYEE' },
          { jurorId: demoId('user:juror4'), role: 'MEMBER', representation: 'EMPLOYER' },
          { jurorId: demoId('user:juror5'), role: 'MEMBER', representation: 'EMPLOYEE' },
        ],
      },
    },
  });

  const userId = id('user:candidate');
  const candidateId = id('candidate');
  const registeredAt = new Date(now.getTime() - 60 * DAY);
  await tx.user.create({ data: { id: userId, certifierId, email: CLEA_DEMO.candidateEmail, passwordHash, role: 'CANDIDATE', displayName: 'Karim Haddad', createdAt: registeredAt } });
  await tx.candidate.create({
    data: {
      id: candidateId,
      partnerId: formapro.id,
      fileNumber: `CLEA-${now.getFullYear()}-0001`,
      userId,
      email: CLEA_DEMO.candidateEmail,
      birthName: 'HADDAD',
      firstName: 'Karim',
      sex: 'M',
      birthDate: new Date('1988-09-04T00:00:00.000Z'),
      birthInseeCode: '93066',
      birthPostalCode: '93200',
      birthCity: 'Saint-Denis',
      createdAt: registeredAt,
    },
  });
  const attemptId = id('attempt');
  await tx.attempt.create({
    data: { id: attemptId, candidateId, certificationId, frameworkVersionId: frameworkId, state: 'REGISTERED', accessRoute: 'CONTINUING_TRAINING', funding: 'OPCO', createdAt: registeredAt },
  });
  const fileId = id('file');
  await tx.cleaFile.create({ data: { id: fileId, attemptId, evaluatorId, evaluatorAssignedAt: new Date(now.getTime() - 45 * DAY), createdAt: new Date(now.getTime() - 45 * DAY) } });
  const preliminaryId = id('evaluation:preliminary');
  const evaluatedAt = new Date(now.getTime() - 40 * DAY);
  const notMastered: Record<string, string> = {
    'CLEA-D3': 'Envoyer un courriel avec pièce jointe et remplir un formulaire en ligne restent difficiles.',
    'CLEA-D7': 'Les règles de sécurité du poste sont connues mais pas les gestes de premiers secours.',
  };
  await tx.cleaEvaluation.create({
    data: {
      id: preliminaryId,
      fileId,
      kind: 'PRELIMINARY',
      evaluatorId,
      recordedById: evaluatorId,
      evaluatedAt,
      recordedAt: evaluatedAt,
      results: {
        create: CLEA_MODULES.map((module) => ({ blockCode: module.code, mastered: !(module.code in notMastered), comment: notMastered[module.code] ?? null })),
      },
    },
  });
  await tx.cleaTrainingLine.createMany({
    data: [
      {
        id: id('training:D3'),
        fileId,
        preliminaryId,
        blockCode: 'CLEA-D3',
        toTrain: 'Messagerie électronique, pièces jointes et démarches en ligne : 21 heures en atelier numérique.',
        partnerId: other.id,
        createdAt: evaluatedAt,
      },
      {
        id: id('training:D7'),
        fileId,
        preliminaryId,
        blockCode: 'CLEA-D7',
        toTrain: 'Gestes et postures, sauveteur secouriste du travail (SST) : 14 heures.',
        partnerId: formapro.id,
        createdAt: evaluatedAt,
      },
    ],
  });
}
