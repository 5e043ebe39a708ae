// Append-only, hash-chained audit trail, one chain per audited entity (`<entityType>:<entityId>`): each
// entry's hash is sha256(previous hash of that chain + "\n" + canonical content). The database computes it
// in the same statement that advances the chain's head row (AuditHead) and inserts the entry, so chains
// never fork and writers to different entities never wait for each other. Editing or deleting any entry,
// or a chain's tail, breaks verification (verifyAuditChain).
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Viewer } from '../auth/viewer.ts';

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

/** Who an audit entry names for a signed-in viewer: the user, or the partner's API key. */
export function actorOf(viewer: Viewer) {
  return viewer.kind === 'user'
    ? { actorId: viewer.userId, actorKind: 'user' }
    : { actorId: viewer.apiKeyId, actorKind: 'apiKey' };
}

export const GENESIS_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface EntryContent {
  at: Date;
  actorId: string | null;
  actorKind: string;
  action: string;
  entityType: string;
  entityId: string;
  data: unknown;
}

function canonicalContent(entry: EntryContent): string {
  return canonicalJson({
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorKind: entry.actorKind,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data,
  });
}

const chainHash = (prevHash: string, content: string) => createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');

/**
 * The SQL (CTEs) that appends one entry: `audit_chain` creates or advances the entity's chain head
 * (row-locked until commit) and returns the new and previous hashes; `audit_entry` inserts the entry.
 * Parameters start at `$first`; `source` names a CTE that must yield one row for the entry to be written
 * (e.g. the change it records), or null.
 */
export function auditCtes(first: number, source: string | null): string {
  const p = (n: number) => `$${first + n}`;
  const newHash = (prev: string) => `encode(sha256(convert_to(${prev} || E'\\n' || ${p(7)}, 'UTF8')), 'hex')`;
  return `audit_chain AS (
  INSERT INTO "AuditHead" ("chain", "hash", "prevHash")
  SELECT ${p(4)} || ':' || ${p(5)}, ${newHash(`'${GENESIS_HASH}'`)}, '${GENESIS_HASH}'${source ? ` FROM ${source}` : ''}
  ON CONFLICT ("chain") DO UPDATE SET
    "prevHash" = "AuditHead"."hash",
    "hash" = ${newHash('"AuditHead"."hash"')},
    "length" = "AuditHead"."length" + 1
  RETURNING "hash", "prevHash"
),
audit_entry AS (
  INSERT INTO "AuditEntry" ("at", "actorId", "actorKind", "action", "entityType", "entityId", "data", "prevHash", "hash")
  SELECT (${p(0)}::timestamptz AT TIME ZONE 'UTC'), ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}::jsonb, audit_chain."prevHash", audit_chain."hash"
  FROM audit_chain
  RETURNING "hash"
)`;
}

/** The 8 parameters of auditCtes, in order. */
export function auditParams(input: AuditInput, at = new Date()): unknown[] {
  const data = JSON.parse(JSON.stringify(input.data ?? {}));
  const entry: EntryContent = {
    at,
    actorId: input.actorId ?? null,
    actorKind: input.actorKind,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    data,
  };
  return [at.toISOString(), entry.actorId, entry.actorKind, entry.action, entry.entityType, entry.entityId, canonicalJson(data), canonicalContent(entry)];
}

/** Appends inside the caller's transaction: the entry commits with the change it records. */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.$executeRawUnsafe(`WITH ${auditCtes(1, null)} SELECT 1`, ...auditParams(input));
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose content or link does not match. */
  brokenAtSeq: bigint | null;
}

/** Re-computes every chain; reports the first entry (by seq) whose content or link does not match. */
export async function verifyAuditChain(prisma: PrismaClient): Promise<AuditVerification> {
  const lastHash = new Map<string, string>();
  const length = new Map<string, number>();
  let checked = 0;
  let firstBroken: bigint | null = null;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await prisma.auditEntry.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: 'asc' },
      take: 2000,
    });
    if (batch.length === 0) break;
    for (const entry of batch) {
      cursor = entry.seq;
      const chain = `${entry.entityType}:${entry.entityId}`;
      const prevHash = lastHash.get(chain) ?? GENESIS_HASH;
      const expected = chainHash(prevHash, canonicalContent(entry));
      if (entry.prevHash !== prevHash || entry.hash !== expected) {
        firstBroken ??= entry.seq;
        continue;
      }
      lastHash.set(chain, entry.hash);
      length.set(chain, (length.get(chain) ?? 0) + 1);
      if (firstBroken === null) checked += 1;
    }
  }
  if (firstBroken !== null) return { ok: false, checked, brokenAtSeq: firstBroken };
  // Heads must match the last entry of their chain: a deleted tail (or a whole deleted chain) shows here.
  const heads = await prisma.auditHead.findMany();
  for (const head of heads) {
    if (lastHash.get(head.chain) !== head.hash || length.get(head.chain) !== head.length) {
      return { ok: false, checked, brokenAtSeq: cursor ?? 0n };
    }
  }
  const headless = [...lastHash.keys()].some((chain) => !heads.some((head) => head.chain === chain));
  return headless ? { ok: false, checked, brokenAtSeq: cursor ?? 0n } : { ok: true, checked, brokenAtSeq: null };
}
