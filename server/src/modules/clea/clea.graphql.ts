// The CléA pathway in the schema: the file of a CléA attempt (evaluations per module, training path, 5-year
// window, skills portfolios, the commission's decision), read with `cleaFileFilter` (the candidate their own,
// a partner its candidates', admins all of their certifier's, an evaluator the files assigned to them), and the
// mutations of the evaluator and the admins. Views are built from one read per request (clea.service.ts).
import { builder } from '../../graphql/builder.ts';
import { JuryRoleEnum, RepresentationEnum } from '../../graphql/enums.ts';
import type { Context } from '../../graphql/context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { WHOLE_CERTIFICATION } from '../certificate/certificate.rules.ts';
import { cleaStage, commissionBalance, commissionRuleSchema, composeCommissionSchema, decideSchema, evaluationSchema, trainingLineSchema } from './clea.rules.ts';
import {
  assignEvaluator,
  cleaFilesFor,
  composeCommission,
  decideFile,
  fileFacts,
  recordEvaluation,
  setCommissionRule,
  setTrainingLine,
  type CleaFileRow,
} from './clea.service.ts';
import { renderPortfolioPdf } from './clea.pdf.ts';
import { AppError } from '../../lib/errors.ts';

const CleaEvaluationKindEnum = builder.enumType('CleaEvaluationKind', {
  values: {
    PRELIMINARY: { description: '"Évaluation préalable": the starting point; opens the 5-year window.' },
    FINAL: { description: '"Évaluation finale": after the training path, within 5 years of the preliminary evaluation.' },
  },
});

const CleaStageEnum = builder.enumType('CleaStage', {
  values: {
    AWAITING_PRELIMINARY: { description: 'No preliminary evaluation yet.' },
    TRAINING: { description: 'Some modules are not validated: training path, then final evaluation.' },
    WINDOW_EXPIRED: { description: 'The 5-year window passed: a new preliminary evaluation is required.' },
    AWAITING_COMMISSION: { description: 'All 7 modules validated: the file goes to the certification commission.' },
    CERTIFIED: { description: 'The commission awarded the certification.' },
    REJECTED: { description: 'The commission did not award it (with its reason).' },
  },
});

const CleaOutcomeEnum = builder.enumType('CleaCommissionOutcome', { values: ['CERTIFIED', 'REJECTED'] as const });

interface ModuleResultView {
  blockCode: string;
  moduleTitle: string;
  mastered: boolean;
  comment: string | null;
}
interface EvaluationView {
  id: string;
  kind: 'PRELIMINARY' | 'FINAL';
  evaluatedAt: Date;
  recordedAt: Date;
  evaluatorName: string | null;
  superseded: boolean;
  results: ModuleResultView[];
}
interface ModuleView {
  code: string;
  title: string;
  position: number;
  validated: boolean;
  validatedAt: Date | null;
}
interface TrainingLineView {
  id: string;
  blockCode: string;
  moduleTitle: string;
  toTrain: string;
  partnerId: string | null;
  partnerName: string | null;
  done: boolean;
  updatedAt: Date;
}
interface PortfolioView {
  id: string;
  issuedAt: Date;
  modules: { code: string; title: string; validatedAt: Date }[];
  remaining: { code: string; title: string }[];
  holderName: string;
  issuerName: string;
  certificationCode: string;
  certificationTitle: string;
}
interface FileView {
  id: string;
  attemptId: string;
  candidateName: string;
  certificationCode: string;
  certificationTitle: string;
  stage: ReturnType<typeof cleaStage>;
  evaluatorName: string | null;
  evaluatorAssignedAt: Date | null;
  modules: ModuleView[];
  preliminary: EvaluationView | null;
  finals: EvaluationView[];
  history: EvaluationView[];
  trainingPath: TrainingLineView[];
  complete: boolean;
  finalEvaluationDeadline: Date | null;
  windowDaysLeft: number | null;
  windowAtRisk: boolean;
  windowExpired: boolean;
  portfolios: PortfolioView[];
  outcome: 'CERTIFIED' | 'REJECTED' | null;
  outcomeReason: string | null;
  decidedAt: Date | null;
  certificateId: string | null;
}

