// Partner API keys: created by a partner user (the secret is shown once), listed, revoked.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { newApiKeySecret, sha256, type Viewer, type ViewerResolver } from '../../auth/viewer.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError } from '../../lib/errors.ts';

function partnerUser(viewer: Viewer | null) {
  if (viewer?.kind !== 'user' || viewer.role !== 'PARTNER' || !viewer.partnerId) throw new AppError('FORBIDDEN');
  return { userId: viewer.userId, partnerId: viewer.partnerId };
}

export async function createApiKey(prisma: PrismaClient, viewer: Viewer | null, name: string) {
  const { userId, partnerId } = partnerUser(viewer);
  const { prefix, secret, key } = newApiKeySecret();
  const apiKey = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({ data: { partnerId, name, prefix, secretHash: sha256(secret), createdById: userId } });
    await appendAudit(tx, { actorId: userId, actorKind: 'user', action: 'apiKey.created', entityType: 'ApiKey', entityId: created.id, data: { partnerId, prefix } });
    return created;
  });
  return { apiKey, secret: key };
}

export async function revokeApiKey(prisma: PrismaClient, viewers: ViewerResolver, viewer: Viewer | null, id: string) {
  const { userId, partnerId } = partnerUser(viewer);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.apiKey.findFirst({ where: { id, partnerId } });
    if (!existing) throw new AppError('NOT_FOUND');
    if (existing.revokedAt) return existing;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await appendAudit(tx, { actorId: userId, actorKind: 'user', action: 'apiKey.revoked', entityType: 'ApiKey', entityId: id, data: { partnerId } });
    return revoked;
  }).finally(() => viewers.revoke(null)); // the cache is keyed by the secret we do not hold: drop it all (rare)
}
