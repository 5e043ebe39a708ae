// Demo data for CQP block bridges and VAE (issue 13): two CQPs of the industry branch, both registered in the
// RNCP, that share an equivalent block (CQP0101BC03 "Maintenance de premier niveau" ≡ CQP0102BC02), and a VAE
// candidate at Formapro Conseil (partner A), Sandrine MOREL (candidate-vae@demo.certijury.fr), registered for
// CQP0101 by the VAE route with two experience periods awaiting an admin's review (13 months once merged: they
// overlap by two months). The demo CQP0042 is marked as registered in the RNCP, so that its VAE candidate
// (candidate20) may become eligible. Own certifications and candidate: the counts other tests rely on for the
// other certifications do not move (the candidate count grows by two: a second VAE candidate, Julien ROCHE
// (candidate-vae2@demo.certijury.fr, Atelier Compétences), registered for CQP0102 by the VAE route, has declared nothing yet).
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { demoId, type DemoLogin } from './seed-ids.ts';

export const VAE_DEMO = {
  candidateEmail: 'candidate-vae@demo.certijury.fr',
  /** A second VAE candidate, for CQP0102, who has declared nothing yet. */
  secondCandidateEmail: 'candidate-vae2@demo.certijury.fr',
  certificationA: 'CQP0101',
  certificationB: 'CQP0102',
  bridge: { a: 'CQP0101BC03', b: 'CQP0102BC02' },
} as const;

export const VAE_DEMO_LOGINS: DemoLogin[] = [
  { role: 'CANDIDATE', email: VAE_DEMO.candidateEmail, note: 'Sandrine MOREL (Formapro Conseil, CQP0101 par la VAE) : deux périodes d’expérience à vérifier' },
  { role: 'CANDIDATE', email: VAE_DEMO.secondCandidateEmail, note: 'Julien ROCHE (Atelier Compétences, CQP0102 par la VAE) : aucune expérience déclarée' },
];

const id = (name: string) => demoId(`vae:${name}`);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface BlockDraft {
  code: string;
  title: string;
  competences: { code: string; title: string; criteria: string[] }[];
}

const CQP_A: BlockDraft[] = [
  { code: 'CQP0101BC01', title: 'Conduire une ligne de production automatisée', competences: [{ code: 'A1', title: 'Démarrer et arrêter la ligne en sécurité', criteria: ['Applique la procédure de démarrage', 'Contrôle les sécurités avant mise en route'] }] },
  { code: 'CQP0101BC02', title: 'Contrôler la qualité des produits', competences: [{ code: 'A2', title: 'Réaliser les autocontrôles', criteria: ['Utilise les instruments de mesure', 'Renseigne la fiche de suivi qualité'] }] },
  { code: 'CQP0101BC03', title: 'Assurer la maintenance de premier niveau', competences: [{ code: 'A3', title: 'Réaliser les opérations de maintenance préventive', criteria: ['Suit la gamme de maintenance', 'Signale les anomalies'] }] },
];

const CQP_B: BlockDraft[] = [
  { code: 'CQP0102BC01', title: "Piloter une installation de production", competences: [{ code: 'B1', title: "Régler les paramètres de l'installation", criteria: ['Ajuste les paramètres selon la fiche', 'Vérifie la conformité des premières pièces'] }] },
  { code: 'CQP0102BC02', title: 'Assurer la maintenance de premier niveau', competences: [{ code: 'B2', title: 'Réaliser les opérations de maintenance préventive', criteria: ['Suit la gamme de maintenance', 'Signale les anomalies'] }] },
  { code: 'CQP0102BC03', title: "Animer une équipe de production", competences: [{ code: 'B3', title: 'Transmettre les consignes de production', criteria: ["Organise la prise de poste", "S'assure de la compréhension des consignes"] }] },
];

async function addCqp(tx: Prisma.TransactionClient, now: Date, code: string, rncpCode: string, title: string, blocks: BlockDraft[]) {
  const certificationId = id(`certification:${code}`);
  const frameworkVersionId = id(`framework:${code}:1`);
  await tx.certification.create({
    data: { id: certificationId, certifierId: demoId('certifier'), registry: 'CQP', code, rncpCode, title, level: 4, decisionRule: 'BY_BLOCK', aggregationMethod: 'MEAN', minJurySize: 2 },
  });
  await tx.frameworkVersion.create({ data: { id: frameworkVersionId, certificationId, version: 1, status: 'PUBLISHED', publishedAt: now, scaleMin: 0, scaleMax: 4 } });
  let position = 0;
  for (const [blockIndex, block] of blocks.entries()) {
    const blockId = id(`block:${block.code}`);
    await tx.block.create({ data: { id: blockId, frameworkVersionId, code: block.code, title: block.title, position: blockIndex + 1 } });
    for (const competence of block.competences) {
      const competenceId = id(`competence:${code}:${competence.code}`);
      await tx.competence.create({ data: { id: competenceId, frameworkVersionId, blockId, code: competence.code, title: competence.title, position: ++position, modality: 'INTERVIEW', minimumScore: 2 } });
      await tx.criterion.createMany({
        data: competence.criteria.map((description, index) => ({ id: id(`criterion:${code}:${competence.code}:${index + 1}`), competenceId, code: `${competence.code}.${index + 1}`, description, position: index + 1 })),
      });
    }
  }
  return { certificationId, frameworkVersionId };
}

