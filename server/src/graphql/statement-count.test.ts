// N+1 guard: the partner's candidate list and the admin dashboard run a constant number of SQL statements
// whatever the page or data size. In-process (no child server), so that every statement can be counted:
//   - SQL statements, at the driver adapter: every queryRaw/executeRaw that reaches PGlite, inside
//     transactions too (the exact number of round trips, whatever Prisma's query engine does with one call);
//   - Prisma operations, with `$extends({ query: { $allOperations } })` (what the resolvers ask for).
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, parse } from 'graphql';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { SqlDriverAdapter, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrations.ts';
import { seedDemoData } from '../../../prisma/seed.ts';
import { getSchema } from './schema.ts';
import type { Context } from './context.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

const repo = resolve(import.meta.dirname, '../../..');

// ─── Counting SQL statements at the driver adapter ───

const statements: string[] = [];
let countingStatements = false;

function countQueries<T extends Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>>(target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (key === 'queryRaw' || key === 'executeRaw') {
        return (query: SqlQuery) => {
          if (countingStatements) statements.push(query.sql);
          return (value as (q: SqlQuery) => unknown).call(object, query);
        };
      }
      if (key === 'startTransaction') {
        return async (...args: unknown[]) => countQueries((await (value as (...a: unknown[]) => Promise<Transaction>).apply(object, args)) as Transaction);
      }
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

const originalConnect = PrismaPGlite.prototype.connect;

// ─── The documents (client/src/graphql/operations.ts) ───

/** The partner's "my candidates with their attempts and decisions" (there are no certificates in the schema yet). */
const PartnerCandidates = parse(`
  query PartnerCandidates($first: Int!) {
    candidates(first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id fileNumber firstName birthName
          accommodation { kinds }
          attempts {
            id state appealOpen
            certification { code title }
            booking { id slot { id startsAt } }
            result { outcome published contestUntil blocks { code validated } }
          }
        }
      }
    }
  }
`);

// AdminHomeView.vue: CertificationsQuery (activeOnly: false), CandidatesQuery through useCandidateList (first: 20),
// ResultsToPublishCard.vue: ResultsToPublishQuery, CdcDeadlinesCard.vue: CdcDeadlinesQuery.
const AdminCertifications = parse(`
  query Certifications($activeOnly: Boolean = true) {
    certifications(activeOnly: $activeOnly) {
      id code registry title level decisionRule active
      successRate { published certified rate }
      currentFramework {
        id version scaleMin scaleMax
        blocks { id code title competences { id code title modality minimumScore criteria { id code description } } }
      }
    }
  }
`);
const AdminCandidates = parse(`
  query Candidates($first: Int = 20, $after: String, $certificationId: ID, $state: AttemptState) {
    candidates(first: $first, after: $after, certificationId: $certificationId, state: $state) {
      totalCount
      pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
      edges {
        cursor
        node {
          id fileNumber firstName birthName usageName email
          partner { id name }
          attempts { id state attemptNumber createdAt certification { id code registry title } appealOpen booking { id slot { id startsAt } } result { id outcome published } }
        }
      }
    }
  }
`);
const ResultsToPublish = parse(`
  query ResultsToPublish($atRisk: Boolean) {
    resultsToPublish(atRisk: $atRisk) {
      id publishBy publishedAt daysLeft late atRisk outcome candidateName
      certification { id code registry title }
      attempt { id state }
    }
  }
`);
const CdcDeadlines = parse(`query CdcDeadlines { cdcDeadlines { pending sent accepted rejected atRisk late } }`);
// DashboardTrendsChart.vue (issue 10): the 12-month success rate and volume by certification.
const DashboardTrends = parse(`query DashboardTrends($months: Int) {
  dashboardTrends(months: $months) { from to months { month decided certified rate byCertification { certificationId decided } } certifications { certificationId code title } }
}`);

// ─── Harness ───

let db: Database;
let operations = 0;
let counted: PrismaClient;

async function viewerFor(role: 'PARTNER' | 'ADMIN', partnerName?: string): Promise<Viewer> {
  const user = await db.prisma.user.findFirstOrThrow({
    where: { role, ...(partnerName ? { partner: { name: partnerName } } : {}) },
    orderBy: { email: 'asc' },
  });
  return {
    kind: 'user',
    userId: user.id,
    sessionId: 'statement-count',
    role: user.role,
    certifierId: user.certifierId,
    displayName: user.displayName,
    partnerId: user.partnerId,
    candidateId: null,
  };
}

/** Runs one document in-process and returns its data and the statements and operations it took. */
async function run(viewer: Viewer, document: ReturnType<typeof parse>, variableValues: Record<string, unknown> = {}) {
  const contextValue = { prisma: counted, raw: db.raw, viewer, credential: null, locale: 'fr', clientIp: null } as unknown as Context;
  statements.length = 0;
  operations = 0;
  countingStatements = true;
  const result = await execute({ schema: getSchema(), document, variableValues, contextValue });
  countingStatements = false;
  expect(result.errors ?? []).toEqual([]);
  return { data: result.data as Record<string, any>, statements: statements.length, operations, sql: [...statements] };
}

/** `count` more candidates for the partner, one RS5302 attempt each; the first `published` with a published result, the next `decided` with one to publish. */
async function addCandidates(partnerName: string, count: number, published: number, decided: number) {
  const partner = await db.prisma.partner.findFirstOrThrow({ where: { name: partnerName } });
  const certification = await db.prisma.certification.findUniqueOrThrow({ where: { code: 'RS5302' } as never });
  const template = await db.prisma.decision.findFirstOrThrow({ where: { attempt: { certificationId: certification.id }, result: { isNot: null } } });
  const tag = randomUUID().slice(0, 8);
  const candidates = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    partnerId: partner.id,
    fileNumber: `SC-${tag}-${String(index).padStart(4, '0')}`,
    email: `sc-${tag}-${index}@example.test`,
    birthName: `Compte${index}`,
    firstName: 'Statement',
  }));
  const attempts = candidates.map((candidate, index) => ({
    id: randomUUID(),
    candidateId: candidate.id,
    certificationId: certification.id,
    frameworkVersionId: template.frameworkVersionId,
    state: (index < published ? 'RESULT_PUBLISHED' : index < published + decided ? 'DECIDED' : 'REGISTERED') as never,
  }));
  const withResult = attempts.slice(0, published + decided);
  const decisions = withResult.map((attempt) => ({
    id: randomUUID(),
    attemptId: attempt.id,
    frameworkVersionId: template.frameworkVersionId,
    rule: template.rule,
    ruleVersion: template.ruleVersion,
    outcome: template.outcome,
    details: template.details as never,
    validatedBlockCodes: template.validatedBlockCodes,
    juryDate: template.juryDate,
  }));
  const now = Date.now();
  const results = withResult.map((attempt, index) => ({
    attemptId: attempt.id,
    decisionId: decisions[index].id,
    publishBy: new Date(now + (index - published) * 86_400_000),
    publishedAt: index < published ? new Date(now - 86_400_000) : null,
  }));
  await db.prisma.candidate.createMany({ data: candidates });
  await db.prisma.attempt.createMany({ data: attempts });
  await db.prisma.decision.createMany({ data: decisions });
  await db.prisma.result.createMany({ data: results });
}

