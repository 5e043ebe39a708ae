// Identity confirmation and fraud reports in the schema: the president's two mutations, the admins' review queue.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { FraudReviewStatusEnum, IdentityDocumentTypeEnum } from '../../graphql/enums.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import { confirmCandidateIdentity, reportFraud, reviewFraudReport } from './integrity.service.ts';
import { reloadOral } from './scoring.graphql.ts';

builder.prismaObject('FraudReport', {
  description: 'Suspected fraud reported by a jury president; the attempt stays frozen until an admin reviews it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    statement: t.exposeString('statement'),
    reportedAt: t.expose('reportedAt', { type: 'DateTime' }),
    status: t.expose('status', { type: FraudReviewStatusEnum }),
    reviewReason: t.exposeString('reviewReason', { nullable: true }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    attempt: t.relation('attempt'),
    oral: t.relation('oral', { nullable: true }),
  }),
});

builder.queryField('fraudReports', (t) =>
  t.prismaField({
    type: ['FraudReport'],
    description: 'Admins: fraud reports to review (PENDING by default), oldest first.',
    authScopes: { admin: true },
    args: { status: t.arg({ type: FraudReviewStatusEnum, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.fraudReport.findMany({
        ...query,
        where: { status: args.status ?? 'PENDING', attempt: { certification: certificationAdminFilter(ctx.viewer) } },
        orderBy: { reportedAt: 'asc' },
        take: 500,
      }),
  }),
);

builder.mutationField('confirmCandidateIdentity', (t) =>
  t.prismaField({
    type: 'Oral',
    description:
      "President only: the candidate's identity was checked on a document of this type (the image is never stored). Checks the jury against the independence rules first; WAITING → IDENTITY_CHECKED.",
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), documentType: t.arg({ type: IdentityDocumentTypeEnum }), expectedVersion: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await confirmCandidateIdentity(ctx, ctx.viewer, String(args.oralId), args.documentType, args.expectedVersion);
      return reloadOral(ctx, query, id);
    },
  }),
);

builder.mutationField('reportFraud', (t) =>
  t.prismaField({
    type: 'Oral',
    description: "President only: reports suspected fraud with a statement. The attempt is FROZEN and the oral locked until an admin's review.",
    authScopes: { juror: true },
    args: { oralId: t.arg.id(), statement: t.arg.string({ validate: z.string().trim().min(10).max(5000) }), expectedVersion: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const { id } = await reportFraud(ctx, ctx.viewer, String(args.oralId), args.statement.trim(), args.expectedVersion);
      return reloadOral(ctx, query, id);
    },
  }),
);

const FraudReviewOutcome = builder.enumType('FraudReviewOutcome', {
  values: {
    CONFIRMED: { description: 'Fraud confirmed: the attempt stays frozen.' },
    DISMISSED: { description: 'Dismissed: the attempt and its oral resume where they stopped.' },
  },
});

builder.mutationField('reviewFraudReport', (t) =>
  t.prismaField({
    type: 'FraudReport',
    description: 'Admins: settles a pending fraud report, with a mandatory reason.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), outcome: t.arg({ type: FraudReviewOutcome }), reason: t.arg.string({ validate: z.string().trim().min(3).max(5000) }) },
    resolve: async (query, _root, args, ctx) => {
      await reviewFraudReport(ctx, ctx.viewer, String(args.id), args.outcome, args.reason.trim());
      return ctx.prisma.fraudReport.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);
