// In-process, on a real (embedded) database with the demo data: the demo's certificates verify, and a fraud
// report confirmed on an attempt that holds certificates revokes them all (audited, and verification fails).
// No API path files a fraud report once the minutes are signed (the oral is locked), so the report is written
// directly here; everything after it runs through reviewFraudReport as an admin would.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrations.ts';
import { appSecretFrom } from '../../lib/secrets.ts';
import { createPubSub } from '../../realtime/pubsub.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { reviewFraudReport } from '../scoring/integrity.service.ts';
import { currentStatusList, reissueLegacyCertificates, verifyCredential } from './certificate.service.ts';
import { isIndexSet } from './certificate.jsonld.ts';
import { publicKeyFromMultibase, signCredential, verifyCredentialOffline, type JsonObject } from './certificate.rules.ts';
import { decryptPrivateKey } from './certificate.keys.ts';

const migrationsDir = resolve(import.meta.dirname, '../../../../prisma/migrations');
const secret = appSecretFrom(Buffer.alloc(32, 3));
let db: Database;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, migrationsDir);
  await seedDemoData(db.prisma, new Date(), { secret, publicUrl: 'https://certijury.test' });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

async function adminViewer(): Promise<Viewer> {
  const admin = await db.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' }, select: { id: true, certifierId: true, displayName: true } });
  return { kind: 'user', userId: admin.id, sessionId: 'test', role: 'ADMIN', certifierId: admin.certifierId, displayName: admin.displayName, partnerId: null, candidateId: null };
}

describe('demo certificates', () => {
  it('published positive results hold signed certificates that verify, under https://certijury.test', async () => {
    const certificates = await db.prisma.certificate.findMany({ select: { id: true, credential: true, scope: true, issuedAt: true, attempt: { select: { result: { select: { publishedAt: true } } } } } });
    expect(certificates.length).toBeGreaterThan(0);
    for (const certificate of certificates) {
      expect(certificate.issuedAt).toEqual(certificate.attempt.result!.publishedAt);
      expect((certificate.credential as { id: string }).id).toBe(`https://certijury.test/credentials/${certificate.id}`);
      expect(verifyCredentialOffline(certificate.credential).valid).toBe(true);
      expect((await verifyCredential(db.prisma, certificate.credential)).valid).toBe(true);
    }
    expect(await db.prisma.signingKey.count()).toBe(1);
    // BY_BLOCK partial decisions: one certificate per validated block, named after it.
    const partial = await db.prisma.decision.findMany({
      where: { outcome: 'PARTIALLY_CERTIFIED', certificates: { some: {} } },
      select: { validatedBlockCodes: true, certificates: { select: { scope: true, blockCodes: true, credential: true } } },
    });
    expect(partial.length).toBeGreaterThan(0);
    for (const decision of partial) {
      expect(decision.certificates.map((c) => c.scope).sort()).toEqual([...decision.validatedBlockCodes].sort());
      for (const certificate of decision.certificates) {
        expect(certificate.blockCodes).toEqual([certificate.scope]);
        expect((certificate.credential as any).credentialSubject.achievement).toMatchObject({ achievementType: 'Certificate', humanCode: certificate.scope });
      }
    }
  });
});

describe('fraud confirmed after certification', () => {
  it('revokes every certificate of the attempt, audited, and verification fails', async () => {
    const certificate = await db.prisma.certificate.findFirstOrThrow({ where: { revokedAt: null }, select: { attemptId: true, attempt: { select: { state: true } } } });
    const held = await db.prisma.certificate.findMany({ where: { attemptId: certificate.attemptId }, select: { id: true, credential: true } });
    const juror = await db.prisma.user.findFirstOrThrow({ where: { role: 'JUROR' }, select: { id: true } });
    const report = await db.prisma.fraudReport.create({
      data: { attemptId: certificate.attemptId, reportedById: juror.id, statement: 'Dossier projet copié sur celui d’un autre candidat.', frozenFromState: certificate.attempt.state },
      select: { id: true },
    });
    const othersBefore = await db.prisma.certificate.count({ where: { attemptId: { not: certificate.attemptId }, revokedAt: null } });
    expect(othersBefore).toBeGreaterThan(0);
    const deps = { prisma: db.prisma, raw: db.raw, pubsub: createPubSub(undefined) };
    await reviewFraudReport(deps, await adminViewer(), report.id, 'CONFIRMED', 'Plagiat avéré après comparaison des dossiers');

    const after = await db.prisma.certificate.findMany({ where: { attemptId: certificate.attemptId }, select: { id: true, revokedAt: true, revocationReason: true, revocationCode: true } });
    expect(after).toHaveLength(held.length);
    for (const row of after) {
      expect(row.revokedAt).not.toBeNull();
      expect(row.revocationReason).toBe('Fraude confirmée après examen du signalement.');
      // What is published is a code, never the stored words.
      expect(row.revocationCode).toBe('FRAUD');
      const audit = await db.prisma.auditEntry.findMany({ where: { entityType: 'Certificate', entityId: row.id, action: 'certificate.revoked' }, select: { data: true } });
      expect(audit).toEqual([{ data: expect.objectContaining({ fraudReportId: report.id, attemptId: certificate.attemptId }) }]);
    }
    // The candidate's page is told (CERTIFICATE_REVOKED in their schedule room, published after commit).
    const { candidateId } = await db.prisma.attempt.findUniqueOrThrow({ where: { id: certificate.attemptId }, select: { candidateId: true } });
    const logged = await db.prisma.eventLogEntry.findMany({ where: { room: `schedule:candidate:${candidateId}`, type: 'CERTIFICATE_REVOKED' }, select: { payload: true } });
    expect(logged.map((entry) => (entry.payload as { certificateId: string }).certificateId).sort()).toEqual(held.map((c) => c.id).sort());
    for (const { credential } of held) {
      const verified = await verifyCredential(db.prisma, credential);
      expect(verified).toMatchObject({ valid: false, revoked: true, revocationReason: 'fraude' });
      expect(verified.checks.find((check) => check.name === 'NOT_REVOKED')?.ok).toBe(false);
    }
    // The certifier's status list says so once served (the fraud path leaves its re-signing to the next read).
    const certifierId = (await db.prisma.statusListEntry.findUniqueOrThrow({ where: { certificateId: held[0].id }, select: { certifierId: true } })).certifierId;
    const list = (await currentStatusList({ prisma: db.prisma, config: { publicUrl: 'https://certijury.test' }, secret }, certifierId)) as any;
    for (const { id } of held) {
      const { index } = await db.prisma.statusListEntry.findUniqueOrThrow({ where: { certificateId: id }, select: { index: true } });
      expect(await isIndexSet(list.credentialSubject.encodedList, index)).toBe(true);
    }
    expect(JSON.stringify(list)).not.toContain('Fraude');
    // Other holders keep theirs.
    expect(await db.prisma.certificate.count({ where: { attemptId: { not: certificate.attemptId }, revokedAt: null } })).toBe(othersBefore);
  });

  it('a dismissed report revokes nothing', async () => {
    const certificate = await db.prisma.certificate.findFirstOrThrow({ where: { revokedAt: null }, select: { attemptId: true } });
    const juror = await db.prisma.user.findFirstOrThrow({ where: { role: 'JUROR' }, select: { id: true } });
    // A dismissed report returns the attempt to the state it was frozen in: only from FROZEN.
    await db.prisma.attempt.update({ where: { id: certificate.attemptId }, data: { state: 'FROZEN' } });
    const report = await db.prisma.fraudReport.create({
      data: { attemptId: certificate.attemptId, reportedById: juror.id, statement: 'Signalement sans suite.', frozenFromState: 'DECIDED' },
      select: { id: true },
    });
    const deps = { prisma: db.prisma, raw: db.raw, pubsub: createPubSub(undefined) };
    await reviewFraudReport(deps, await adminViewer(), report.id, 'DISMISSED', 'Aucune fraude constatée');
    expect(await db.prisma.certificate.count({ where: { attemptId: certificate.attemptId, revokedAt: { not: null } } })).toBe(0);
  });
});

