// Personal data in the schema: the candidate's own export, and the admins' erasure.
import { builder } from '../../graphql/builder.ts';
import { fileStorage } from '../../storage/storage.ts';
import { erasePersonalData, personalDataExport } from './privacy.service.ts';

builder.queryField('myPersonalData', (t) =>
  t.field({
    type: 'JSON',
    description: 'Candidates: everything the platform holds about them, as one JSON document (GDPR access and portability).',
    authScopes: { candidate: true },
    resolve: (_root, _args, ctx) => personalDataExport(ctx.prisma, ctx.viewer),
  }),
);

builder.mutationField('eraseCandidatePersonalData', (t) =>
  t.boolean({
    description:
      "Admins: blanks a candidate's identity, accommodation and sign-in, keeping anonymised decisions for statistics. INVALID_STATE with `extensions.retention` (ATTEMPT_IN_PROGRESS, CERTIFICATION_AWARDED, CDC_TRANSMISSION_OWED) while the law requires keeping them.",
    authScopes: { admin: true },
    args: { candidateId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      await erasePersonalData({ prisma: ctx.prisma, storage: await fileStorage(ctx.config.dataDir) }, ctx.viewer, String(args.candidateId));
      ctx.viewers.revoke(null); // the candidate's sessions are revoked: evict every cached credential, in every process
      return true;
    },
  }),
);
