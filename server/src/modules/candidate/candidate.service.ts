// Candidate use cases: registration (idempotent on partner + file number), with the audit entry and the
// partner's real-time event written in the same transaction and published after commit.
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import type { PubSub } from '../../realtime/pubsub.ts';
import { appendEvent, publishAll } from '../../realtime/event-log.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit } from '../../lib/audit.ts';
import { AppError, validationFailed } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { translate } from '../../lib/messages.ts';
import type { CandidateRegistration } from './candidate.rules.ts';

interface Deps {
  prisma: PrismaClient;
  pubsub: PubSub;
}

/** The audit actor of a viewer (a user or a partner API key). */
export function actorOf(viewer: Viewer) {
  return viewer.kind === 'user'
    ? { actorId: viewer.userId, actorKind: 'user' }
    : { actorId: viewer.apiKeyId, actorKind: 'apiKey' };
}

/**
 * Registers a candidate for a certification. A retry with the same (partner, file number) returns the
 * existing candidate and creates nothing. Returns the candidate id.
 */
export async function registerCandidate(
  deps: Deps,
  viewer: Viewer,
  partnerId: string,
  input: CandidateRegistration,
): Promise<{ candidateId: string; created: boolean }> {
  const existing = await deps.prisma.candidate.findUnique({
    where: { partnerId_fileNumber: { partnerId, fileNumber: input.fileNumber } },
    select: { id: true },
  });
  if (existing) return { candidateId: existing.id, created: false };

  const certification = await deps.prisma.certification.findFirst({
    where: { code: input.certificationCode, active: true, certifier: { partners: { some: { id: partnerId } } } },
    include: { frameworks: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1 } },
  });
  const framework = certification?.frameworks[0];
  if (!certification || !framework) {
    throw validationFailed([{ path: ['certificationCode'], message: translate('error.NOT_FOUND') }]);
  }

  const { certificationCode: _code, accessRoute, funding, ...identity } = input;
  try {
    const { candidateId, events } = await deps.prisma.$transaction(async (tx) => {
      const candidate = await tx.candidate.create({
        data: { ...identity, partnerId, attempts: { create: {
          certificationId: certification.id,
          frameworkVersionId: framework.id,
          accessRoute: accessRoute ?? undefined,
          funding: funding ?? undefined,
          registeredById: viewer.kind === 'user' ? viewer.userId : null,
        } } },
        select: { id: true },
      });
      await appendAudit(tx, {
        ...actorOf(viewer),
        action: 'candidate.registered',
        entityType: 'Candidate',
        entityId: candidate.id,
        data: { partnerId, fileNumber: input.fileNumber, certificationCode: certification.code },
      });
      const event = await appendEvent(tx, rooms.partner(partnerId), 'CANDIDATE_REGISTERED', { candidateId: candidate.id });
      return { candidateId: candidate.id, events: [event] };
    });
    publishAll(deps.pubsub, events);
    return { candidateId, created: true };
  } catch (error) {
    // Two concurrent retries of the same registration: the loser returns the winner's candidate.
    if (isUniqueViolation(error)) {
      const winner = await deps.prisma.candidate.findUnique({
        where: { partnerId_fileNumber: { partnerId, fileNumber: input.fileNumber } },
        select: { id: true },
      });
      if (winner) return { candidateId: winner.id, created: false };
    }
    throw error;
  }
}

export function assertPartnerFor(viewer: Viewer, requestedPartnerId: string | null | undefined): string {
  if (viewer.kind === 'apiKey') return viewer.partnerId;
  if (viewer.role === 'PARTNER' && viewer.partnerId) return viewer.partnerId;
  if (viewer.role === 'ADMIN' && requestedPartnerId) return requestedPartnerId;
  if (viewer.role === 'ADMIN') throw validationFailed([{ path: ['partnerId'], message: translate('validation.required') }]);
  throw new AppError('FORBIDDEN');
}
