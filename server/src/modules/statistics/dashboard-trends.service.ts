// The admin dashboard's 12-month trends: per month of jury (Europe/Paris), the success rate and the volume of
// decisions per certification, counted with the same definition as the public success rate (statistics.service.ts):
// attempts whose result is published, with the current (non-superseded) decision that result carries, one per
// attempt. One SQL statement (GROUP BY month and certification) whatever the data; months without decisions are
// filled with zeros in memory.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { assertAdmin } from '../jury/jury.service.ts';
import { fillMonths, monthsArgument, trendMonths, type TrendMonth, type TrendRow } from './dashboard-trends.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** The jury's month in Europe/Paris, as 'YYYY-MM' (dates are stored as UTC timestamps without zone). */
const JURY_MONTH = Prisma.sql`to_char((d."juryDate" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'YYYY-MM')`;

export interface TrendCertification {
  certificationId: string;
  code: string;
  title: string;
}

export interface DashboardTrends {
  /** First and last month of the window, 'YYYY-MM'. */
  from: string;
  to: string;
  months: TrendMonth[];
  /** The certifications with at least one decision in the window, by code. */
  certifications: TrendCertification[];
}

export async function dashboardTrends(db: Db, viewer: Viewer | null, months: number | null | undefined, now = new Date()): Promise<DashboardTrends> {
  assertAdmin(viewer);
  const window = trendMonths(monthsArgument(months), now);
  const from = window[0];
  const to = window[window.length - 1];
  const rows = await db.$queryRaw<(TrendRow & { code: string; title: string })[]>`
    SELECT ${JURY_MONTH} AS "month", a."certificationId", c."code", c."title",
           count(*)::int AS "decided",
           (count(*) FILTER (WHERE d."outcome" = 'CERTIFIED'))::int AS "certified",
           (count(*) FILTER (WHERE d."outcome" = 'PARTIALLY_CERTIFIED'))::int AS "partiallyCertified"
      FROM "Result" r
      JOIN "Decision" d ON d."id" = r."decisionId" AND d."supersededById" IS NULL
      JOIN "Attempt" a ON a."id" = r."attemptId"
      JOIN "Certification" c ON c."id" = a."certificationId"
     WHERE r."publishedAt" IS NOT NULL
       AND c."certifierId" = ${viewer.certifierId}
       AND ${JURY_MONTH} BETWEEN ${from} AND ${to}
     GROUP BY 1, a."certificationId", c."code", c."title"`;
  const certifications = new Map<string, TrendCertification>();
  for (const row of rows) certifications.set(row.certificationId, { certificationId: row.certificationId, code: row.code, title: row.title });
  return {
    from,
    to,
    months: fillMonths(window, rows),
    certifications: [...certifications.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}
