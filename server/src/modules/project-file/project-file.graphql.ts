// Project files in the schema: the versions of an attempt's file, the admins' list of files awaiting
// acknowledgment, and the acknowledgment. The upload itself is POST /uploads/project-file (upload.http.ts).
import { builder } from '../../graphql/builder.ts';
import { certificationAdminFilter, projectFileFilter } from '../../auth/policies.ts';
import { acknowledgmentStatus } from './project-file.rules.ts';
import { z } from 'zod';
import { acknowledgeProjectFile, returnProjectFile } from './project-file.service.ts';
import { PROJECT_FILE_DOWNLOAD_PREFIX } from './project-file.http.ts';

builder.prismaObject('StoredFile', {
  description: 'An uploaded file, stored by content hash.',
  fields: (t) => ({
    id: t.exposeID('id'),
    filename: t.exposeString('filename'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeInt('size'),
    sha256: t.exposeString('sha256'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ProjectFileRef = builder.prismaObject('ProjectFile', {
  description: 'One version of the project file ("dossier projet"). Older versions stay for the jury.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    dueAt: t.expose('acknowledgeBy', { type: 'DateTime', description: 'Acknowledgment deadline: submission + 5 days.' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    returnedAt: t.expose('returnedAt', { type: 'DateTime', nullable: true, description: 'Returned as incomplete by an admin (see returnComment).' }),
    returnComment: t.exposeString('returnComment', { nullable: true }),
    downloadPath: t.string({
      description: 'GET it with the bearer credential (admins, the jurors of the oral, the candidate and their partner).',
      resolve: (file) => `${PROJECT_FILE_DOWNLOAD_PREFIX}${file.id}`,
    }),
    late: t.boolean({
      description: 'Not acknowledged and past its deadline (exactly at the deadline is on time).',
      resolve: (file) => acknowledgmentStatus(file).late,
    }),
    atRisk: t.boolean({
      description: 'Not acknowledged and late or due within 24 hours.',
      resolve: (file) => acknowledgmentStatus(file).atRisk,
    }),
    file: t.relation('file'),
    attempt: t.relation('attempt'),
  }),
});

builder.prismaObjectField('Attempt', 'projectFiles', (t) =>
  t.relation('projectFiles', { description: 'Project file versions, newest first.', query: { orderBy: { version: 'desc' } } }),
);

builder.queryField('projectFiles', (t) =>
  t.prismaField({
    type: [ProjectFileRef],
    description: "An attempt's project file versions, newest first (empty when the attempt is not visible to the caller).",
    authScopes: { authenticated: true },
    args: { attemptId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.projectFile.findMany({
        ...query,
        where: { AND: [{ attemptId: String(args.attemptId) }, projectFileFilter(ctx.viewer)] },
        orderBy: { version: 'desc' },
      }),
  }),
);

builder.queryField('projectFilesAtRisk', (t) =>
  t.prismaField({
    type: [ProjectFileRef],
    description:
      'Project files awaiting acknowledgment (the latest version of attempts in FILE_SUBMITTED), earliest deadline first, with `dueAt`, `late` and `atRisk`.',
    authScopes: { admin: true },
    resolve: async (query, _root, _args, ctx) => {
      const files = await ctx.prisma.projectFile.findMany({
        ...query,
        where: {
          acknowledgedAt: null,
          attempt: { state: 'FILE_SUBMITTED', certification: certificationAdminFilter(ctx.viewer) },
        },
        orderBy: [{ acknowledgeBy: 'asc' }, { version: 'desc' }],
        take: 1000,
      });
      // Keep the latest version per attempt: a re-upload supersedes the previous one.
      const latest = await ctx.prisma.projectFile.groupBy({
        by: ['attemptId'],
        where: { attemptId: { in: [...new Set(files.map((file) => file.attemptId))] } },
        _max: { version: true },
      });
      const latestVersion = new Map(latest.map((row) => [row.attemptId, row._max.version]));
      return files.filter((file) => latestVersion.get(file.attemptId) === file.version);
    },
  }),
);

builder.mutationField('acknowledgeProjectFile', (t) =>
  t.prismaField({
    type: ProjectFileRef,
    description: 'Acknowledges receipt of the latest project file version: the attempt moves FILE_SUBMITTED → FILE_ACKNOWLEDGED.',
    authScopes: { admin: true },
    args: { id: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      await acknowledgeProjectFile(ctx, ctx.viewer!, String(args.id));
      return ctx.prisma.projectFile.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.mutationField('returnProjectFile', (t) =>
  t.prismaField({
    type: ProjectFileRef,
    description: 'Returns the latest project file version as incomplete, with the reason: the candidate and the partner are told, and a new version restarts the 5-day acknowledgment clock.',
    authScopes: { admin: true },
    args: { id: t.arg.id(), comment: t.arg.string({ validate: z.string().trim().min(5).max(2000) }) },
    resolve: async (query, _root, args, ctx) => {
      await returnProjectFile(ctx, ctx.viewer!, String(args.id), args.comment.trim());
      return ctx.prisma.projectFile.findUniqueOrThrow({ ...query, where: { id: String(args.id) } });
    },
  }),
);

builder.prismaObjectFields('Oral', (t) => ({
  projectFiles: t.prismaField({
    type: [ProjectFileRef],
    description: "The candidate's project file versions, newest first, for the jurors to read beside the grid (and admins).",
    select: { attemptId: true },
    resolve: (query, oral, _args, ctx) =>
      ctx.prisma.projectFile.findMany({ ...query, where: { AND: [{ attemptId: oral.attemptId }, projectFileFilter(ctx.viewer)] }, orderBy: { version: 'desc' } }),
  }),
}));