/** Builds the views of some files with one query per kind of name (users, partners, certifiers, certificates). */
async function toViews(ctx: Context, rows: CleaFileRow[]): Promise<FileView[]> {
  if (rows.length === 0) return [];
  const userIds = new Set<string>();
  const partnerIds = new Set<string>();
  for (const row of rows) {
    if (row.evaluatorId) userIds.add(row.evaluatorId);
    for (const evaluation of row.evaluations) userIds.add(evaluation.evaluatorId);
    for (const line of row.trainingLines) if (line.partnerId) partnerIds.add(line.partnerId);
  }
  const decisionIds = rows.map((row) => row.decisionId).filter(Boolean) as string[];
  const [users, partners, certifiers, certificates] = await Promise.all([
    ctx.prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, displayName: true } }),
    ctx.prisma.partner.findMany({ where: { id: { in: [...partnerIds] } }, select: { id: true, name: true } }),
    ctx.prisma.certifier.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.attempt.certification.certifierId))] } }, select: { id: true, name: true } }),
    decisionIds.length
      ? ctx.prisma.certificate.findMany({ where: { decisionId: { in: decisionIds }, scope: WHOLE_CERTIFICATION }, select: { id: true, decisionId: true } })
      : Promise.resolve([]),
  ]);
  const userName = new Map(users.map((user) => [user.id, user.displayName]));
  const partnerName = new Map(partners.map((partner) => [partner.id, partner.name]));
  const certifierName = new Map(certifiers.map((certifier) => [certifier.id, certifier.name]));
  const certificateOf = new Map(certificates.map((certificate) => [certificate.decisionId, certificate.id]));
  const now = new Date();

  return rows.map((row) => {
    const { cycle, validated, complete, window } = fileFacts(row, now);
    const blocks = row.attempt.frameworkVersion.blocks;
    const titleOf = (code: string) => blocks.find((block) => block.code === code)?.title ?? code;
    const positionOf = (code: string) => blocks.find((block) => block.code === code)?.position ?? 99;
    const evaluationView = (evaluation: CleaFileRow['evaluations'][number]): EvaluationView => ({
      id: evaluation.id,
      kind: evaluation.kind,
      evaluatedAt: evaluation.evaluatedAt,
      recordedAt: evaluation.recordedAt,
      evaluatorName: userName.get(evaluation.evaluatorId) ?? null,
      superseded: evaluation.supersededAt !== null,
      results: [...evaluation.results]
        .sort((a, b) => positionOf(a.blockCode) - positionOf(b.blockCode))
        .map((result) => ({ blockCode: result.blockCode, moduleTitle: titleOf(result.blockCode), mastered: result.mastered, comment: result.comment })),
    });
    const candidate = row.attempt.candidate;
    const holderName = `${candidate.firstName} ${candidate.usageName || candidate.birthName}`;
    const preliminary = row.evaluations.find((evaluation) => evaluation.id === cycle.preliminary?.id) ?? null;
    const finalIds = new Set(cycle.finals.map((evaluation) => evaluation.id));
    return {
      id: row.id,
      attemptId: row.attemptId,
      candidateName: holderName,
      certificationCode: row.attempt.certification.code,
      certificationTitle: row.attempt.certification.title,
      stage: cleaStage({ hasPreliminary: preliminary !== null, complete, outcome: row.outcome, windowLate: window?.late ?? false }),
      evaluatorName: row.evaluatorId ? (userName.get(row.evaluatorId) ?? null) : null,
      evaluatorAssignedAt: row.evaluatorAssignedAt,
      modules: blocks.map((block) => ({ code: block.code, title: block.title, position: block.position, validated: validated.has(block.code), validatedAt: validated.get(block.code) ?? null })),
      preliminary: preliminary ? evaluationView(preliminary) : null,
      finals: row.evaluations.filter((evaluation) => finalIds.has(evaluation.id)).reverse().map(evaluationView),
      history: row.evaluations.map(evaluationView),
      trainingPath: row.trainingLines
        .filter((line) => line.preliminaryId === preliminary?.id)
        .sort((a, b) => positionOf(a.blockCode) - positionOf(b.blockCode))
        .map((line) => ({
          id: line.id,
          blockCode: line.blockCode,
          moduleTitle: titleOf(line.blockCode),
          toTrain: line.toTrain,
          partnerId: line.partnerId,
          partnerName: line.partnerId ? (partnerName.get(line.partnerId) ?? null) : null,
          done: validated.has(line.blockCode),
          updatedAt: line.updatedAt,
        })),
      complete,
      finalEvaluationDeadline: window?.dueBy ?? null,
      windowDaysLeft: window?.daysLeft ?? null,
      windowAtRisk: window?.atRisk ?? false,
      windowExpired: window?.late ?? false,
      portfolios: row.portfolios.map((portfolio) => {
        const modules = (portfolio.modules as { code: string; title: string; validatedAt: string }[]).map((module) => ({ ...module, validatedAt: new Date(module.validatedAt) }));
        const codes = new Set(modules.map((module) => module.code));
        return {
          id: portfolio.id,
          issuedAt: portfolio.issuedAt,
          modules,
          remaining: blocks.filter((block) => !codes.has(block.code)).map((block) => ({ code: block.code, title: block.title })),
          holderName,
          issuerName: certifierName.get(row.attempt.certification.certifierId) ?? '',
          certificationCode: row.attempt.certification.code,
          certificationTitle: row.attempt.certification.title,
        };
      }),
      outcome: row.outcome,
      outcomeReason: row.outcomeReason,
      decidedAt: row.decidedAt,
      certificateId: row.decisionId ? (certificateOf.get(row.decisionId) ?? null) : null,
    };
  });
}