export async function seedVaeDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  // The demo CQP0042 is registered in the RNCP too (its candidate20 follows the VAE route).
  await tx.certification.update({ where: { code: 'CQP0042' }, data: { rncpCode: 'RNCP35412' } });

  const a = await addCqp(tx, now, VAE_DEMO.certificationA, 'RNCP37001', 'CQP Conducteur(trice) de ligne automatisée', CQP_A);
  const b = await addCqp(tx, now, VAE_DEMO.certificationB, 'RNCP37002', "CQP Pilote d'installation de production", CQP_B);
  await tx.blockEquivalence.create({
    data: { id: id('equivalence:maintenance'), fromCertificationCode: VAE_DEMO.certificationA, fromBlockCode: VAE_DEMO.bridge.a, toCertificationCode: VAE_DEMO.certificationB, toBlockCode: VAE_DEMO.bridge.b },
  });

  const anyCandidateUser = await tx.user.findFirstOrThrow({ where: { role: 'CANDIDATE' }, select: { passwordHash: true } });
  const userId = id('user:candidate');
  const candidateId = id('candidate');
  await tx.user.create({ data: { id: userId, certifierId: demoId('certifier'), email: VAE_DEMO.candidateEmail, passwordHash: anyCandidateUser.passwordHash, role: 'CANDIDATE', displayName: 'Sandrine MOREL' } });
  await tx.candidate.create({
    data: { id: candidateId, partnerId: demoId('partner:A'), userId, fileNumber: `FP-${now.getFullYear()}-VAE1`, email: VAE_DEMO.candidateEmail, birthName: 'MOREL', firstName: 'Sandrine', sex: 'F', birthDate: new Date('1985-02-14') },
  });
  const attemptId = id('attempt');
  await tx.attempt.create({ data: { id: attemptId, candidateId, certificationId: a.certificationId, frameworkVersionId: a.frameworkVersionId, accessRoute: 'VAE', funding: 'CPF', createdAt: new Date(now.getTime() - 5 * 86_400_000) } });
  await tx.experiencePeriod.createMany({
    data: [
      {
        id: id('experience:1'),
        attemptId,
        employer: 'Plastiques du Rhône SAS',
        jobTitle: 'Opératrice de production',
        activities: 'Conduite de la ligne d’extrusion, autocontrôles dimensionnels, maintenance préventive de premier niveau.',
        startDate: day('2019-01-01'),
        endDate: day('2019-08-31'),
        createdAt: new Date(now.getTime() - 4 * 86_400_000),
      },
      {
        id: id('experience:2'),
        attemptId,
        employer: 'Emballages Lyonnais',
        jobTitle: 'Conductrice de ligne (intérim)',
        activities: 'Démarrage et arrêt de la ligne de conditionnement, réglages, remplissage des fiches de suivi qualité.',
        startDate: day('2019-07-01'),
        endDate: day('2020-01-31'),
        createdAt: new Date(now.getTime() - 4 * 86_400_000 + 60_000),
      },
    ],
  });

  const secondUserId = id('user:candidate2');
  const secondCandidateId = id('candidate2');
  await tx.user.create({ data: { id: secondUserId, certifierId: demoId('certifier'), email: VAE_DEMO.secondCandidateEmail, passwordHash: anyCandidateUser.passwordHash, role: 'CANDIDATE', displayName: 'Julien ROCHE' } });
  await tx.candidate.create({
    data: { id: secondCandidateId, partnerId: demoId('partner:B'), userId: secondUserId, fileNumber: `AC-${now.getFullYear()}-VAE2`, email: VAE_DEMO.secondCandidateEmail, birthName: 'ROCHE', firstName: 'Julien', sex: 'M', birthDate: new Date('1979-09-03') },
  });
  await tx.attempt.create({ data: { id: id('attempt2'), candidateId: secondCandidateId, certificationId: b.certificationId, frameworkVersionId: b.frameworkVersionId, accessRoute: 'VAE', funding: 'SELF' } });
}
