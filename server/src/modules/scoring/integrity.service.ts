// Before and around the oral: the president confirms the candidate's identity (the document's type only,
// never its image or number) once the jury is checked against the independence rules, and may report a
// suspected fraud with a statement, which freezes the attempt and locks the oral until an admin reviews it.
import type { FraudReviewStatus, IdentityDocumentType, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import type { PubSub } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';

import { stateLabel } from '../../lib/state-labels.ts';
import type { RawSql } from '../../db/database.ts';
import { ATTEMPT_ROW, transitionAttempt } from '../candidate/attempt.service.ts';
import { LIVE_ATTEMPT_STATES } from '../candidate/attempt.rules.ts';
import { CANDIDATE_FACTS, candidateFacts, ineligibleError, jurorFacts, assertAdmin } from '../jury/jury.service.ts';
import { compositionIssues, contestedOralIneligibility, juryIneligibility } from '../jury/jury.rules.ts';
import { contestedJurorsOfReEvaluation } from '../appeal/appeal.service.ts';
import { audit, bumpVersion, lockOral, runAsPresident } from './oral-transaction.ts';
import { retryTransientConflicts } from '../../db/errors.ts';
import { revokeCertificatesForFraud } from '../certificate/certificate.service.ts';

interface Deps {
  prisma: PrismaClient;
  raw: RawSql;
  pubsub: PubSub;
}

/**
 * WAITING → IDENTITY_CHECKED. The jury is checked first (complete, and independent of the candidate: a
 * conflict declared or a trainer link recorded since the jury was composed still stops the oral).
 */
export async function confirmCandidateIdentity(deps: Deps, viewer: Viewer | null, oralId: string, documentType: IdentityDocumentType, expectedVersion: number) {
  return runAsPresident(deps, viewer, oralId, expectedVersion, async (tx, oral, juror, emit) => {
    if (oral.phase !== 'WAITING') throw new AppError('INVALID_STATE', { state: stateLabel(oral.phase) });
    const facts = await tx.attempt.findUniqueOrThrow({
      where: { id: oral.attempt.id },
      select: { candidate: { select: CANDIDATE_FACTS }, certification: { select: { minJurySize: true } } },
    });
    const issues = compositionIssues(oral.jury.members, facts.certification.minJurySize);
    if (issues.length) throw validationFailed(issues.map((issue) => ({ ...issue, path: ['jury'] })));
    const jurors = await jurorFacts(tx, viewer!.certifierId, oral.jury.members.map((member) => member.jurorId));
    const candidate = candidateFacts(facts.candidate);
    // A re-evaluation oral (upheld appeal): nobody from the contested oral's jury either, even if added since.
    const contested = await contestedJurorsOfReEvaluation(tx, oral.id);
    const reasons = [...juryIneligibility(jurors, [candidate]), ...jurors.flatMap((member) => contestedOralIneligibility(member, candidate, contested))];
    if (reasons.length) throw ineligibleError(reasons);
    const now = new Date();
    const version = await bumpVersion(tx, oral, expectedVersion, { phase: 'IDENTITY_CHECKED', phaseStartedAt: now, identityCheckedAt: now, identityDocumentType: documentType });
    await audit(tx, juror, 'oral.identityConfirmed', oral.id, { documentType });
    await emit('PHASE_CHANGED', { phase: 'IDENTITY_CHECKED', version });
    return { id: oral.id };
  });
}

/** The president reports suspected fraud: the attempt is FROZEN and the oral locked for admin review. */
export async function reportFraud(deps: Deps, viewer: Viewer | null, oralId: string, statement: string, expectedVersion: number) {
  return runAsPresident(deps, viewer, oralId, expectedVersion, async (tx, oral, juror, emit, alsoPublish) => {
    const from = oral.attempt.state;
    if (!(LIVE_ATTEMPT_STATES as readonly string[]).includes(from)) throw new AppError('INVALID_STATE', { state: stateLabel(from) });
    const report = await tx.fraudReport.create({
      data: { attemptId: oral.attempt.id, oralId: oral.id, reportedById: juror, statement, frozenFromState: from },
      select: { id: true },
    });
    const now = new Date();
    const version = await bumpVersion(tx, oral, expectedVersion, { lockedAt: now });
    alsoPublish(await transitionAttempt(tx, viewer, oral.attempt, 'FROZEN', { action: 'attempt.frozenForFraud', data: { fraudReportId: report.id, oralId } }));
    await tx.attempt.update({ where: { id: oral.attempt.id }, data: { frozenAt: now, frozenReason: 'FRAUD_REPORTED' } });
    // The statement is kept on the report (admins read it there), not copied into the audit trail.
    await audit(tx, juror, 'oral.fraudReported', oral.id, { fraudReportId: report.id, attemptState: from });
    await emit('FRAUD_REPORTED', { fraudReportId: report.id, version });
    return { id: oral.id, fraudReportId: report.id };
  });
}

/**
 * An admin settles a pending fraud report. DISMISSED: the attempt goes back to the state it was frozen in
 * and the oral reopens where it stopped. CONFIRMED: the attempt stays frozen. The reason is mandatory.
 */
export async function reviewFraudReport(deps: Deps, viewer: Viewer | null, id: string, outcome: Exclude<FraudReviewStatus, 'PENDING'>, reason: string) {
  assertAdmin(viewer);
  const now = new Date();
  const events = await retryTransientConflicts(() => deps.prisma.$transaction(async (tx) => {
    const found = await tx.fraudReport.findFirst({
      where: { id, attempt: { certification: certificationAdminFilter(viewer) } },
      select: { oralId: true },
    });
    if (!found) throw new AppError('NOT_FOUND');
    // The lock order of orals (scoring.service.ts): the oral's row before anything else.
    if (found.oralId) await lockOral(tx, found.oralId);
    const report = await tx.fraudReport.findUniqueOrThrow({
      where: { id },
      select: { id: true, status: true, oralId: true, frozenFromState: true, attempt: { select: ATTEMPT_ROW }, oral: { select: { id: true, phase: true } } },
    });
    const settled = await tx.fraudReport.updateMany({
      where: { id, status: 'PENDING' },
      data: { status: outcome, reviewReason: reason, reviewedAt: now, reviewedById: viewer.userId },
    });
    if (settled.count === 0) throw new AppError('INVALID_STATE', { state: report.status });
    const published = [];
    if (outcome === 'DISMISSED') {
      published.push(await transitionAttempt(tx, viewer, report.attempt, report.frozenFromState, { action: 'attempt.unfrozen', data: { fraudReportId: id } }, 'unfreeze'));
      await tx.attempt.update({ where: { id: report.attempt.id }, data: { frozenAt: null, frozenReason: null } });
    }
    await appendAudit(tx, { ...actorOf(viewer), action: `fraudReport.${outcome.toLowerCase()}`, entityType: 'Attempt', entityId: report.attempt.id, data: { fraudReportId: id, reason } });
    // A confirmed fraud voids what the attempt was awarded: its certificates are revoked (each audited).
    if (outcome === 'CONFIRMED') published.push(...(await revokeCertificatesForFraud(tx, viewer, report.attempt.id, id, now)));
    if (report.oral) {
      const reopen = outcome === 'DISMISSED' && report.oral.phase !== 'SIGNED';
      const oral = await tx.oral.update({
        where: { id: report.oral.id },
        data: { version: { increment: 1 }, ...(reopen ? { lockedAt: null } : {}) },
        select: { version: true },
      });
      published.push(await appendEvent(tx, rooms.oral(report.oral.id), outcome === 'DISMISSED' ? 'FRAUD_DISMISSED' : 'FRAUD_CONFIRMED', { fraudReportId: id, version: oral.version }));
    }
    return published;
  }));
  publishAll(deps.pubsub, events);
}