const ModuleResultRef = builder.objectRef<ModuleResultView>('CleaModuleResult').implement({
  fields: (t) => ({
    blockCode: t.exposeString('blockCode', { description: 'The module (a block of the CléA framework).' }),
    moduleTitle: t.exposeString('moduleTitle'),
    mastered: t.exposeBoolean('mastered', { description: 'MASTERED (true) or NOT_MASTERED (false).' }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

const EvaluationRef = builder.objectRef<EvaluationView>('CleaEvaluation').implement({
  description: 'A preliminary or final evaluation, per module.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: CleaEvaluationKindEnum, resolve: (e) => e.kind }),
    evaluatedAt: t.field({ type: 'DateTime', resolve: (e) => e.evaluatedAt }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    evaluatorName: t.exposeString('evaluatorName', { nullable: true }),
    superseded: t.exposeBoolean('superseded', { description: 'A preliminary evaluation replaced after its 5-year window expired (kept in the history).' }),
    results: t.field({ type: [ModuleResultRef], resolve: (e) => e.results }),
  }),
});

const ModuleRef = builder.objectRef<ModuleView>('CleaModule').implement({
  description: 'One of the 7 CléA modules and whether the current cycle validated it.',
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    position: t.exposeInt('position'),
    validated: t.exposeBoolean('validated'),
    validatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.validatedAt }),
  }),
});

const TrainingLineRef = builder.objectRef<TrainingLineView>('CleaTrainingLine').implement({
  description: 'One line of the individual training path: a module not mastered at the preliminary evaluation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    blockCode: t.exposeString('blockCode'),
    moduleTitle: t.exposeString('moduleTitle'),
    toTrain: t.exposeString('toTrain', { description: 'What to train.' }),
    partnerId: t.exposeID('partnerId', { nullable: true }),
    partnerName: t.exposeString('partnerName', { nullable: true, description: 'The training organisation, once set.' }),
    done: t.exposeBoolean('done', { description: 'The module has since been validated at a final evaluation.' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (l) => l.updatedAt }),
  }),
});

const PortfolioModuleRef = builder.objectRef<{ code: string; title: string; validatedAt?: Date }>('CleaPortfolioModule').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    validatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.validatedAt ?? null }),
  }),
});

