// The CléA pathway (seed 003): an admin assigns the candidate's evaluator (a juror who never trains them: the
// jury independence rules of jury.rules.ts, minus the certifier-employee one), the evaluator records the
// preliminary evaluation per module (results shown to the candidate at once), the modules not mastered become
// the individual training path (what to train, with which training organisation), the final evaluation must
// come within 5 years of the preliminary one (lib/deadlines.ts; past it a new preliminary evaluation opens a
// new cycle and the old one stays in the history), a partial final issues a skills portfolio, and a complete
// file goes to the joint certification commission (employer and employee representatives in the
// certification's ratio, independent of the candidate's evaluators and trainers), whose positive decision
// issues the certificate through the certificate module. Every write is one transaction with its audit entries
// and the candidate's notification.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter, cleaFileFilter } from '../../auth/policies.ts';
import type { AppServices } from '../../graphql/context.ts';
import type { RoomEvent } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed, type FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { currentLocale } from '../../lib/request-context.ts';
import { issueCertificatesForDecision } from '../certificate/certificate.service.ts';
import { assertAdmin, CANDIDATE_FACTS, candidateFacts, ineligibleError, jurorFacts } from '../jury/jury.service.ts';
import { compositionIssues, generalIneligibility, ineligibilityFor, type CandidateFacts, type Ineligibility, type JurorFacts } from '../jury/jury.rules.ts';
import { candidateRecipients, notify } from '../notification/notification.service.ts';
import {
  cleaWindow,
  commissionBalance,
  currentCycle,
  DEFAULT_COMMISSION_RULE,
  isComplete,
  validatedModules,
  type CommissionRule,
  type ComposeCommissionInput,
  type DecideInput,
  type EvaluationInput,
  type TrainingLineInput,
} from './clea.rules.ts';

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;
type Deps = Pick<AppServices, 'prisma' | 'pubsub' | 'config' | 'secret'>;
type UserViewer = Extract<Viewer, { kind: 'user' }>;

const isAdmin = (viewer: Viewer | null): viewer is UserViewer => viewer?.kind === 'user' && viewer.role === 'ADMIN';
const isJuror = (viewer: Viewer | null): viewer is UserViewer => viewer?.kind === 'user' && viewer.role === 'JUROR';

/** A day as the request's reader expects it (the certifier's time zone). */
const localDate = (date: Date) =>
  new Intl.DateTimeFormat(currentLocale() === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);

// ─── Reading ───

export const FILE_VIEW = {
  id: true,
  attemptId: true,
  evaluatorId: true,
  evaluatorAssignedAt: true,
  commissionId: true,
  outcome: true,
  outcomeReason: true,
  decidedAt: true,
  decisionId: true,
  createdAt: true,
  attempt: {
    select: {
      id: true,
      certificationId: true,
      frameworkVersionId: true,
      candidate: { select: CANDIDATE_FACTS },
      certification: { select: { id: true, code: true, title: true, registry: true, decisionRule: true, certifierId: true } },
      frameworkVersion: { select: { blocks: { select: { code: true, title: true, position: true }, orderBy: { position: 'asc' } } } },
    },
  },
  evaluations: {
    select: {
      id: true,
      kind: true,
      evaluatorId: true,
      evaluatedAt: true,
      recordedAt: true,
      supersededAt: true,
      results: { select: { blockCode: true, mastered: true, comment: true } },
    },
    orderBy: [{ evaluatedAt: 'desc' }, { recordedAt: 'desc' }],
  },
  trainingLines: { select: { id: true, preliminaryId: true, blockCode: true, toTrain: true, partnerId: true, updatedAt: true }, orderBy: { blockCode: 'asc' } },
  portfolios: { select: { id: true, evaluationId: true, issuedAt: true, modules: true }, orderBy: { issuedAt: 'desc' } },
} satisfies Prisma.CleaFileSelect;

export type CleaFileRow = Prisma.CleaFileGetPayload<{ select: typeof FILE_VIEW }>;

/** The files the viewer may see (one attempt's, or all of them). */
export function cleaFilesFor(prisma: Db, viewer: Viewer | null, attemptId?: string): Promise<CleaFileRow[]> {
  return prisma.cleaFile.findMany({
    where: { AND: [cleaFileFilter(viewer), attemptId ? { attemptId } : {}] },
    select: FILE_VIEW,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });
}

