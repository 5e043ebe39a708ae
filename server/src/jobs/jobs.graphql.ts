// Periodic jobs as admins see them: when each last ran, and how many times (across all server processes).
import { builder } from '../graphql/builder.ts';

builder.prismaObject('JobRun', {
  description: 'A periodic job (deadline-digest…) and its last run.',
  fields: (t) => ({
    name: t.exposeString('name'),
    lastRunAt: t.expose('lastRunAt', { type: 'DateTime' }),
    runs: t.exposeInt('runs', { description: 'Runs so far: one per period, whatever the number of server processes.' }),
  }),
});

builder.queryField('jobRuns', (t) =>
  t.prismaField({
    type: ['JobRun'],
    description: 'The periodic jobs and their last run (admins).',
    authScopes: { admin: true },
    resolve: (query, _root, _args, ctx) => ctx.prisma.jobRun.findMany({ ...query, orderBy: { name: 'asc' } }),
  }),
);
