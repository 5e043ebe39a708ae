// Orals written straight into a database before a server starts on it (benchmarks and stress tests that need
// many of them): one certification with a published grid of 4 competences × 4 criteria, `orals` attempts
// IN_EVALUATION, each with its own jury of `jurorsPerOral` jurors (the first presides) holding live sessions.
import { createHash, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { hashPassword } from '../../server/src/auth/password.ts';

const root = resolve(import.meta.dirname, '../..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface FixtureJuror {
  id: string;
  /** A session token (`Authorization: Bearer …`). */
  token: string;
  /** Index of the juror's oral in `oralIds`. */
  oral: number;
  president: boolean;
}

export interface PreparedOrals {
  jurors: FixtureJuror[];
  oralIds: string[];
  criteria: string[];
  competences: string[];
}

export async function prepareOrals(
  config: { dataDir: string; databaseUrl?: string },
  options: { orals: number; jurorsPerOral: number; phase: 'PRESENTATION' | 'QUESTIONS' | 'DELIBERATION' },
): Promise<PreparedOrals> {
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
    const p = db.prisma;
    const passwordHash = await hashPassword(randomUUID());
    const certifier = await p.certifier.create({ data: { name: 'Fixture', siret: '00000000000000' } });
    const partner = await p.partner.create({ data: { certifierId: certifier.id, name: 'Fixture OF', siret: '00000000000001' } });
    const certification = await p.certification.create({
      data: { certifierId: certifier.id, registry: 'RS', code: 'RS9999', title: 'Fixture', decisionRule: 'ALL_COMPETENCES' },
    });
    const framework = await p.frameworkVersion.create({ data: { certificationId: certification.id, version: 1, status: 'PUBLISHED' } });
    const block = await p.block.create({ data: { frameworkVersionId: framework.id, code: 'RS9999BC01', title: 'Bloc', position: 1 } });
    const criteria: string[] = [];
    const competences: string[] = [];
    for (let c = 1; c <= 4; c++) {
      const competence = await p.competence.create({
        data: { frameworkVersionId: framework.id, blockId: block.id, code: `C${c}`, title: `C${c}`, position: c, minimumScore: 2 },
      });
      competences.push(competence.id);
      for (let k = 1; k <= 4; k++) {
        const criterion = await p.criterion.create({ data: { competenceId: competence.id, code: `C${c}.${k}`, description: 'x', position: k } });
        criteria.push(criterion.id);
      }
    }
    const jurors: FixtureJuror[] = [];
    const users = [];
    const sessions = [];
    for (let i = 0; i < options.orals * options.jurorsPerOral; i++) {
      const id = randomUUID();
      const token = `cjs_fixture_${randomUUID()}`;
      users.push({ id, certifierId: certifier.id, email: `fixture-juror-${i}@example.fr`, passwordHash, role: 'JUROR' as const, displayName: `Juré ${i}` });
      sessions.push({ userId: id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) });
      jurors.push({ id, token, oral: Math.floor(i / options.jurorsPerOral), president: i % options.jurorsPerOral === 0 });
    }
    await p.user.createMany({ data: users });
    await p.session.createMany({ data: sessions });
    const oralIds: string[] = [];
    const now = new Date();
    for (let o = 0; o < options.orals; o++) {
      const candidate = await p.candidate.create({
        data: { partnerId: partner.id, fileNumber: `F-${o}`, email: `f${o}@example.fr`, birthName: 'Banc', firstName: 'Essai' },
      });
      const attempt = await p.attempt.create({
        data: { candidateId: candidate.id, certificationId: certification.id, frameworkVersionId: framework.id, state: 'IN_EVALUATION' },
      });
      const jury = await p.jury.create({
        data: {
          certificationId: certification.id,
          name: `Jury ${o}`,
          members: { create: jurors.filter((j) => j.oral === o).map((j) => ({ jurorId: j.id, role: j.president ? 'PRESIDENT' : 'MEMBER' })) },
        },
      });
      const oral = await p.oral.create({ data: { attemptId: attempt.id, juryId: jury.id, scheduledAt: now, phase: options.phase, phaseStartedAt: now } });
      oralIds.push(oral.id);
    }
    return { jurors, oralIds, criteria, competences };
  } finally {
    await db.close();
  }
}