const PortfolioRef = builder.objectRef<PortfolioView>('CleaPortfolio').implement({
  description: '"Portefeuille de compétences": the modules validated so far, issued after a partial final evaluation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    issuedAt: t.field({ type: 'DateTime', resolve: (p) => p.issuedAt }),
    modules: t.field({ type: [PortfolioModuleRef], resolve: (p) => p.modules }),
    remaining: t.field({ type: [PortfolioModuleRef], description: 'Modules still to validate.', resolve: (p) => p.remaining }),
    pdfBase64: t.string({
      description: 'The portfolio as a PDF (A4), base64-encoded, for download.',
      resolve: async (p) =>
        Buffer.from(
          await renderPortfolioPdf({
            portfolioId: p.id,
            holderName: p.holderName,
            issuerName: p.issuerName,
            certificationCode: p.certificationCode,
            certificationTitle: p.certificationTitle,
            issuedAt: p.issuedAt,
            validated: p.modules,
            remaining: p.remaining,
          }),
        ).toString('base64'),
    }),
  }),
});

const CleaFileRef = builder.objectRef<FileView>('CleaFile').implement({
  description: 'The CléA file of an attempt: preliminary evaluation → training path → final evaluation → skills portfolio or commission → certificate.',
  fields: (t) => ({
    id: t.exposeID('id'),
    attemptId: t.exposeID('attemptId'),
    candidateName: t.exposeString('candidateName'),
    certificationCode: t.exposeString('certificationCode'),
    certificationTitle: t.exposeString('certificationTitle'),
    stage: t.field({ type: CleaStageEnum, resolve: (f) => f.stage }),
    evaluatorName: t.exposeString('evaluatorName', { nullable: true }),
    evaluatorAssignedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.evaluatorAssignedAt }),
    modules: t.field({ type: [ModuleRef], resolve: (f) => f.modules }),
    preliminary: t.field({ type: EvaluationRef, nullable: true, description: 'The current preliminary evaluation.', resolve: (f) => f.preliminary }),
    finals: t.field({ type: [EvaluationRef], description: 'Final evaluations of the current cycle, newest first.', resolve: (f) => f.finals }),
    history: t.field({ type: [EvaluationRef], description: 'Every evaluation, superseded ones included, newest first.', resolve: (f) => f.history }),
    trainingPath: t.field({ type: [TrainingLineRef], resolve: (f) => f.trainingPath }),
    complete: t.exposeBoolean('complete', { description: 'All 7 modules validated.' }),
    finalEvaluationDeadline: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Preliminary evaluation + 5 years: the final evaluation must take place by then.',
      resolve: (f) => f.finalEvaluationDeadline,
    }),
    windowDaysLeft: t.exposeInt('windowDaysLeft', { nullable: true }),
    windowAtRisk: t.exposeBoolean('windowAtRisk', { description: 'Outstanding and expired or due within 180 days.' }),
    windowExpired: t.exposeBoolean('windowExpired', { description: 'Past the deadline: a new preliminary evaluation is required.' }),
    portfolios: t.field({ type: [PortfolioRef], resolve: (f) => f.portfolios }),
    outcome: t.field({ type: CleaOutcomeEnum, nullable: true, resolve: (f) => f.outcome }),
    outcomeReason: t.exposeString('outcomeReason', { nullable: true }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.decidedAt }),
    certificateId: t.exposeID('certificateId', { nullable: true, description: 'The CléA certificate (verify it with verifyCertificate).' }),
  }),
});

