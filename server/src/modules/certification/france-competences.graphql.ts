// Result types of importFranceCompetences (the mutation itself is declared in certification.graphql.ts).
import { builder } from '../../graphql/builder.ts';
import type { ImportedCertification } from './france-competences.service.ts';
export { MAX_CSV_BYTES } from './france-competences.rules.ts';

const ImportStatus = builder.enumType('ImportStatus', { values: ['CREATED', 'UPDATED', 'UNCHANGED', 'REMOVED'] as const });

const ImportedBlock = builder.objectRef<ImportedCertification['blocks'][number]>('ImportedBlock').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    status: t.field({ type: ImportStatus, resolve: (block) => block.status }),
  }),
});

const ImportedDraft = builder.objectRef<NonNullable<ImportedCertification['draft']>>('ImportedDraft').implement({
  description: 'The DRAFT framework version that received the block changes (complete it, then publish it).',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    created: t.exposeBoolean('created', { description: 'false when an existing draft was updated.' }),
  }),
});

const ImportedCertificationRef = builder.objectRef<ImportedCertification>('ImportedCertification').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    certificationId: t.exposeID('certificationId'),
    status: t.field({ type: ImportStatus, resolve: (row) => row.status }),
    changedFields: t.exposeStringList('changedFields'),
    draft: t.field({ type: ImportedDraft, nullable: true, resolve: (row) => row.draft }),
    blocks: t.field({ type: [ImportedBlock], resolve: (row) => row.blocks }),
  }),
});

export const FranceCompetencesImportResult = builder
  .objectRef<{ certifications: ImportedCertification[] }>('FranceCompetencesImportResult')
  .implement({
    fields: (t) => ({
      certifications: t.field({ type: [ImportedCertificationRef], resolve: (result) => result.certifications }),
    }),
  });
