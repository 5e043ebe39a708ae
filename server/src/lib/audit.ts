// Append-only, hash-chained audit trail. Each entry's hash covers its content and the previous entry's
// hash, so editing or deleting any entry breaks the chain from there on (see verifyAuditChain).
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

export interface AuditInput {
  actorId?: string | null;
  /** 'user' | 'apiKey' | 'system' */
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK_KEY = 72_736_002; // serialises appends so the chain never forks

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function entryHash(prevHash: string, entry: Omit<AuditInput, 'data'> & { data: unknown; at: Date }): string {
  return createHash('sha256')
    .update(
      canonical({
        prevHash,
        at: entry.at.toISOString(),
        actorId: entry.actorId ?? null,
        actorKind: entry.actorKind,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        data: entry.data,
      }),
    )
    .digest('hex');
}

/** Appends inside the caller's transaction: the entry commits with the change it records. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS;
  const at = new Date();
  const data = JSON.parse(JSON.stringify(input.data ?? {}));
  const hash = entryHash(prevHash, { ...input, data, at });
  await tx.auditEntry.create({
    data: {
      at,
      actorId: input.actorId ?? null,
      actorKind: input.actorKind,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      data,
      prevHash,
      hash,
    },
  });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose content or link does not match. */
  brokenAtSeq: bigint | null;
}

export async function verifyAuditChain(prisma: PrismaClient): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await prisma.auditEntry.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: 1000,
    });
    if (batch.length === 0) return { ok: true, checked, brokenAtSeq: null };
    for (const entry of batch) {
      const expected = entryHash(prevHash, { ...entry, data: entry.data });
      if (entry.prevHash !== prevHash || entry.hash !== expected) return { ok: false, checked, brokenAtSeq: entry.seq };
      prevHash = entry.hash;
      checked += 1;
      cursor = entry.seq;
    }
  }
}
