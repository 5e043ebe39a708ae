// CQP block bridges in the schema: admins declare, list and remove block equivalences; partners (and admins)
// register a known candidate at another certification; `Candidate.acquiredBlocks` shows blocks acquired by a
// decision or by equivalence (with the original date and the source block).
import { builder } from '../../graphql/builder.ts';
import { AccessRouteEnum, FundingEnum } from '../../graphql/enums.ts';
import { candidateFilter } from '../../auth/policies.ts';
import { CertificationRef } from '../certification/certification.graphql.ts';
import { acquiredBlocksAt, acquiredBlocksOf, type AcquiredBlockView } from './acquired-blocks.ts';
import { vaeRouteOpen } from '../vae/experience.rules.ts';
import { blockEquivalencesFor, createBlockEquivalence, deleteBlockEquivalence, registerForCertification } from './cqp.service.ts';

const AcquiredSourceEnum = builder.enumType('AcquiredBlockSource', {
  description: 'DECISION: validated by a jury of this certification; EQUIVALENCE: a bridge from a block validated in another certification.',
  values: ['DECISION', 'EQUIVALENCE'] as const,
});

const EquivalenceSourceRef = builder.objectRef<NonNullable<AcquiredBlockView['via']>>('AcquiredBlockEquivalence').implement({
  description: 'The block actually validated, in another certification, that this block is equivalent to.',
  fields: (t) => ({
    certificationCode: t.exposeString('certificationCode'),
    blockCode: t.exposeString('blockCode'),
  }),
});

export const AcquiredBlockRef = builder.objectRef<AcquiredBlockView>('AcquiredBlock').implement({
  description: 'A block the candidate acquired (BY_BLOCK), kept with its date across retakes; also by equivalence with a block of another certification.',
  fields: (t) => ({
    blockCode: t.exposeString('blockCode'),
    acquiredAt: t.expose('acquiredAt', { type: 'DateTime', description: 'The date of the jury that validated it (the source block, for an equivalence).' }),
    certification: t.field({
      type: CertificationRef,
      resolve: (block, _args, ctx) => ctx.prisma.certification.findUniqueOrThrow({ where: { id: block.certificationId } }),
    }),
    source: t.field({ type: AcquiredSourceEnum, resolve: (block) => block.source }),
    viaEquivalence: t.field({
      type: EquivalenceSourceRef,
      nullable: true,
      description: 'For a block acquired by equivalence: the source block (null otherwise).',
      resolve: (block) => block.via,
    }),
  }),
});

builder.prismaObjectFields('Candidate', (t) => ({
  acquiredBlocks: t.field({
    type: [AcquiredBlockRef],
    description: 'Blocks acquired at any certification (BY_BLOCK), oldest first; with those acquired by equivalence at the certifications the candidate is registered for.',
    resolve: (candidate, _args, ctx) => acquiredBlocksOf(ctx.prisma, candidate.id),
  }),
}));

const BlockEquivalenceRef = builder.prismaObject('BlockEquivalence', {
  description: 'A CQP bridge ("passerelle"): a block of one certification equivalent to a block of another, both ways.',
  fields: (t) => ({
    id: t.exposeID('id'),
    certificationCode: t.exposeString('fromCertificationCode'),
    blockCode: t.exposeString('fromBlockCode'),
    equivalentCertificationCode: t.exposeString('toCertificationCode'),
    equivalentBlockCode: t.exposeString('toBlockCode'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const BlockEquivalenceInput = builder.inputType('BlockEquivalenceInput', {
  fields: (t) => ({
    certificationId: t.id(),
    blockCode: t.string(),
    equivalentCertificationId: t.id(),
    equivalentBlockCode: t.string(),
  }),
});

builder.queryField('blockEquivalences', (t) =>
  t.field({
    type: [BlockEquivalenceRef],
    description: "Admins: the certifier's block equivalences.",
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => blockEquivalencesFor(ctx.prisma, ctx.viewer),
  }),
);

builder.mutationField('createBlockEquivalence', (t) =>
  t.field({
    type: BlockEquivalenceRef,
    description: 'Admins: declares that two blocks of two different certifications are equivalent (both ways). Both must be in their published framework; a pair exists once (ALREADY_EXISTS).',
    authScopes: { admin: true },
    args: { input: t.arg({ type: BlockEquivalenceInput }) },
    resolve: async (_root, args, ctx) => {
      const id = await createBlockEquivalence(ctx, ctx.viewer, {
        certificationId: String(args.input.certificationId),
        blockCode: args.input.blockCode,
        equivalentCertificationId: String(args.input.equivalentCertificationId),
        equivalentBlockCode: args.input.equivalentBlockCode,
      });
      return ctx.prisma.blockEquivalence.findUniqueOrThrow({ where: { id } });
    },
  }),
);

builder.mutationField('deleteBlockEquivalence', (t) =>
  t.boolean({
    description: 'Admins: removes a block equivalence (decisions already taken keep what they counted).',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await deleteBlockEquivalence(ctx, ctx.viewer, String(args.id));
      return true;
    },
  }),
);

builder.mutationField('registerForCertification', (t) =>
  t.prismaField({
    type: 'Attempt',
    description:
      "Registers one of your candidates (a partner's, or any of the certifier's for an admin) at another certification. BY_BLOCK: covers only the blocks not already acquired, by a decision or by equivalence. VAE needs an RNCP-registered certification (VAE_NOT_AVAILABLE).",
    authScopes: { partner: true, admin: true },
    args: {
      candidateId: t.arg.id(),
      certificationCode: t.arg.string(),
      accessRoute: t.arg({ type: AccessRouteEnum, required: false }),
      funding: t.arg({ type: FundingEnum, required: false }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = await registerForCertification(ctx, ctx.viewer, {
        candidateId: String(args.candidateId),
        certificationCode: args.certificationCode,
        accessRoute: args.accessRoute ?? null,
        funding: args.funding ?? null,
      });
      return ctx.prisma.attempt.findUniqueOrThrow({ ...query, where: { id, candidate: candidateFilter(ctx.viewer) } });
    },
  }),
);

builder.prismaObjectFields('Certification', (t) => ({
  rncpCode: t.exposeString('rncpCode', { nullable: true, description: 'A CQP or CléA also registered in the RNCP: its RNCP code (opens VAE).' }),
  vaeOpen: t.boolean({
    description: 'Whether the VAE route is open: an RNCP certification, or a CQP / CléA registered in the RNCP; never an RS one.',
    select: { registry: true, rncpCode: true },
    resolve: (certification) => vaeRouteOpen(certification),
  }),
}));

builder.prismaObjectFields('Attempt', (t) => ({
  acquiredBlocks: t.field({
    type: [AcquiredBlockRef],
    description: "BY_BLOCK: the blocks the candidate holds at this attempt's certification, by a decision or by equivalence, oldest first.",
    select: { candidateId: true, certificationId: true },
    resolve: (attempt, _args, ctx) => acquiredBlocksAt(ctx.prisma, attempt.candidateId, attempt.certificationId),
  }),
}));