async function fileOf(ctx: Context, attemptId: string): Promise<FileView | null> {
  const [view] = await toViews(ctx, await cleaFilesFor(ctx.prisma, ctx.viewer, attemptId));
  return view ?? null;
}
async function fileAfterWrite(ctx: Context, attemptId: string): Promise<FileView> {
  const view = await fileOf(ctx, attemptId);
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

builder.queryField('cleaFile', (t) =>
  t.field({
    type: CleaFileRef,
    nullable: true,
    description: "The CléA file of an attempt, if the caller may see it (the candidate, their partner, admins, the assigned evaluator); else null.",
    authScopes: { authenticated: true },
    args: { attemptId: t.arg.id() },
    resolve: (_root, args, ctx) => fileOf(ctx, String(args.attemptId)),
  }),
);

builder.queryField('cleaFiles', (t) =>
  t.field({
    type: [CleaFileRef],
    description: 'CléA files: an evaluator those assigned to them, a partner its candidates’, admins all of the certifier (newest first, 200 at most).',
    authScopes: { admin: true, juror: true, partner: true },
    resolve: async (_root, _args, ctx) => toViews(ctx, await cleaFilesFor(ctx.prisma, ctx.viewer)),
  }),
);

builder.mutationField('assignCleaEvaluator', (t) =>
  t.field({
    type: CleaFileRef,
    description: 'Admins: assigns the evaluator (a juror) of a CléA attempt, opening its file. Never one of the candidate’s trainers (EVALUATOR_INELIGIBLE).',
    authScopes: { admin: true },
    args: { attemptId: t.arg.id(), evaluatorId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await assignEvaluator(ctx, ctx.viewer, String(args.attemptId), String(args.evaluatorId));
      return fileAfterWrite(ctx, String(args.attemptId));
    },
  }),
);

const ModuleResultInput = builder.inputType('CleaModuleResultInput', {
  fields: (t) => ({
    blockCode: t.string(),
    mastered: t.boolean(),
    comment: t.string({ required: false }),
  }),
});

const EvaluationInput = builder
  .inputType('CleaEvaluationInput', {
    fields: (t) => ({
      attemptId: t.id(),
      kind: t.field({ type: CleaEvaluationKindEnum }),
      evaluatedAt: t.field({ type: 'DateTime', required: false, description: 'Admins only: when the evaluation took place, if earlier than now.' }),
      modules: t.field({ type: [ModuleResultInput], description: 'PRELIMINARY: all 7 modules; FINAL: the modules evaluated.' }),
    }),
  })
  .validate(evaluationSchema);

builder.mutationField('recordCleaEvaluation', (t) =>
  t.field({
    type: CleaFileRef,
    description:
      'The assigned evaluator (or an admin) records a preliminary or final evaluation per module. A final one is refused (CLEA_WINDOW_EXPIRED) past 5 years from the preliminary one; a new preliminary one is then possible.',
    authScopes: { juror: true, admin: true },
    args: { input: t.arg({ type: EvaluationInput }) },
    resolve: async (_root, args, ctx) => {
      await recordEvaluation(ctx, ctx.viewer, args.input as never);
      return fileAfterWrite(ctx, String(args.input.attemptId));
    },
  }),
);

const TrainingLineInput = builder
  .inputType('CleaTrainingLineInput', {
    fields: (t) => ({
      attemptId: t.id(),
      blockCode: t.string(),
      toTrain: t.string({ description: 'What to train (3 to 1,000 characters).' }),
      partnerId: t.id({ required: false, description: 'The training organisation; null clears it.' }),
    }),
  })
  .validate(trainingLineSchema);

builder.mutationField('setCleaTrainingLine', (t) =>
  t.field({
    type: CleaFileRef,
    description: 'The assigned evaluator or an admin sets what to train for a module not mastered, and with which training organisation.',
    authScopes: { juror: true, admin: true },
    args: { input: t.arg({ type: TrainingLineInput }) },
    resolve: async (_root, args, ctx) => {
      await setTrainingLine(ctx, ctx.viewer, args.input as never);
      return fileAfterWrite(ctx, String(args.input.attemptId));
    },
  }),
);

// ─── The joint commission ───

interface CommissionRuleView {
  certificationId: string;
  employerSeats: number;
  employeeSeats: number;
}
const CommissionRuleRef = builder.objectRef<CommissionRuleView>('CleaCommissionRule').implement({
  description: 'Balance of the joint commission: employer seats to employee seats.',
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    employerSeats: t.exposeInt('employerSeats'),
    employeeSeats: t.exposeInt('employeeSeats'),
  }),
});

