// Success rates in the schema: the public figures per jury year (withheld below the certification's
// successRateMinCandidates), also reachable from the catalogue as Certification.successRates, and the admins'
// breakdown by partner and by block.
import { builder } from '../../graphql/builder.ts';
import { batchLoad } from '../../graphql/loaders.ts';
import { publicRates, yearArgument, type PublicRate, type PublicRates } from './statistics.rules.ts';
import {
  certificationSuccessRates,
  outcomeCountsByYear,
  successRateBreakdown,
  type BlockBreakdownRow,
  type PartnerBreakdownRow,
  type SuccessRateBreakdown,
} from './statistics.service.ts';

type CertificationRates = PublicRates & { certificationId: string };

const SuccessRateFigureRef = builder.objectRef<PublicRate>('SuccessRateFigure').implement({
  description: 'A public success figure (one jury year, or all years). Below the threshold every count and the rate are null.',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: true, description: 'The jury year (Europe/Paris); null for all years together.' }),
    published: t.exposeBoolean('published', { description: 'False when fewer than minCandidates decided candidates: nothing else is given.' }),
    decided: t.exposeInt('decided', { nullable: true, description: 'Candidates whose current decision is published.' }),
    certified: t.exposeInt('certified', { nullable: true }),
    partiallyCertified: t.exposeInt('partiallyCertified', { nullable: true }),
    rate: t.exposeFloat('rate', { nullable: true, description: 'certified / decided, from 0 to 1 (a partial award is not a success).' }),
  }),
});

const SuccessRatesRef = builder.objectRef<CertificationRates>('SuccessRates').implement({
  description: 'Public success rates of a certification, counted from published, current (non-superseded) decisions, one per attempt.',
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    minCandidates: t.exposeInt('minCandidates', { description: 'Figures are published from this many decided candidates (the certification’s successRateMinCandidates).' }),
    overall: t.field({ type: SuccessRateFigureRef, resolve: (rates) => rates.overall }),
    years: t.field({ type: [SuccessRateFigureRef], description: 'Every jury year with published decisions, most recent first.', resolve: (rates) => rates.years }),
  }),
});

builder.prismaObjectFields('Certification', (t) => ({
  successRates: t.field({
    type: SuccessRatesRef,
    description: 'Success rates per jury year and for all years (public; withheld below successRateMinCandidates).',
    // Batched with Certification.successRate: one statement for the whole catalogue.
    select: { successRateMinCandidates: true },
    resolve: async (certification, _args, ctx) => {
      const years = await batchLoad(ctx, 'Certification.outcomeCounts', (ids) => outcomeCountsByYear(ctx.prisma, ids), certification.id);
      return { certificationId: certification.id, ...publicRates(years ?? [], certification.successRateMinCandidates) };
    },
  }),
}));

builder.queryField('certificationSuccessRates', (t) =>
  t.field({
    type: SuccessRatesRef,
    nullable: true,
    description: 'Public success rates of a certification per jury year and for all years; null for an unknown certification.',
    authScopes: { public: true },
    args: { certificationId: t.arg.id() },
    resolve: (_root, args, ctx) => certificationSuccessRates(ctx.prisma, String(args.certificationId)),
  }),
);

const PartnerBreakdownRef = builder.objectRef<PartnerBreakdownRow>('SuccessRateByPartner').implement({
  fields: (t) => ({
    partnerId: t.exposeID('partnerId'),
    partnerName: t.exposeString('partnerName'),
    decided: t.exposeInt('decided'),
    certified: t.exposeInt('certified'),
    partiallyCertified: t.exposeInt('partiallyCertified'),
    rate: t.exposeFloat('rate', { nullable: true }),
    smallSample: t.exposeBoolean('smallSample', { description: 'Fewer decided candidates than the public threshold: read with care, never publish.' }),
  }),
});

const BlockBreakdownRef = builder.objectRef<BlockBreakdownRow>('SuccessRateByBlock').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    inScope: t.exposeInt('inScope', { description: 'Decided candidates who had the block in the scope of their attempt.' }),
    validated: t.exposeInt('validated'),
    rate: t.exposeFloat('rate', { nullable: true, description: 'validated / inScope.' }),
    smallSample: t.exposeBoolean('smallSample'),
  }),
});

const SuccessRateBreakdownRef = builder.objectRef<SuccessRateBreakdown>('SuccessRateBreakdown').implement({
  description: 'For the certifier’s admins: the success rate by partner and by block, shown even below the public threshold (small rows labelled).',
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    year: t.exposeInt('year', { nullable: true }),
    minCandidates: t.exposeInt('minCandidates'),
    byPartner: t.field({ type: [PartnerBreakdownRef], resolve: (breakdown) => breakdown.byPartner }),
    byBlock: t.field({ type: [BlockBreakdownRef], resolve: (breakdown) => breakdown.byBlock }),
  }),
});

builder.queryField('successRateBreakdown', (t) =>
  t.field({
    type: SuccessRateBreakdownRef,
    description: 'Admins of the certifier: decided, certified and rate by partner, and per block in scope / validated; `year` null = all years.',
    authScopes: { admin: true },
    args: { certificationId: t.arg.id(), year: t.arg.int({ required: false }) },
    resolve: (_root, args, ctx) => successRateBreakdown(ctx.prisma, ctx.viewer, String(args.certificationId), yearArgument(args.year)),
  }),
);
