// GDPR rectification requests in the schema: the candidate asks (and follows their requests), admins decide.
import { z } from 'zod';
import { builder } from '../../graphql/builder.ts';
import { CandidateIdentityInput } from '../candidate/candidate.graphql.ts';
import { IDENTITY_FIELDS, IDENTITY_PICK, type IdentityField } from '../candidate/candidate.rules.ts';
import { decideRectification, requestRectification } from './rectification.service.ts';

const RectificationStateEnum = builder.enumType('RectificationState', {
  values: { PENDING: { description: 'Waiting for an admin.' }, APPROVED: { description: 'The requested values were written.' }, REJECTED: { description: 'Refused, with a reason.' } },
});

interface Change {
  field: IdentityField;
  current: string | null;
  requested: string | null;
}

/** A value as shown: birth dates as YYYY-MM-DD (stored as a Date on the candidate, an ISO string in the request). */
const show = (field: IdentityField, value: unknown) => {
  if (value == null) return null;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return field === 'birthDate' ? text.slice(0, 10) : text;
};

const RectificationChangeRef = builder.objectRef<Change>('RectificationChange').implement({
  description: 'One identity field the request changes: the value on record and the value asked for (dates as YYYY-MM-DD).',
  fields: (t) => ({
    field: t.exposeString('field'),
    current: t.exposeString('current', { nullable: true }),
    requested: t.exposeString('requested', { nullable: true }),
  }),
});

builder.prismaObject('RectificationRequest', {
  description: "A candidate's request to correct their identity data (GDPR), decided by an admin.",
  fields: (t) => ({
    id: t.exposeID('id'),
    state: t.expose('state', { type: RectificationStateEnum }),
    comment: t.exposeString('comment'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decisionReason: t.exposeString('decisionReason', { nullable: true }),
    candidate: t.relation('candidate'),
    changes: t.field({
      type: [RectificationChangeRef],
      description: 'The fields whose requested value differs from the one on record when the request was made (or now, for a pending one).',
      select: { changes: true, candidate: { select: IDENTITY_PICK } },
      resolve: (request) => {
        const requested = request.changes as Record<IdentityField, string | null>;
        const current = request.candidate as Record<IdentityField, unknown>;
        return IDENTITY_FIELDS.map((field) => ({ field, current: show(field, current[field]), requested: show(field, requested[field]) })).filter(
          (change) => request.state !== 'PENDING' || change.current !== change.requested,
        );
      },
    }),
  }),
});

builder.queryField('myRectificationRequests', (t) =>
  t.prismaField({
    type: ['RectificationRequest'],
    description: "Candidates: their rectification requests, newest first.",
    authScopes: { candidate: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.rectificationRequest.findMany({
        ...query,
        where: { candidateId: ctx.viewer?.kind === 'user' && ctx.viewer.candidateId ? ctx.viewer.candidateId : '' },
        orderBy: { createdAt: 'desc' },
        take: 100,
      }),
  }),
);

builder.queryField('rectificationRequests', (t) =>
  t.prismaField({
    type: ['RectificationRequest'],
    description: "Admins: the rectification requests of the certifier's candidates (of one state when given), oldest first.",
    authScopes: { admin: true },
    args: { state: t.arg({ type: RectificationStateEnum, required: false }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.rectificationRequest.findMany({
        ...query,
        where: { candidate: { partner: { certifierId: ctx.viewer?.certifierId ?? '' } }, ...(args.state ? { state: args.state } : {}) },
        orderBy: { createdAt: 'asc' },
        take: 500,
      }),
  }),
);

builder.mutationField('requestRectification', (t) =>
  t.prismaField({
    type: 'RectificationRequest',
    description:
      'Candidates: asks to correct their identity data (GDPR). `identity` is the whole corrected identity, checked as at registration; ' +
      'ALREADY_EXISTS while an earlier request is pending. Admins are notified.',
    authScopes: { candidate: true },
    args: {
      identity: t.arg({ type: CandidateIdentityInput }),
      comment: t.arg.string({ validate: z.string().trim().min(3).max(2000) }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await requestRectification(ctx, ctx.viewer, args.identity as never, args.comment.trim());
      return ctx.prisma.rectificationRequest.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);

builder.mutationField('decideRectification', (t) =>
  t.prismaField({
    type: 'RectificationRequest',
    description: 'Admins: approves (the requested identity is written) or rejects (a reason is required) a pending rectification request; audited, the candidate is notified.',
    authScopes: { admin: true },
    args: {
      id: t.arg.id(),
      approve: t.arg.boolean(),
      reason: t.arg.string({ required: false, validate: z.string().trim().max(2000) }),
    },
    resolve: async (query, _root, args, ctx) => {
      await decideRectification(ctx, ctx.viewer, String(args.id), args.approve, args.reason?.trim() || null);
      return ctx.prisma.rectificationRequest.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);