builder.mutationField('setCleaCommissionRule', (t) =>
  t.field({
    type: CommissionRuleRef,
    description: 'Admins: the balance rule of a CléA certification’s commissions (employers × employeeSeats = employees × employerSeats).',
    authScopes: { admin: true },
    args: {
      certificationId: t.arg.id({ validate: commissionRuleSchema.shape.certificationId }),
      employerSeats: t.arg.int({ validate: commissionRuleSchema.shape.employerSeats }),
      employeeSeats: t.arg.int({ validate: commissionRuleSchema.shape.employeeSeats }),
    },
    resolve: async (_root, args, ctx) => {
      const input = { certificationId: String(args.certificationId), employerSeats: args.employerSeats, employeeSeats: args.employeeSeats };
      await setCommissionRule(ctx, ctx.viewer, input);
      return input;
    },
  }),
);

const commissionSelect = {
  id: true,
  name: true,
  certificationId: true,
  members: { select: { jurorId: true, role: true, representation: true, juror: { select: { displayName: true } } }, orderBy: { role: 'desc' } },
} satisfies Prisma.JurySelect;
type CommissionRow = Prisma.JuryGetPayload<{ select: typeof commissionSelect }>;

const CommissionMemberRef = builder.objectRef<CommissionRow['members'][number]>('CleaCommissionMember').implement({
  fields: (t) => ({
    jurorId: t.exposeID('jurorId'),
    displayName: t.string({ resolve: (m) => m.juror.displayName }),
    role: t.field({ type: JuryRoleEnum, resolve: (m) => m.role }),
    representation: t.field({ type: RepresentationEnum, nullable: true, resolve: (m) => m.representation }),
  }),
});

const CommissionRef = builder.objectRef<CommissionRow>('CleaCommission').implement({
  description: 'A joint CléA certification commission (a jury of kind COMMISSION).',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    certificationId: t.exposeID('certificationId'),
    members: t.field({ type: [CommissionMemberRef], resolve: (c) => c.members }),
    employers: t.int({ resolve: (c) => commissionBalance(c.members.map((m) => m.representation), { employerSeats: 1, employeeSeats: 1 }).employers }),
    employees: t.int({ resolve: (c) => commissionBalance(c.members.map((m) => m.representation), { employerSeats: 1, employeeSeats: 1 }).employees }),
  }),
});

const CommissionMemberInput = builder.inputType('CleaCommissionMemberInput', {
  fields: (t) => ({
    jurorId: t.id(),
    role: t.field({ type: JuryRoleEnum }),
    representation: t.field({ type: RepresentationEnum }),
  }),
});

const ComposeCommissionInput = builder
  .inputType('ComposeCleaCommissionInput', {
    fields: (t) => ({
      certificationId: t.id(),
      name: t.string(),
      members: t.field({ type: [CommissionMemberInput] }),
    }),
  })
  .validate(composeCommissionSchema);

builder.mutationField('composeCleaCommission', (t) =>
  t.field({
    type: CommissionRef,
    description: 'Admins: composes a joint commission (one president; employer and employee representatives in the certification’s ratio, else COMMISSION_UNBALANCED).',
    authScopes: { admin: true },
    args: { input: t.arg({ type: ComposeCommissionInput }) },
    resolve: async (_root, args, ctx) => {
      const id = await composeCommission(ctx, ctx.viewer, args.input as never);
      return ctx.prisma.jury.findUniqueOrThrow({ where: { id }, select: commissionSelect });
    },
  }),
);

const DecideInput = builder
  .inputType('DecideCleaFileInput', {
    fields: (t) => ({
      attemptId: t.id(),
      commissionId: t.id(),
      certified: t.boolean(),
      reason: t.string({ required: false, description: 'Mandatory when not certified.' }),
    }),
  })
  .validate(decideSchema);

builder.mutationField('decideCleaFile', (t) =>
  t.field({
    type: CleaFileRef,
    description:
      'Admins record the commission’s decision on a complete file (else CLEA_FILE_INCOMPLETE): certified issues the certificate; not certified records its reason. The commission must be balanced and independent of the candidate’s evaluators and trainers (JUROR_INELIGIBLE).',
    authScopes: { admin: true },
    args: { input: t.arg({ type: DecideInput }) },
    resolve: async (_root, args, ctx) => {
      await decideFile(ctx, ctx.viewer, args.input as never);
      return fileAfterWrite(ctx, String(args.input.attemptId));
    },
  }),
);