describe('re-issue of certificates from before the issuer DID (data migration)', () => {
  it('re-issues each once under the DID, audited; the old one is superseded and still verifies', async () => {
    const deps = { prisma: db.prisma, config: { publicUrl: 'https://certijury.test' }, secret };
    // A certificate as issued before: https issuer, did:key proof, per-credential status, no status list entry.
    const current = await db.prisma.certificate.findFirstOrThrow({
      where: { revokedAt: null, supersededAt: null },
      select: { id: true, credential: true, signingKey: { select: { id: true, publicKey: true, privateKeyEncrypted: true, certifierId: true } } },
    });
    const { proof: _proof, ...document } = current.credential as JsonObject;
    const legacyUnsigned = {
      ...document,
      issuer: { ...(document.issuer as JsonObject), id: `https://certijury.test/issuers/${current.signingKey.certifierId}` },
      credentialStatus: { id: `https://certijury.test/credentials/${current.id}/status`, type: '1EdTechRevocationList' },
    };
    const privateKey = decryptPrivateKey(secret, current.signingKey.id, current.signingKey.privateKeyEncrypted);
    const legacy = signCredential(legacyUnsigned, privateKey, publicKeyFromMultibase(current.signingKey.publicKey)!, new Date('2026-01-05T10:00:00Z'));
    await db.prisma.statusListEntry.delete({ where: { certificateId: current.id } });
    await db.prisma.certificate.update({ where: { id: current.id }, data: { credential: legacy as object } });
    expect((await verifyCredential(db.prisma, legacy)).valid).toBe(true);

    const reissued = await reissueLegacyCertificates(deps);
    expect(reissued).toHaveLength(1);
    const [newId] = reissued;
    const old = await db.prisma.certificate.findUniqueOrThrow({ where: { id: current.id }, select: { supersededById: true, supersededAt: true, generation: true, scope: true, decisionId: true } });
    expect(old).toMatchObject({ supersededById: newId, generation: 0 });
    const replacement = await db.prisma.certificate.findUniqueOrThrow({ where: { id: newId }, select: { credential: true, generation: true, scope: true, decisionId: true, statusEntry: { select: { index: true } } } });
    expect(replacement).toMatchObject({ generation: 1, scope: old.scope, decisionId: old.decisionId });
    expect((replacement.credential as any).issuer.id).toMatch(/^did:web:certijury\.test:issuers:/);
    expect((replacement.credential as any).proof.map((proof: any) => proof.cryptosuite)).toEqual(['eddsa-jcs-2022', 'eddsa-rdfc-2022']);
    expect(replacement.statusEntry).not.toBeNull();
    const audit = await db.prisma.auditEntry.findMany({ where: { action: 'certificate.reissued', entityId: newId }, select: { actorKind: true, data: true } });
    expect(audit).toEqual([{ actorKind: 'system', data: expect.objectContaining({ supersededId: current.id }) }]);

    // Idempotent.
    expect(await reissueLegacyCertificates(deps)).toEqual([]);
    // The old credential still verifies on our page, and says what replaced it; the new one verifies.
    expect(await verifyCredential(db.prisma, legacy)).toMatchObject({ valid: true, supersededById: newId });
    expect(await verifyCredential(db.prisma, replacement.credential)).toMatchObject({ valid: true, supersededById: null });
  });
});