/** What the rules derive from a file: the current cycle, the validated modules, completeness, the window. */
export function fileFacts(file: CleaFileRow, now = new Date()) {
  const evaluations = file.evaluations.map((evaluation) => ({ ...evaluation, kind: evaluation.kind as 'PRELIMINARY' | 'FINAL' }));
  const cycle = currentCycle(evaluations);
  const validated = validatedModules(cycle);
  const moduleCodes = file.attempt.frameworkVersion.blocks.map((block) => block.code);
  const complete = isComplete(moduleCodes, validated);
  const window = cycle.preliminary ? cleaWindow(cycle.preliminary.evaluatedAt, complete || file.outcome !== null, now) : null;
  return { cycle, validated, moduleCodes, complete, window };
}

// ─── Shared checks ───

/** The evaluator is never one of the candidate's trainers (trainer links, declared conflicts): jury.rules.ts. */
export function evaluatorIneligibility(evaluator: JurorFacts, candidate: CandidateFacts): Ineligibility[] {
  return ineligibilityFor(evaluator, candidate).filter((reason) => reason.code !== 'CERTIFIER_EMPLOYEE');
}

const evaluatorError = (reasons: Ineligibility[]) =>
  new AppError('EVALUATOR_INELIGIBLE', { details: reasons.map((reason) => reason.message).join(' ; ') }, { ineligible: reasons });

async function assertEvaluatorIndependent(tx: Tx, certifierId: string, evaluatorId: string, candidate: CandidateFacts, path: (string | number)[]) {
  const [facts] = await jurorFacts(tx, certifierId, [evaluatorId]);
  if (!facts) throw validationFailed([{ path, message: translate('clea.notAnEvaluator') }]);
  const reasons = evaluatorIneligibility(facts, candidate);
  if (reasons.length) throw evaluatorError(reasons);
}

async function commissionRuleOf(tx: Db, certificationId: string): Promise<CommissionRule> {
  return (await tx.cleaCommissionRule.findUnique({ where: { certificationId }, select: { employerSeats: true, employeeSeats: true } })) ?? DEFAULT_COMMISSION_RULE;
}

function assertBalanced(representations: (string | null)[], rule: CommissionRule) {
  const balance = commissionBalance(representations as never, rule);
  if (!balance.balanced) {
    throw new AppError(
      'COMMISSION_UNBALANCED',
      { employers: balance.employers, employees: balance.employees, employerSeats: rule.employerSeats, employeeSeats: rule.employeeSeats },
      { employers: balance.employers, employees: balance.employees, employerSeats: rule.employerSeats, employeeSeats: rule.employeeSeats },
    );
  }
}

/** The file of an attempt the viewer may write to (admins of the certifier; the assigned evaluator), under lock. */
async function writableFile(tx: Tx, viewer: Viewer | null, attemptId: string, { evaluatorToo }: { evaluatorToo: boolean }): Promise<CleaFileRow> {
  if (!isAdmin(viewer) && !(evaluatorToo && isJuror(viewer))) throw new AppError('FORBIDDEN');
  const where: Prisma.CleaFileWhereInput = isAdmin(viewer) ? { attemptId, attempt: { certification: certificationAdminFilter(viewer) } } : { attemptId, evaluatorId: (viewer as UserViewer).userId };
  const found = await tx.cleaFile.findFirst({ where, select: { id: true } });
  if (!found) throw new AppError('NOT_FOUND');
  // Serialises writers of one file: two evaluations recorded at once cannot both open a cycle.
  await tx.$executeRaw`SELECT 1 FROM "CleaFile" WHERE "id" = ${found.id} FOR UPDATE`;
  return tx.cleaFile.findUniqueOrThrow({ where: { id: found.id }, select: FILE_VIEW });
}

const candidateNameOf = (file: CleaFileRow) => candidateFacts(file.attempt.candidate).name;

// ─── Evaluator ───

