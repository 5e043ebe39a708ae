// Retakes in the schema: what an attempt's retake would cover (`Attempt.retake*`), its chain of attempts, and
// `openRetake` for the candidate of a failed attempt or an admin of the certifier.
import { builder } from '../../graphql/builder.ts';
import { attemptFilter } from '../../auth/policies.ts';
import { RETAKE_REFUSALS } from './retake.rules.ts';
import { openRetake, retakeAvailabilityFor, retakeRefusalText, type RetakeAvailability } from './retake.service.ts';

const RetakeRefusalEnum = builder.enumType('RetakeRefusal', {
  description: 'Why an attempt cannot be retaken.',
  values: RETAKE_REFUSALS,
});

const RetakeAvailabilityRef = builder.objectRef<RetakeAvailability>('RetakeAvailability').implement({
  description: 'Whether a new attempt may be opened after this one, and what it would cover.',
  fields: (t) => ({
    available: t.exposeBoolean('available'),
    refusal: t.field({ type: RetakeRefusalEnum, nullable: true, resolve: (plan) => plan.refusal }),
    refusalMessage: t.string({
      nullable: true,
      description: "Why not, in the request's language.",
      resolve: (plan) => (plan.refusal ? retakeRefusalText(plan.refusal, plan.maxAttempts) : null),
    }),
    blockCodesInScope: t.exposeStringList('blockCodesInScope', { description: 'What the retake would store as its scope (empty = every block).' }),
    coveredBlockCodes: t.exposeStringList('coveredBlockCodes', {
      description: 'The blocks the retake would cover: the missing ones for BY_BLOCK, every block for ALL_COMPETENCES.',
    }),
    attemptsUsed: t.exposeInt('attemptsUsed'),
    maxAttempts: t.exposeInt('maxAttempts', { nullable: true, description: 'null = unlimited.' }),
    attemptsLeft: t.exposeInt('attemptsLeft', { nullable: true, description: 'Attempts still allowed; null = unlimited.' }),
  }),
});

builder.prismaObjectFields('Attempt', (t) => ({
  blockCodesInScope: t.exposeStringList('blockCodesInScope', { description: 'BY_BLOCK: the blocks this attempt covers (empty = every block).' }),
  previousAttempt: t.prismaField({
    type: 'Attempt',
    nullable: true,
    description: 'The failed attempt this one retakes.',
    select: { previousAttemptId: true },
    resolve: (query, attempt, _args, ctx) =>
      attempt.previousAttemptId
        ? ctx.prisma.attempt.findFirst({ ...query, where: { AND: [{ id: attempt.previousAttemptId }, attemptFilter(ctx.viewer)] } })
        : null,
  }),
  retakeAttempt: t.prismaField({
    type: 'Attempt',
    nullable: true,
    description: 'The attempt that retakes this one, once opened.',
    resolve: (query, attempt, _args, ctx) =>
      ctx.prisma.attempt.findFirst({ ...query, where: { AND: [{ previousAttemptId: attempt.id }, attemptFilter(ctx.viewer)] } }),
  }),
  retakeAvailability: t.field({
    type: RetakeAvailabilityRef,
    nullable: true,
    description: 'For the candidate and admins of the certifier (who may open a retake); null for anyone else.',
    resolve: (attempt, _args, ctx) => retakeAvailabilityFor(ctx.prisma, ctx.viewer, attempt.id),
  }),
}));

// AcquiredBlock and Candidate.acquiredBlocks (own blocks and blocks acquired by equivalence) live in
// modules/cqp/cqp.graphql.ts.

builder.mutationField('openRetake', (t) =>
  t.prismaField({
    type: 'Attempt',
    description:
      'Opens a new attempt after a failed, published result (NOT_CERTIFIED or PARTIALLY_CERTIFIED): BY_BLOCK covers only the blocks not yet acquired, ALL_COMPETENCES everything. Refused with RETAKE_UNAVAILABLE, RETAKE_ALREADY_OPENED or MAX_ATTEMPTS_REACHED.',
    authScopes: { candidate: true, admin: true },
    args: { attemptId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const id = await openRetake(ctx, ctx.viewer, String(args.attemptId));
      return ctx.prisma.attempt.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
