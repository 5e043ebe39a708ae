// Imports certifications and their blocks from France Compétences open data, all or nothing: either every
// requested fiche is applied in one transaction, or nothing is written and every problem is reported.
// A fiche creates its certification (decision rule from Validation_Partielle: BY_BLOCK or ALL_COMPETENCES)
// or updates its title, level and active flag; when its blocks differ from the latest framework version,
// they land in a DRAFT (the existing draft, or a new version copied from the latest): a published version
// is never touched, and the admin completes and publishes the draft.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { appendAudit, actorOf } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { createFrameworkDraft, loadFrameworkTree, writeFrameworkTree } from './certification.service.ts';
import { mergeImportedBlocks, readFranceCompetencesExport, type BlockChange } from './france-competences.rules.ts';

export interface ImportedCertification {
  code: string;
  certificationId: string;
  status: 'CREATED' | 'UPDATED' | 'UNCHANGED';
  changedFields: string[];
  /** The draft that received the block changes, when any. */
  draft: { id: string; version: number; created: boolean } | null;
  blocks: { code: string; title: string; status: BlockChange }[];
}

export async function importFranceCompetences(
  deps: { prisma: PrismaClient },
  viewer: Viewer,
  input: { standardCsv: string; blocksCsv: string; codes: string[] },
): Promise<{ certifications: ImportedCertification[] }> {
  if (viewer.kind !== 'user' || viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const { fiches, issues } = readFranceCompetencesExport(input.standardCsv, input.blocksCsv, input.codes);
  if (issues.length) throw validationFailed(issues);

  const others = await deps.prisma.certification.findMany({
    where: { code: { in: fiches.map((fiche) => fiche.code) }, certifierId: { not: viewer.certifierId } },
    select: { code: true },
  });
  if (others.length) throw validationFailed(others.map((other) => ({ path: ['codes'], message: translate('csv.otherCertifier', { code: other.code }) })));

  const certifications = await deps.prisma.$transaction(
    async (tx) => {
      const results: ImportedCertification[] = [];
      for (const fiche of fiches) {
        const actor = { ...actorOf(viewer), entityType: 'Certification' };
        const existing = await tx.certification.findUnique({ where: { code: fiche.code } });
        let certificationId: string;
        let status: ImportedCertification['status'];
        let changedFields: string[] = [];
        if (!existing) {
          const created = await tx.certification.create({
            data: {
              certifierId: viewer.certifierId,
              registry: fiche.registry,
              code: fiche.code,
              title: fiche.title,
              level: fiche.level,
              active: fiche.active,
              decisionRule: fiche.partialValidation ? 'BY_BLOCK' : 'ALL_COMPETENCES',
            },
          });
          certificationId = created.id;
          status = 'CREATED';
          await appendAudit(tx, { ...actor, action: 'certification.imported', entityId: created.id, data: { source: 'france-competences', created: true, title: fiche.title } });
        } else {
          certificationId = existing.id;
          const wanted = { title: fiche.title, level: fiche.level, active: fiche.active };
          const changes = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => existing[key as keyof typeof wanted] !== value));
          changedFields = Object.keys(changes);
          status = changedFields.length ? 'UPDATED' : 'UNCHANGED';
          if (changedFields.length) {
            await tx.certification.update({ where: { id: existing.id }, data: { ...changes, version: { increment: 1 } } });
            await appendAudit(tx, { ...actor, action: 'certification.imported', entityId: existing.id, data: { source: 'france-competences', changes } });
          }
        }

        const latest = await tx.frameworkVersion.findFirst({ where: { certificationId }, orderBy: { version: 'desc' } });
        const currentTree = latest ? await loadFrameworkTree(tx, latest.id) : { blocks: [] };
        const merged = mergeImportedBlocks(currentTree.blocks, fiche.blocks);
        let draft: ImportedCertification['draft'] = null;
        if (merged.changed) {
          if (latest?.status === 'DRAFT') {
            await tx.block.deleteMany({ where: { frameworkVersionId: latest.id } });
            await writeFrameworkTree(tx, latest.id, { blocks: merged.blocks as never });
            await appendAudit(tx, {
              ...actorOf(viewer),
              action: 'framework.blocksImported',
              entityType: 'FrameworkVersion',
              entityId: latest.id,
              data: { source: 'france-competences', changes: merged.changes.filter((c) => c.status !== 'UNCHANGED').map((c) => `${c.code}:${c.status}`) },
            });
            draft = { id: latest.id, version: latest.version, created: false };
          } else {
            const created = await createFrameworkDraft(tx, viewer, certificationId, {
              copyFromLatest: true,
              tree: { blocks: merged.blocks as never },
              reason: 'france-competences import',
            });
            draft = { ...created, created: true };
          }
          if (status === 'UNCHANGED') status = 'UPDATED';
        }
        results.push({ code: fiche.code, certificationId, status, changedFields, draft, blocks: merged.changes });
      }
      return results;
    },
    { timeout: 30_000 },
  );
  return { certifications };
}