export async function assignEvaluator(deps: Pick<Deps, 'prisma'>, viewer: Viewer | null, attemptId: string, evaluatorId: string): Promise<void> {
  assertAdmin(viewer);
  await deps.prisma.$transaction(async (tx) => {
    const attempt = await tx.attempt.findFirst({
      where: { id: attemptId, certification: certificationAdminFilter(viewer) },
      select: { id: true, certification: { select: { registry: true } }, candidate: { select: CANDIDATE_FACTS }, cleaFile: { select: { id: true, outcome: true, evaluatorId: true } } },
    });
    if (!attempt) throw new AppError('NOT_FOUND');
    if (attempt.certification.registry !== 'CLEA') throw validationFailed([{ path: ['attemptId'], message: translate('clea.notClea') }]);
    if (attempt.cleaFile?.outcome) throw new AppError('INVALID_STATE', { state: translate('clea.state.decided') });
    await assertEvaluatorIndependent(tx, viewer.certifierId, evaluatorId, candidateFacts(attempt.candidate), ['evaluatorId']);
    const now = new Date();
    const file = await tx.cleaFile.upsert({
      where: { attemptId },
      create: { attemptId, evaluatorId, evaluatorAssignedAt: now },
      update: { evaluatorId, evaluatorAssignedAt: now },
      select: { id: true },
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'clea.evaluatorAssigned',
      entityType: 'CleaFile',
      entityId: file.id,
      data: { attemptId, evaluatorId, previousEvaluatorId: attempt.cleaFile?.evaluatorId ?? null },
    });
  });
}

// ─── Evaluations ───

