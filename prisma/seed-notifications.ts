// Demo notifications (issue 6): candidates whose project file was acknowledged and who still have to choose an
// oral slot (candidate03, candidate13) were told so, in-app and by email, and have not read it yet. The emails
// are history (SENT), so a demo started with SMTP_URL mails nothing. Written in seedDemoData's transaction.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { attemptNotificationData, candidateRecipients } from '../server/src/modules/notification/notification.service.ts';

export async function seedNotificationDemo(tx: Prisma.TransactionClient): Promise<void> {
  const files = await tx.projectFile.findMany({
    where: { acknowledgedAt: { not: null }, attempt: { state: 'FILE_ACKNOWLEDGED' } },
    select: { id: true, version: true, acknowledgedAt: true, attempt: { select: { id: true, candidateId: true } } },
    orderBy: { id: 'asc' },
  });
  for (const file of files) {
    const data = { ...(await attemptNotificationData(tx, file.attempt.id)), projectFileId: file.id, version: file.version };
    const recipients = await candidateRecipients(tx, file.attempt.candidateId);
    await tx.notification.createMany({
      data: recipients.map((recipient) => ({
        userId: recipient.userId,
        certifierId: recipient.certifierId,
        email: recipient.email,
        locale: recipient.locale,
        template: 'PROJECT_FILE_ACKNOWLEDGED',
        data,
        dedupeKey: `project-file-acknowledged:${file.id}:${recipient.userId ?? recipient.email}`,
        status: recipient.email ? 'SENT' : 'PENDING',
        attempts: recipient.email ? 1 : 0,
        sentAt: recipient.email ? file.acknowledgedAt : null,
        createdAt: file.acknowledgedAt!,
        nextAttemptAt: file.acknowledgedAt!,
      })),
      skipDuplicates: true,
    });
  }
}