beforeAll(async () => {
  PrismaPGlite.prototype.connect = async function connect(this: PrismaPGlite) {
    return countQueries(await originalConnect.call(this));
  };
  db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await applyMigrations(db.raw, db.kind, resolve(repo, 'prisma/migrations'));
  await seedDemoData(db.prisma);
  counted = db.prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        operations += 1;
        return query(args);
      },
    },
  }) as unknown as PrismaClient;
}, 120_000);

afterAll(async () => {
  PrismaPGlite.prototype.connect = originalConnect;
  await db?.close();
});

describe('statement count (N+1 guard)', () => {
  const PARTNER_A = 'Formapro Conseil';

  it('the admin dashboard runs as many statements with 150 more candidates and results', { timeout: 120_000 }, async () => {
    const admin = await viewerFor('ADMIN');
    const dashboard = async () => {
      const counts: Record<string, { statements: number; operations: number; rows: number }> = {};
      const certifications = await run(admin, AdminCertifications, { activeOnly: false });
      counts.certifications = { ...certifications, rows: certifications.data.certifications.length };
      const candidates = await run(admin, AdminCandidates, { first: 20 });
      counts.candidates = { ...candidates, rows: candidates.data.candidates.edges.length };
      const results = await run(admin, ResultsToPublish, {});
      counts.resultsToPublish = { ...results, rows: results.data.resultsToPublish.length };
      const cdc = await run(admin, CdcDeadlines);
      counts.cdcDeadlines = { ...cdc, rows: 1 };
      const trends = await run(admin, DashboardTrends, { months: 12 });
      counts.dashboardTrends = { ...trends, rows: trends.data.dashboardTrends.months.length };
      return Object.fromEntries(
        Object.entries(counts).map(([name, { statements, operations, rows }]) => [name, { statements, operations, rows }]),
      );
    };
    const before = await dashboard();
    await addCandidates(PARTNER_A, 150, 40, 60);
    const after = await dashboard();
    const admin100 = await run(admin, AdminCandidates, { first: 100 });
    console.info('admin dashboard: demo data', before, 'with 150 more', after, 'candidates(first: 100)', {
      statements: admin100.statements,
      operations: admin100.operations,
    });
    expect(after.resultsToPublish.rows).toBeGreaterThan(before.resultsToPublish.rows + 50);
    for (const name of Object.keys(before)) {
      expect({ name, statements: after[name].statements, operations: after[name].operations }).toEqual({
        name,
        statements: before[name].statements,
        operations: before[name].operations,
      });
      expect(after[name].statements).toBeLessThanOrEqual(6);
    }
    expect(admin100.data.candidates.edges).toHaveLength(100);
    expect(admin100.statements).toBe(after.candidates.statements);
  });

  it("the partner's candidates with attempts and results: first 10 and first 100 run as many statements", { timeout: 120_000 }, async () => {
    const partner = await viewerFor('PARTNER', PARTNER_A);
    const page10 = await run(partner, PartnerCandidates, { first: 10 });
    const page100 = await run(partner, PartnerCandidates, { first: 100 });
    console.info('partner candidates:', { first10: { statements: page10.statements, operations: page10.operations }, first100: { statements: page100.statements, operations: page100.operations } });
    expect(page100.data.candidates.edges).toHaveLength(100);
    const attempts = page100.data.candidates.edges.flatMap((edge: any) => edge.node.attempts);
    expect(attempts.filter((attempt: any) => attempt.result?.published).length).toBeGreaterThan(5);
    expect(page100.statements).toBe(page10.statements);
    expect(page100.operations).toBe(page10.operations);
    expect(page100.statements).toBeLessThanOrEqual(6);
  });

  // Attempt.result and Attempt.certificates build their selection from the fields asked for beneath them
  // (graphql/requested-fields.ts, through a plugin-prisma extension its types do not declare): a list of outcomes
  // reads no decision details, no jury and no signed credential; asking for them reads them, in the same statement.
  it('reads the costly parts of results and certificates only when a field needing them is asked for', { timeout: 60_000 }, async () => {
    const partner = await viewerFor('PARTNER', PARTNER_A);
    const page = (fields: string) => parse(`{ candidates(first: 20) { edges { node { id attempts { id ${fields} } } } } }`);
    const lean = await run(partner, page('result { outcome publishedAt } certificates { id issuedAt }'));
    expect(lean.statements).toBe(1);
    expect(lean.sql[0]).not.toMatch(/"details"|"JuryMember"|"credential"|"Certifier"/);
    // The partner's rule reads the candidate row the attempts were loaded under: Candidate is read once.
    expect(lean.sql[0].match(/"public"\."Candidate"/g)).toHaveLength(1);
    const outcomes = lean.data.candidates.edges.flatMap((edge: any) => edge.node.attempts.map((attempt: any) => attempt.result?.outcome)).filter(Boolean);
    expect(outcomes.length).toBeGreaterThan(0);

    const full = await run(partner, page('result { outcome blocks { code } juryNames } certificates { id name issuerName }'));
    expect(full.statements).toBe(1);
    expect(full.sql[0]).toMatch(/"details"/);
    expect(full.sql[0]).toMatch(/"JuryMember"/);
    expect(full.sql[0]).toMatch(/"credential"/);
    expect(full.sql[0]).toMatch(/"Certifier"/);
    // The same outcomes either way.
    expect(full.data.candidates.edges.flatMap((edge: any) => edge.node.attempts.map((attempt: any) => attempt.result?.outcome)).filter(Boolean)).toEqual(outcomes);
  });
});