export async function recordEvaluation(deps: Pick<Deps, 'prisma' | 'pubsub'>, viewer: Viewer | null, input: EvaluationInput, now = new Date()): Promise<string> {
  if (input.evaluatedAt && !isAdmin(viewer)) {
    if (!isJuror(viewer)) throw new AppError('FORBIDDEN');
    throw validationFailed([{ path: ['input', 'evaluatedAt'], message: translate('clea.evaluatedAtAdminOnly') }]);
  }
  const events: RoomEvent[] = [];
  const evaluationId = await deps.prisma.$transaction(async (tx) => {
    const file = await writableFile(tx, viewer, input.attemptId, { evaluatorToo: true });
    const evaluatedAt = input.evaluatedAt ?? now;
    if (evaluatedAt.getTime() > now.getTime() + 60_000) throw validationFailed([{ path: ['input', 'evaluatedAt'], message: translate('clea.evaluatedAtFuture') }]);
    if (!file.evaluatorId) throw new AppError('INVALID_STATE', { state: translate('clea.state.noEvaluator') });
    if (file.outcome) throw new AppError('INVALID_STATE', { state: translate('clea.state.decided') });

    const blocks = new Map(file.attempt.frameworkVersion.blocks.map((block) => [block.code, block]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.modules.forEach((module, index) => {
      if (!blocks.has(module.blockCode)) issues.push({ path: ['input', 'modules', index, 'blockCode'], message: translate('clea.unknownModule', { code: module.blockCode }) });
      if (seen.has(module.blockCode)) issues.push({ path: ['input', 'modules', index, 'blockCode'], message: translate('clea.duplicateModule', { code: module.blockCode }) });
      seen.add(module.blockCode);
    });
    if (input.kind === 'PRELIMINARY') {
      const missing = [...blocks.keys()].filter((code) => !seen.has(code));
      if (missing.length) issues.push({ path: ['input', 'modules'], message: translate('clea.preliminaryAllModules', { missing: missing.join(', ') }) });
    }
    if (issues.length) throw validationFailed(issues);

    const candidate = candidateFacts(file.attempt.candidate);
    // Checked again when recording: a trainer link or a conflict declared after the assignment still stops it.
    await assertEvaluatorIndependent(tx, file.attempt.certification.certifierId, file.evaluatorId, candidate, ['attemptId']);

    const facts = fileFacts(file, evaluatedAt);
    if (facts.complete) throw new AppError('INVALID_STATE', { state: translate('clea.state.complete') });
    const preliminary = facts.cycle.preliminary;
    if (input.kind === 'PRELIMINARY') {
      // A new preliminary evaluation only once the previous one's 5-year window has expired (else it is still valid).
      if (preliminary && !facts.window!.late) throw new AppError('INVALID_STATE', { state: translate('clea.state.preliminaryCurrent') });
      if (preliminary) await tx.cleaEvaluation.update({ where: { id: preliminary.id }, data: { supersededAt: now } });
    } else {
      if (!preliminary) throw new AppError('INVALID_STATE', { state: translate('clea.state.noPreliminary') });
      if (evaluatedAt < preliminary.evaluatedAt) throw validationFailed([{ path: ['input', 'evaluatedAt'], message: translate('clea.finalBeforePreliminary') }]);
      const window = cleaWindow(preliminary.evaluatedAt, false, evaluatedAt);
      if (window.late) {
        throw new AppError(
          'CLEA_WINDOW_EXPIRED',
          { preliminary: localDate(preliminary.evaluatedAt), deadline: localDate(window.dueBy) },
          { preliminaryEvaluatedAt: preliminary.evaluatedAt.toISOString(), finalEvaluationDeadline: window.dueBy.toISOString(), newPreliminaryRequired: true },
        );
      }
    }

    const evaluation = await tx.cleaEvaluation.create({
      data: {
        fileId: file.id,
        kind: input.kind,
        evaluatorId: file.evaluatorId,
        recordedById: (viewer as UserViewer).userId,
        evaluatedAt,
        recordedAt: now,
        results: { create: input.modules.map((module) => ({ blockCode: module.blockCode, mastered: module.mastered, comment: module.comment?.trim() || null })) },
      },
      select: { id: true },
    });

    if (input.kind === 'PRELIMINARY') {
      const lines = input.modules
        .filter((module) => !module.mastered)
        .map((module) => ({
          fileId: file.id,
          preliminaryId: evaluation.id,
          blockCode: module.blockCode,
          toTrain: module.comment?.trim() || `Formation au module « ${blocks.get(module.blockCode)!.title} »`,
        }));
      if (lines.length) await tx.cleaTrainingLine.createMany({ data: lines });
    }

    // What the file looks like now: the portfolio lists what a partial final evaluation has validated so far.
    const after = fileFacts(await tx.cleaFile.findUniqueOrThrow({ where: { id: file.id }, select: FILE_VIEW }), now);
    const missing = after.moduleCodes.filter((code) => !after.validated.has(code));
    let portfolioId: string | null = null;
    if (input.kind === 'FINAL' && !after.complete && after.validated.size > 0) {
      const modules = after.moduleCodes
        .filter((code) => after.validated.has(code))
        .map((code) => ({ code, title: blocks.get(code)!.title, validatedAt: after.validated.get(code)!.toISOString() }));
      portfolioId = (await tx.cleaPortfolio.create({ data: { fileId: file.id, evaluationId: evaluation.id, issuedAt: now, modules }, select: { id: true } })).id;
      await appendAudit(tx, { ...actorOf(viewer!), action: 'clea.portfolioIssued', entityType: 'CleaFile', entityId: file.id, data: { portfolioId, evaluationId: evaluation.id, modules: modules.map((m) => m.code) } });
    }
    await appendAudit(tx, {
      ...actorOf(viewer!),
      action: 'clea.evaluationRecorded',
      entityType: 'CleaFile',
      entityId: file.id,
      data: {
        evaluationId: evaluation.id,
        kind: input.kind,
        evaluatedAt: evaluatedAt.toISOString(),
        backdated: Boolean(input.evaluatedAt),
        evaluatorId: file.evaluatorId,
        supersededPreliminaryId: input.kind === 'PRELIMINARY' ? (preliminary?.id ?? null) : null,
        results: input.modules.map((module) => ({ blockCode: module.blockCode, mastered: module.mastered })),
      },
    });
    await notify(
      tx,
      {
        template: 'CLEA_EVALUATION_RECORDED',
        data: {
          attemptId: file.attemptId,
          candidateName: candidate.name,
          kind: input.kind,
          mastered: after.validated.size,
          missing: missing.length,
          portfolio: portfolioId !== null,
          deadline: after.window?.dueBy.toISOString() ?? null,
        },
        dedupeKey: `clea-evaluation:${evaluation.id}`,
        recipients: await candidateRecipients(tx, candidate.id),
      },
      events,
    );
    return evaluation.id;
  });
  publishAll(deps.pubsub, events);
  return evaluationId;
}

// ─── Training path ───

export async function setTrainingLine(deps: Pick<Deps, 'prisma' | 'pubsub'>, viewer: Viewer | null, input: TrainingLineInput, now = new Date()): Promise<void> {
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const file = await writableFile(tx, viewer, input.attemptId, { evaluatorToo: true });
    if (file.outcome) throw new AppError('INVALID_STATE', { state: translate('clea.state.decided') });
    const { cycle } = fileFacts(file, now);
    if (!cycle.preliminary) throw new AppError('INVALID_STATE', { state: translate('clea.state.noPreliminary') });
    const line = file.trainingLines.find((l) => l.preliminaryId === cycle.preliminary!.id && l.blockCode === input.blockCode);
    if (!line) throw validationFailed([{ path: ['input', 'blockCode'], message: translate('clea.noTrainingLine') }]);
    let partnerName: string | null = null;
    if (input.partnerId) {
      const partner = await tx.partner.findFirst({ where: { id: input.partnerId, certifierId: file.attempt.certification.certifierId }, select: { name: true } });
      if (!partner) throw validationFailed([{ path: ['input', 'partnerId'], message: translate('clea.unknownPartner') }]);
      partnerName = partner.name;
    }
    const partnerId = input.partnerId ?? null;
    await tx.cleaTrainingLine.update({ where: { id: line.id }, data: { toTrain: input.toTrain, partnerId } });
    await appendAudit(tx, {
      ...actorOf(viewer!),
      action: 'clea.trainingLineSet',
      entityType: 'CleaFile',
      entityId: file.id,
      data: { lineId: line.id, blockCode: line.blockCode, toTrain: input.toTrain, partnerId, previousPartnerId: line.partnerId },
    });
    const block = file.attempt.frameworkVersion.blocks.find((b) => b.code === line.blockCode);
    await notify(
      tx,
      {
        template: 'CLEA_TRAINING_PATH_UPDATED',
        data: { attemptId: file.attemptId, candidateName: candidateNameOf(file), moduleTitle: block?.title ?? line.blockCode, toTrain: input.toTrain, partnerName },
        dedupeKey: `clea-training:${line.id}:${now.toISOString()}`,
        recipients: await candidateRecipients(tx, file.attempt.candidate.id),
      },
      events,
    );
  });
  publishAll(deps.pubsub, events);
}

