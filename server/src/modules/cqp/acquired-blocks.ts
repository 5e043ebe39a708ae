// Acquired blocks (BY_BLOCK: CQP, VAE, seed 004), own and by equivalence. A block the candidate validated
// (an AcquiredBlock row, with the date of its jury) also counts for every block an admin declared equivalent to it
// in another certification ("passerelle", BlockEquivalence, stored once as a pair and read both ways). Equivalences
// are read when needed, never copied into AcquiredBlock rows: the decision of an attempt (scoring.service
// `decideOral`), the scope of a registration or a retake (retake.service) and `Candidate.acquiredBlocks` all go
// through `acquiredBlocksAt` / `acquiredBlocksOf`, so a bridge declared later still counts, with the original date.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export type AcquiredSource = 'DECISION' | 'EQUIVALENCE';

export interface AcquiredBlockView {
  /** Unique per candidate, certification and block. */
  key: string;
  certificationId: string;
  certificationCode: string;
  blockCode: string;
  /** The date of the jury that validated the block (the source block's, for an equivalence). */
  acquiredAt: Date;
  source: AcquiredSource;
  /** For an equivalence: the block actually validated. */
  via: { certificationId: string; certificationCode: string; blockCode: string } | null;
}

interface OwnRow {
  certificationId: string;
  blockCode: string;
  acquiredAt: Date;
  certification: { code: string };
}

/** The other side of each equivalence touching one of `sides` ("code:block"). */
async function equivalentsOf(db: Db, certificationCodes: string[]) {
  if (!certificationCodes.length) return [];
  const rows = await db.blockEquivalence.findMany({
    where: { OR: [{ fromCertificationCode: { in: certificationCodes } }, { toCertificationCode: { in: certificationCodes } }] },
    select: { fromCertificationCode: true, fromBlockCode: true, toCertificationCode: true, toBlockCode: true },
  });
  // Both directions.
  return rows.flatMap((row) => [
    { a: { code: row.fromCertificationCode, block: row.fromBlockCode }, b: { code: row.toCertificationCode, block: row.toBlockCode } },
    { a: { code: row.toCertificationCode, block: row.toBlockCode }, b: { code: row.fromCertificationCode, block: row.fromBlockCode } },
  ]);
}

/**
 * Pure: own rows, plus, for each target certification, the blocks acquired by equivalence (not already owned
 * there). When several validated blocks bridge to one block, the earliest date wins.
 */
export function combineAcquired(
  own: OwnRow[],
  targets: { id: string; code: string }[],
  links: { a: { code: string; block: string }; b: { code: string; block: string } }[],
): AcquiredBlockView[] {
  const views: AcquiredBlockView[] = own.map((row) => ({
    key: `${row.certificationId}:${row.blockCode}`,
    certificationId: row.certificationId,
    certificationCode: row.certification.code,
    blockCode: row.blockCode,
    acquiredAt: row.acquiredAt,
    source: 'DECISION',
    via: null,
  }));
  const owned = new Set(views.map((view) => `${view.certificationCode}:${view.blockCode}`));
  const byCode = new Map(targets.map((target) => [target.code, target.id]));
  const bridged = new Map<string, AcquiredBlockView>();
  for (const row of own) {
    for (const link of links) {
      if (link.a.code !== row.certification.code || link.a.block !== row.blockCode) continue;
      const targetId = byCode.get(link.b.code);
      const target = `${link.b.code}:${link.b.block}`;
      if (!targetId || owned.has(target)) continue;
      const existing = bridged.get(target);
      if (existing && existing.acquiredAt <= row.acquiredAt) continue;
      bridged.set(target, {
        key: `${targetId}:${link.b.block}`,
        certificationId: targetId,
        certificationCode: link.b.code,
        blockCode: link.b.block,
        acquiredAt: row.acquiredAt,
        source: 'EQUIVALENCE',
        via: { certificationId: row.certificationId, certificationCode: row.certification.code, blockCode: row.blockCode },
      });
    }
  }
  return [...views, ...bridged.values()].sort(
    (x, y) => x.acquiredAt.getTime() - y.acquiredAt.getTime() || x.certificationCode.localeCompare(y.certificationCode) || x.blockCode.localeCompare(y.blockCode),
  );
}

const OWN_SELECT = { certificationId: true, blockCode: true, acquiredAt: true, certification: { select: { code: true } } } as const;

/** Every block the candidate holds at `certificationId`, own or by equivalence. */
export async function acquiredBlocksAt(db: Db, candidateId: string, certificationId: string): Promise<AcquiredBlockView[]> {
  const [own, target] = await Promise.all([
    db.acquiredBlock.findMany({ where: { candidateId }, select: OWN_SELECT }),
    db.certification.findUniqueOrThrow({ where: { id: certificationId }, select: { id: true, code: true } }),
  ]);
  const links = await equivalentsOf(db, [target.code]);
  return combineAcquired(own, [target], links).filter((view) => view.certificationId === certificationId);
}

export const acquiredBlockCodesAt = async (db: Db, candidateId: string, certificationId: string) =>
  (await acquiredBlocksAt(db, candidateId, certificationId)).map((view) => view.blockCode);

/** Every block the candidate holds, at every certification they have an attempt at (plus their own rows anywhere). */
export async function acquiredBlocksOf(db: Db, candidateId: string): Promise<AcquiredBlockView[]> {
  const [own, attempts] = await Promise.all([
    db.acquiredBlock.findMany({ where: { candidateId }, select: OWN_SELECT }),
    db.attempt.findMany({ where: { candidateId }, distinct: ['certificationId'], select: { certification: { select: { id: true, code: true } } } }),
  ]);
  const targets = attempts.map((attempt) => attempt.certification);
  const links = await equivalentsOf(db, targets.map((target) => target.code));
  return combineAcquired(own, targets, links);
}
