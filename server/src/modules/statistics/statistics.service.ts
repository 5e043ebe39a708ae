// Success-rate statistics, counted in SQL (GROUP BY) from one definition of what counts: the attempts whose
// result is published, with the decision that result carries, and only while that decision is current (not
// superseded after an appeal). One row per attempt (Result.attemptId is unique), so a candidate never learns
// anything about a result that is not published, and a superseded decision never counts twice. The public
// figures (certificationSuccessRates, Certification.successRate) and the admins' breakdown all read it.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { certificationAdminFilter } from '../../auth/policies.ts';
import { AppError } from '../../lib/errors.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { isSmallSample, publicRates, rateOf, type PublicRates, type YearCounts } from './statistics.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** The jury's year in Europe/Paris (dates are stored as UTC timestamps without zone). */
const JURY_YEAR = Prisma.sql`EXTRACT(YEAR FROM (d."juryDate" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::int`;

/** The counted decisions of some certifications (and one jury year, when given), as a CTE named `counted`. */
function countedDecisions(certificationIds: readonly string[], year: number | null): Prisma.Sql {
  return Prisma.sql`
    WITH counted AS (
      SELECT a."certificationId", a."candidateId", a."blockCodesInScope", d."outcome", d."validatedBlockCodes",
             d."frameworkVersionId", ${JURY_YEAR} AS "year"
        FROM "Result" r
        JOIN "Decision" d ON d."id" = r."decisionId" AND d."supersededById" IS NULL
        JOIN "Attempt" a ON a."id" = r."attemptId"
       WHERE r."publishedAt" IS NOT NULL
         AND a."certificationId" IN (${Prisma.join(certificationIds)})
         ${year === null ? Prisma.empty : Prisma.sql`AND ${JURY_YEAR} = ${year}`}
    )`;
}

const OUTCOME_COUNTS = Prisma.sql`
  count(*)::int AS "decided",
  (count(*) FILTER (WHERE "outcome" = 'CERTIFIED'))::int AS "certified",
  (count(*) FILTER (WHERE "outcome" = 'PARTIALLY_CERTIFIED'))::int AS "partiallyCertified"`;

/** Counts per certification and jury year, in one statement for every certification asked for. */
export async function outcomeCountsByYear(db: Db, certificationIds: readonly string[]): Promise<Map<string, YearCounts[]>> {
  const ids = [...new Set(certificationIds)];
  const byCertification = new Map<string, YearCounts[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byCertification;
  const rows = await db.$queryRaw<(YearCounts & { certificationId: string })[]>`
    ${countedDecisions(ids, null)}
    SELECT "certificationId", "year", ${OUTCOME_COUNTS} FROM counted GROUP BY "certificationId", "year"`;
  for (const { certificationId, ...counts } of rows) byCertification.get(certificationId)!.push(counts);
  return byCertification;
}

/** The public success rates of one certification, per jury year and all years; null for an unknown one. */
export async function certificationSuccessRates(db: Db, certificationId: string): Promise<(PublicRates & { certificationId: string }) | null> {
  const certification = await db.certification.findUnique({ where: { id: certificationId }, select: { id: true, successRateMinCandidates: true } });
  if (!certification) return null;
  const years = (await outcomeCountsByYear(db, [certification.id])).get(certification.id) ?? [];
  return { certificationId: certification.id, ...publicRates(years, certification.successRateMinCandidates) };
}

export interface PartnerBreakdownRow {
  partnerId: string;
  partnerName: string;
  decided: number;
  certified: number;
  partiallyCertified: number;
  rate: number | null;
  smallSample: boolean;
}

export interface BlockBreakdownRow {
  code: string;
  title: string;
  /** Attempts that had the block in scope (an empty scope is every block of the attempt's framework). */
  inScope: number;
  validated: number;
  rate: number | null;
  smallSample: boolean;
}

export interface SuccessRateBreakdown {
  certificationId: string;
  year: number | null;
  minCandidates: number;
  byPartner: PartnerBreakdownRow[];
  byBlock: BlockBreakdownRow[];
}

/** The admins' breakdown by partner and by block: two statements, whatever the number of partners or blocks. */
export async function successRateBreakdown(db: Db, viewer: Viewer | null, certificationId: string, year: number | null): Promise<SuccessRateBreakdown> {
  assertAdmin(viewer);
  const certification = await db.certification.findFirst({
    where: { id: certificationId, ...certificationAdminFilter(viewer) },
    select: { id: true, successRateMinCandidates: true },
  });
  if (!certification) throw new AppError('NOT_FOUND');
  const min = certification.successRateMinCandidates;
  const counted = countedDecisions([certification.id], year);
  const [partners, blocks] = await Promise.all([
    db.$queryRaw<Omit<PartnerBreakdownRow, 'rate' | 'smallSample'>[]>`
      ${counted}
      SELECT p."id" AS "partnerId", p."name" AS "partnerName", ${OUTCOME_COUNTS}
        FROM counted JOIN "Candidate" c ON c."id" = counted."candidateId" JOIN "Partner" p ON p."id" = c."partnerId"
       GROUP BY p."id", p."name" ORDER BY p."name", p."id"`,
    db.$queryRaw<Omit<BlockBreakdownRow, 'rate' | 'smallSample'>[]>`
      ${counted}
      SELECT b."code", (array_agg(b."title" ORDER BY fv."version" DESC))[1] AS "title", count(*)::int AS "inScope",
             (count(*) FILTER (WHERE b."code" = ANY(counted."validatedBlockCodes")))::int AS "validated"
        FROM counted
        JOIN "Block" b ON b."frameworkVersionId" = counted."frameworkVersionId"
        JOIN "FrameworkVersion" fv ON fv."id" = b."frameworkVersionId"
       WHERE cardinality(counted."blockCodesInScope") = 0 OR b."code" = ANY(counted."blockCodesInScope")
       GROUP BY b."code" ORDER BY b."code"`,
  ]);
  return {
    certificationId: certification.id,
    year,
    minCandidates: min,
    byPartner: partners.map((row) => ({ ...row, rate: rateOf(row.certified, row.decided), smallSample: isSmallSample(row.decided, min) })),
    byBlock: blocks.map((row) => ({ ...row, rate: rateOf(row.validated, row.inScope), smallSample: isSmallSample(row.inScope, min) })),
  };
}