// ─── The joint commission ───

async function cleaCertification(tx: Tx, viewer: UserViewer, certificationId: string) {
  const certification = await tx.certification.findFirst({ where: { id: certificationId, ...certificationAdminFilter(viewer) }, select: { id: true, registry: true, minJurySize: true } });
  if (!certification) throw new AppError('NOT_FOUND');
  if (certification.registry !== 'CLEA') throw validationFailed([{ path: ['certificationId'], message: translate('clea.notClea') }]);
  return certification;
}

export async function setCommissionRule(deps: Pick<Deps, 'prisma'>, viewer: Viewer | null, input: { certificationId: string; employerSeats: number; employeeSeats: number }): Promise<void> {
  assertAdmin(viewer);
  await deps.prisma.$transaction(async (tx) => {
    await cleaCertification(tx, viewer, input.certificationId);
    const previous = await commissionRuleOf(tx, input.certificationId);
    const rule = { employerSeats: input.employerSeats, employeeSeats: input.employeeSeats };
    await tx.cleaCommissionRule.upsert({ where: { certificationId: input.certificationId }, create: { certificationId: input.certificationId, ...rule }, update: rule });
    await appendAudit(tx, { ...actorOf(viewer), action: 'clea.commissionRuleSet', entityType: 'Certification', entityId: input.certificationId, data: { previous, rule } });
  });
}

export async function composeCommission(deps: Pick<Deps, 'prisma'>, viewer: Viewer | null, input: ComposeCommissionInput): Promise<string> {
  assertAdmin(viewer);
  return deps.prisma.$transaction(async (tx) => {
    const certification = await cleaCertification(tx, viewer, input.certificationId);
    const issues = compositionIssues(input.members, certification.minJurySize);
    const facts = await jurorFacts(tx, viewer.certifierId, [...new Set(input.members.map((member) => member.jurorId))]);
    const known = new Set(facts.map((juror) => juror.id));
    input.members.forEach((member, index) => {
      if (!known.has(member.jurorId)) issues.push({ path: ['input', 'members', index, 'jurorId'], message: translate('validation.notAJuror') });
    });
    if (issues.length) throw validationFailed(issues);
    assertBalanced(input.members.map((member) => member.representation), await commissionRuleOf(tx, certification.id));
    const reasons = facts.flatMap(generalIneligibility);
    if (reasons.length) throw ineligibleError(reasons);
    const jury = await tx.jury.create({
      data: {
        certificationId: certification.id,
        name: input.name,
        kind: 'COMMISSION',
        members: { create: input.members.map((member) => ({ jurorId: member.jurorId, role: member.role, representation: member.representation })) },
      },
      select: { id: true },
    });
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'clea.commissionComposed',
      entityType: 'Jury',
      entityId: jury.id,
      data: { certificationId: certification.id, name: input.name, members: input.members },
    });
    return jury.id;
  });
}

