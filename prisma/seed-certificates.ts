// Demo certificates (issue 6 "Certificates that anyone can verify"): the demo's published positive results get
// their signed certificates (issued on their publication day), except the most recent one, left as a result
// published before certificates existed so that the admins' "certificates to issue" card has a late row to
// issue; Sarah DURAND's signed but unpublished result awaits its certificate too. Signing needs the server
// secret and the public URL, so without them (seedDemoData called bare, as unit tests do) nothing is written.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import type { AppSecret } from '../server/src/lib/secrets.ts';
import { issueCertificatesForDecision } from '../server/src/modules/certificate/certificate.service.ts';

export interface DemoCertificateSigning {
  secret: AppSecret;
  publicUrl: string;
}

export async function seedCertificateDemo(tx: Prisma.TransactionClient, signing: DemoCertificateSigning | undefined): Promise<void> {
  if (!signing) return;
  const published = await tx.decision.findMany({
    where: { outcome: { in: ['CERTIFIED', 'PARTIALLY_CERTIFIED'] }, supersededById: null, result: { publishedAt: { not: null } } },
    select: { id: true, result: { select: { publishedAt: true } } },
    orderBy: [{ juryDate: 'asc' }, { id: 'asc' }],
  });
  const deps = { secret: signing.secret, config: { publicUrl: signing.publicUrl } };
  for (const decision of published.slice(0, -1)) {
    // Issued when they were published, long ago: the candidates are not notified again today.
    await issueCertificatesForDecision(tx, deps, { actor: { actorId: null, actorKind: 'system' }, decisionId: decision.id, now: decision.result!.publishedAt!, notifyCandidate: false });
  }
}
