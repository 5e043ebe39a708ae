// The admin dashboard's trends over the last months (success rate, volume of decisions per certification).
import { builder } from '../../graphql/builder.ts';
import { dashboardTrends, type DashboardTrends, type TrendCertification } from './dashboard-trends.service.ts';
import type { TrendMonth, TrendVolume } from './dashboard-trends.rules.ts';

const TrendVolumeRef = builder.objectRef<TrendVolume>('DashboardTrendVolume').implement({
  description: 'The decisions of one certification in one month.',
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    decided: t.exposeInt('decided'),
    certified: t.exposeInt('certified'),
    partiallyCertified: t.exposeInt('partiallyCertified'),
  }),
});

const TrendMonthRef = builder.objectRef<TrendMonth>('DashboardTrendMonth').implement({
  description: 'One month of jury (Europe/Paris): published, current decisions, as for the public success rate.',
  fields: (t) => ({
    month: t.exposeString('month', { description: "'YYYY-MM'." }),
    decided: t.exposeInt('decided'),
    certified: t.exposeInt('certified'),
    partiallyCertified: t.exposeInt('partiallyCertified'),
    rate: t.exposeFloat('rate', { nullable: true, description: 'certified / decided, from 0 to 1; null when nothing was decided that month.' }),
    byCertification: t.field({ type: [TrendVolumeRef], description: 'Only the certifications with decisions that month.', resolve: (month) => month.byCertification }),
  }),
});

const TrendCertificationRef = builder.objectRef<TrendCertification>('DashboardTrendCertification').implement({
  fields: (t) => ({
    certificationId: t.exposeID('certificationId'),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
  }),
});

const DashboardTrendsRef = builder.objectRef<DashboardTrends>('DashboardTrends').implement({
  description: 'Admins: the last months of decisions of the certifier, every month present (zeros included).',
  fields: (t) => ({
    from: t.exposeString('from', { description: "First month, 'YYYY-MM'." }),
    to: t.exposeString('to', { description: "Last month (the current one in Europe/Paris), 'YYYY-MM'." }),
    months: t.field({ type: [TrendMonthRef], description: 'Oldest first.', resolve: (trends) => trends.months }),
    certifications: t.field({ type: [TrendCertificationRef], description: 'The certifications with decisions in the window, by code.', resolve: (trends) => trends.certifications }),
  }),
});

builder.queryField('dashboardTrends', (t) =>
  t.field({
    type: DashboardTrendsRef,
    description: 'Admins: per month of jury, the success rate and the volume of decisions per certification, over `months` months (1 to 36) ending with the current one.',
    authScopes: { admin: true },
    args: { months: t.arg.int({ required: false, defaultValue: 12 }) },
    resolve: (_root, args, ctx) => dashboardTrends(ctx.prisma, ctx.viewer, args.months),
  }),
);
