// Demo complaints (issue 7), beside the one seed.ts files for candidate12: one TRAINING complaint at Formapro
// under review and at risk (answer due in 4 days), and one about the certification process already late, so that
// the partner's and the admins' lists show their deadlines. Written in seedDemoData's transaction.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { answerByFor } from '../server/src/lib/case-state.ts';
import { addDays } from '../server/src/lib/deadlines.ts';
import { demoId } from './seed-ids.ts';

export async function seedComplaintDemo(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  const candidate = (email: string) =>
    tx.candidate.findFirstOrThrow({ where: { user: { email } }, select: { id: true, partnerId: true, attempts: { select: { id: true }, take: 1 } } });
  const [atFormapro, late] = await Promise.all([candidate('candidate09@demo.certijury.fr'), candidate('candidate10@demo.certijury.fr')]);
  const trainingAt = addDays(now, -26);
  const processAt = addDays(now, -33);
  await tx.complaint.createMany({
    data: [
      {
        id: demoId('complaint:candidate09'),
        candidateId: atFormapro.id,
        attemptId: atFormapro.attempts[0]?.id ?? null,
        partnerId: atFormapro.partnerId,
        subject: 'TRAINING',
        state: 'UNDER_REVIEW',
        version: 2,
        statement:
          "Deux des cinq journées de formation prévues au programme ont été remplacées par des vidéos, sans formateur pour répondre aux questions sur l'ingénierie des référentiels.",
        submittedAt: trainingAt,
        answerBy: answerByFor(trainingAt),
      },
      {
        id: demoId('complaint:candidate10'),
        candidateId: late.id,
        attemptId: late.attempts[0]?.id ?? null,
        partnerId: null,
        subject: 'CERTIFICATION_PROCESS',
        statement:
          "La convocation à l'oral m'est parvenue deux jours seulement avant la date, ce qui ne m'a pas laissé le temps d'organiser mon absence au travail.",
        submittedAt: processAt,
        answerBy: answerByFor(processAt),
      },
    ],
  });
}
