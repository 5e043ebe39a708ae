// Demo data of appeals: the demo's open appeals (written by seed.ts) hold their result in `openResultId`, as
// a submission does, so that a second appeal of the same result is refused like any other.
import type { Prisma } from '../server/src/generated/prisma/client.ts';
import { OPEN_APPEAL_STATES } from '../server/src/modules/appeal/appeal.rules.ts';

export async function seedAppealDemo(tx: Prisma.TransactionClient): Promise<void> {
  const open = await tx.appeal.findMany({ where: { state: { in: [...OPEN_APPEAL_STATES] }, openResultId: null }, select: { id: true, attempt: { select: { result: { select: { id: true } } } } } });
  for (const appeal of open) {
    if (appeal.attempt.result) await tx.appeal.update({ where: { id: appeal.id }, data: { openResultId: appeal.attempt.result.id } });
  }
}
