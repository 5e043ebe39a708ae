// The deadline digest: once a day (DEADLINE_DIGEST_INTERVAL_MINUTES), each certifier's admins get one
// notification listing what is late or at risk across the legal deadlines — project files to acknowledge,
// results to publish, certificates to issue, appeals and complaints to answer, CDC transmissions (not accepted by
// their deadline, sent and awaiting their report for over a week, to change on the CDC portal) — when anything is. Run by the scheduler under its lock; the
// notification's dedupe key names the period, so even a second run in the same period notifies nobody twice.
import type { Prisma } from '../generated/prisma/client.ts';
import { acknowledgmentAtRiskBefore } from '../modules/project-file/project-file.rules.ts';
import { atRiskCutoff } from '../modules/result/result.rules.ts';
import { cdcDeadlineCounts } from '../modules/cdc/cdc.service.ts';
import { openCaseAtRiskWhere } from '../lib/case-state.ts';
import { pendingCertificates } from '../modules/certificate/certificate.service.ts';
import { adminRecipients, notify } from '../modules/notification/notification.service.ts';
import type { Job } from './scheduler.ts';

type Tx = Prisma.TransactionClient;

export interface DeadlineDigest {
  projectFiles: number;
  results: number;
  certificates: number;
  appeals: number;
  complaints: number;
  cdc: number;
  /** CDC passages sent over 7 days ago and still awaiting their report. */
  cdcAwaitingReport: number;
  /** Accepted CDC passages to modify or delete on the CDC's portal. */
  cdcPortalActions: number;
}

/** What is late or at risk for one certifier, per deadline. */
export async function deadlineDigest(tx: Tx, certifierId: string, now: Date): Promise<DeadlineDigest> {
  const certification = { certifierId };
  const [files, results, certificates, appeals, complaints, cdc] = await Promise.all([
    tx.projectFile.groupBy({
      by: ['attemptId'],
      where: { acknowledgedAt: null, acknowledgeBy: { lt: acknowledgmentAtRiskBefore(now) }, attempt: { state: 'FILE_SUBMITTED', certification } },
    }),
    tx.result.count({ where: { publishedAt: null, publishBy: { lt: atRiskCutoff(now) }, attempt: { state: 'DECIDED', certification } } }),
    pendingCertificates(tx, certification, true, now),
    tx.appeal.count({ where: { ...openCaseAtRiskWhere(now), attempt: { certification } } }),
    tx.complaint.count({ where: { ...openCaseAtRiskWhere(now), candidate: { partner: { certifierId } } } }),
    cdcDeadlineCounts(tx, certifierId, now),
  ]);
  return {
    projectFiles: files.length,
    results,
    certificates: certificates.length,
    appeals,
    complaints,
    cdc: cdc.atRisk,
    cdcAwaitingReport: cdc.awaitingReportLong,
    cdcPortalActions: cdc.portalActions,
  };
}

export function deadlineDigestJob(intervalMs: number): Job {
  return {
    name: 'deadline-digest',
    intervalMs,
    async run(tx, now, events) {
      const period = Math.floor(now.getTime() / intervalMs);
      for (const { id } of await tx.certifier.findMany({ select: { id: true } })) {
        const digest = await deadlineDigest(tx, id, now);
        const total = Object.values(digest).reduce((sum, count) => sum + count, 0);
        if (total === 0) continue;
        // The age of the oldest CDC passage awaiting its report, shown beside their count.
        const cdcOldestAwaitingDays = digest.cdcAwaitingReport ? (await cdcDeadlineCounts(tx, id, now)).oldestAwaitingDays : null;
        await notify(tx, {
          template: 'DEADLINES_AT_RISK',
          data: { ...digest, total, cdcOldestAwaitingDays, date: now.toISOString() },
          dedupeKey: `deadline-digest:${id}:${period}`,
          recipients: await adminRecipients(tx, id),
        }, events);
      }
    },
  };
}