export async function decideFile(deps: Deps, viewer: Viewer | null, input: DecideInput, now = new Date()): Promise<void> {
  assertAdmin(viewer);
  const events: RoomEvent[] = [];
  await deps.prisma.$transaction(async (tx) => {
    const file = await writableFile(tx, viewer, input.attemptId, { evaluatorToo: false });
    if (file.outcome) throw new AppError('INVALID_STATE', { state: translate('clea.state.decided') });
    const facts = fileFacts(file, now);
    if (!facts.complete) {
      const missing = file.attempt.frameworkVersion.blocks.filter((block) => !facts.validated.has(block.code)).map((block) => `${block.code} ${block.title}`);
      throw new AppError('CLEA_FILE_INCOMPLETE', { missing: missing.join(' ; ') }, { missingModules: missing });
    }
    const commission = await tx.jury.findFirst({
      where: { id: input.commissionId, certificationId: file.attempt.certificationId, kind: 'COMMISSION' },
      select: { id: true, name: true, members: { select: { jurorId: true, representation: true } } },
    });
    if (!commission) throw validationFailed([{ path: ['input', 'commissionId'], message: translate('clea.notACommission') }]);
    // The rule may have changed since the commission was composed: it must hold when the commission decides.
    assertBalanced(
      commission.members.map((member) => member.representation),
      await commissionRuleOf(tx, file.attempt.certificationId),
    );
    // Independent of the providers: no member trains the candidate (or declared a conflict) or evaluated them.
    const candidate = candidateFacts(file.attempt.candidate);
    const members = await jurorFacts(tx, viewer.certifierId, commission.members.map((member) => member.jurorId));
    const evaluatorIds = new Set([file.evaluatorId, ...file.evaluations.map((evaluation) => evaluation.evaluatorId)].filter(Boolean) as string[]);
    const reasons: Ineligibility[] = members.flatMap((member) => [
      ...ineligibilityFor(member, candidate),
      ...(evaluatorIds.has(member.id)
        ? [{ code: 'CLEA_EVALUATOR' as never, jurorId: member.id, candidateId: candidate.id, message: translate('ineligible.CLEA_EVALUATOR', { juror: member.displayName, candidate: candidate.name }) }]
        : []),
    ]);
    if (reasons.length) throw ineligibleError(reasons);

    const updated = await tx.cleaFile.updateMany({
      where: { id: file.id, outcome: null },
      data: { commissionId: commission.id, outcome: input.certified ? 'CERTIFIED' : 'REJECTED', outcomeReason: input.reason?.trim() || null, decidedAt: now },
    });
    if (updated.count === 0) throw new AppError('INVALID_STATE', { state: translate('clea.state.decided') });

    let certificateIds: string[] = [];
    if (input.certified) {
      const blocks = file.attempt.frameworkVersion.blocks;
      const decision = await tx.decision.create({
        data: {
          attemptId: file.attemptId,
          frameworkVersionId: file.attempt.frameworkVersionId,
          rule: file.attempt.certification.decisionRule,
          ruleVersion: 'clea-commission-1',
          outcome: 'CERTIFIED',
          details: {
            blocks: blocks.map((block) => ({ code: block.code, title: block.title, validated: true, validatedAt: facts.validated.get(block.code)!.toISOString(), competences: [] })),
            explanation: {
              fr: `Les 7 modules CléA sont validés ; la commission paritaire « ${commission.name} » délivre la certification.`,
              en: `All 7 CléA modules are validated; the joint commission "${commission.name}" awards the certification.`,
            },
            commissionId: commission.id,
          },
          validatedBlockCodes: blocks.map((block) => block.code),
          juryDate: now,
          decidedAt: now,
        },
        select: { id: true },
      });
      await tx.cleaFile.update({ where: { id: file.id }, data: { decisionId: decision.id } });
      certificateIds = await issueCertificatesForDecision(tx, deps, { actor: actorOf(viewer), decisionId: decision.id, now, events });
      if (certificateIds.length) {
        events.push(await appendEvent(tx, rooms.schedule('candidate', candidate.id), 'CERTIFICATE_ISSUED', { attemptId: file.attemptId, certificateIds }));
      }
    }
    await appendAudit(tx, {
      ...actorOf(viewer),
      action: 'clea.commissionDecided',
      entityType: 'CleaFile',
      entityId: file.id,
      data: { commissionId: commission.id, certified: input.certified, reason: input.reason?.trim() || null, certificateIds },
    });
    await notify(
      tx,
      {
        template: 'CLEA_COMMISSION_DECIDED',
        data: { attemptId: file.attemptId, candidateName: candidate.name, certified: input.certified, reason: input.reason?.trim() || null },
        dedupeKey: `clea-decided:${file.id}`,
        recipients: await candidateRecipients(tx, candidate.id),
      },
      events,
    );
  });
  publishAll(deps.pubsub, events);
}
