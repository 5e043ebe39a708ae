// The authorization matrix: for every root Query, Mutation and Subscription field and every kind of caller, the
// table below declares who gets past the gate; the test calls each field as each caller against a real server
// (queries and mutations over HTTP, queries again and subscriptions over WebSocket) and compares. A field of the
// running schema without a row, or a row without a field, fails the test: adding a field means deciding who may
// call it. Refused callers get UNAUTHENTICATED (anonymous) or FORBIDDEN (signed in) before their arguments are
// even validated, so a refusal tells nothing about the field. Past the gate, row rules decide what a caller sees
// (auth-and-rows.test.ts, cross-tenant probes); here arguments are generated (random ids), so an allowed caller
// typically gets NOT_FOUND or VALIDATION_FAILED, which count as "past the gate".
//
// `MATRIX_PRINT=1 npx vitest run test/api/authorization-matrix.test.ts` prints the observed table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs, wsClient } from '../support/graphql.ts';
import { fetchSchema, operationFor, rootFields as fieldsOf, type AnyField } from '../support/schema-probe.ts';

const ROLES = ['anonymous', 'candidate', 'partnerUser', 'partnerKey', 'juror', 'president', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** Who gets past the gate: everyone, every signed-in caller, or exactly these callers. */
type Gate = 'public' | 'signedIn' | readonly Role[];

const ADMIN = ['admin'] as const;
const CANDIDATE = ['candidate'] as const;
const PARTNER = ['partnerUser', 'partnerKey'] as const;
const JUROR = ['juror', 'president'] as const;
const STAFF = ['admin', 'juror', 'president'] as const;
/** Signed in as a person (any role), not with a partner's API key. */
const PEOPLE = ['candidate', 'partnerUser', 'juror', 'president', 'admin'] as const;

const MATRIX: Record<string, Gate> = {
  // ─── Query ───
  'Query.accountLink': 'public', // the link sent by e-mail is the credential
  'Query.people': ['partnerUser', 'admin'], // row rules: a partner user only their colleagues
  'Query.apiKeys': ['partnerUser'],
  'Query.appeal': ['candidate', 'admin'], // row rules: a candidate only their own
  'Query.appealByToken': 'public', // the contest link is the credential
  'Query.appeals': ADMIN,
  'Query.assessedQuestionnaire': ['candidate', 'admin'], // row rules: a candidate only their own
  'Query.attemptAppeals': ['candidate', 'admin'],
  'Query.auditEntries': ADMIN,
  'Query.auditVerification': ADMIN,
  'Query.blockEquivalences': ADMIN, // CQP bridges
  'Query.bookableSlots': ['candidate', 'admin'],
  'Query.candidate': 'signedIn',
  'Query.candidates': [...PARTNER, 'admin'],
  'Query.cdcBatch': ADMIN,
  'Query.cdcBatches': ADMIN,
  'Query.cdcDeadlines': ADMIN,
  'Query.dashboardTrends': ADMIN,
  'Query.cdcExportPreview': ADMIN,
  'Query.cdcPassages': ADMIN,
  'Query.cdcSettings': ADMIN,
  'Query.certificate': 'public', // a certificate's public view, for anyone verifying it
  'Query.certificatesToIssue': ADMIN,
  'Query.certificationSuccessRates': 'public',
  'Query.certifications': 'public',
  'Query.cleaFile': 'signedIn', // row rules: the candidate, their partner, admins, the assigned evaluator (CléA)
  'Query.cleaFiles': [...PARTNER, ...STAFF],
  'Query.complaint': 'signedIn', // row rules: the candidate, the partner it is routed to, admins
  'Query.complaints': [...PARTNER, 'admin'],
  'Query.examSession': ADMIN,
  'Query.examSessions': ADMIN,
  'Query.experiencePeriodsToReview': ADMIN, // VAE review queue
  'Query.feedbackQuestionSet': 'signedIn',
  'Query.feedbackReport': ADMIN,
  'Query.frameworkVersion': ADMIN,
  'Query.frameworkVersions': ADMIN,
  'Query.fraudReports': ADMIN,
  'Query.juries': ADMIN,
  'Query.jobRuns': ADMIN,
  'Query.jurorEligibility': ADMIN,
  'Query.juror': ADMIN,
  'Query.jurors': ADMIN,
  'Query.myJurorProfile': JUROR,
  'Query.me': 'public',
  'Query.myAttempts': CANDIDATE,
  'Query.myCandidate': CANDIDATE,
  'Query.myComplaints': CANDIDATE,
  'Query.myConflicts': JUROR,
  'Query.myNotifications': PEOPLE,
  'Query.myOrals': JUROR,
  'Query.myPersonalData': CANDIDATE,
  'Query.myRectificationRequests': CANDIDATE,
  'Query.rectificationRequests': ADMIN,
  'Query.myPracticeQuizzes': CANDIDATE,
  'Query.notificationOutbox': ADMIN,
  'Query.oral': 'signedIn', // row rules: a juror sees only the orals of their juries
  'Query.partners': [...ADMIN, ...JUROR], // jurors declare conflicts with an organisation
  'Query.practiceProgress': ['candidate', 'admin'],
  'Query.practiceQuiz': ['candidate', 'admin'],
  'Query.projectFiles': 'signedIn',
  'Query.projectFilesAtRisk': ADMIN,
  'Query.quizQuestions': ADMIN,
  'Query.reEvaluationJurors': ADMIN,
  'Query.recentCertificates': ADMIN,
  'Query.resultsToPublish': ADMIN,
  'Query.signingKeys': ADMIN,
  'Query.successRateBreakdown': ADMIN,
  'Query.unreadNotificationCount': PEOPLE,
  'Query.verifyCertificate': 'public',
  'Query.verifyCredential': 'public',
  // ─── Mutation ───
  'Mutation.acknowledgeProjectFile': ADMIN,
  'Mutation.returnProjectFile': ADMIN,
  'Mutation.addSlots': ADMIN,
  'Mutation.answerComplaint': [...PARTNER, 'admin'],
  'Mutation.answerQuizQuestion': CANDIDATE,
  'Mutation.assignJury': ADMIN,
  'Mutation.assignCleaEvaluator': ADMIN,
  'Mutation.bookSlot': ['candidate', 'admin'],
  'Mutation.cancelBooking': ['candidate', 'admin'],
  'Mutation.closeAppeal': ADMIN,
  'Mutation.closeComplaint': [...PARTNER, 'admin'],
  'Mutation.composeJury': ADMIN,
  'Mutation.composeCleaCommission': ADMIN,
  'Mutation.confirmCandidateIdentity': JUROR,
  'Mutation.correctCdcPassage': ADMIN,
  'Mutation.recordCdcPortalAction': ADMIN,
  'Mutation.rejectCdcBatch': ADMIN,
  'Mutation.createApiKey': ['partnerUser'],
  'Mutation.createBlockEquivalence': ADMIN,
  'Mutation.deleteBlockEquivalence': ADMIN,
  'Mutation.createCertification': ADMIN,
  'Mutation.createExamSession': ADMIN,
  'Mutation.createFrameworkDraft': ADMIN,
  'Mutation.createQuizQuestion': ADMIN,
  'Mutation.decideAppeal': ADMIN,
  'Mutation.decideCleaFile': ADMIN,
  'Mutation.decideOral': JUROR,
  'Mutation.declareConflict': JUROR,
  'Mutation.declareExperiencePeriod': CANDIDATE, // VAE: the candidate only; partners read
  'Mutation.eraseCandidatePersonalData': ADMIN,
  'Mutation.exportCdcBatch': ADMIN,
  'Mutation.fileComplaint': CANDIDATE,
  'Mutation.importCdcReport': ADMIN,
  'Mutation.importFranceCompetences': ADMIN,
  'Mutation.importQuizQuestions': ADMIN,
  'Mutation.importQuizQuestionsCsv': ADMIN,
  'Mutation.grantQuestionnaireRetry': ADMIN,
  'Mutation.issueCertificates': ADMIN,
  'Mutation.login': 'public',
  'Mutation.logout': 'signedIn',
  // Accounts (issue 19): people manage their own password and e-mail; admins and partner users manage people.
  'Mutation.changePassword': PEOPLE,
  'Mutation.confirmEmailChange': 'public',
  'Mutation.createPartner': ADMIN,
  'Mutation.deactivateUser': ['partnerUser', 'admin'],
  'Mutation.invitePartnerUser': ['partnerUser', 'admin'],
  'Mutation.inviteStaff': ADMIN,
  'Mutation.reactivateUser': ['partnerUser', 'admin'],
  'Mutation.requestEmailChange': PEOPLE,
  'Mutation.requestPasswordReset': 'public',
  'Mutation.resendCandidateInvitation': [...PARTNER, 'admin'], // row rules: a partner only its candidates
  'Mutation.resendInvitation': ['partnerUser', 'admin'],
  'Mutation.revokeInvitation': ['partnerUser', 'admin'],
  'Mutation.setPasswordWithLink': 'public',
  'Mutation.markNotificationsRead': PEOPLE,
  'Mutation.moveOralPhase': JUROR,
  'Mutation.openReEvaluation': ADMIN,
  'Mutation.openRetake': ['candidate', 'admin'],
  'Mutation.publishFramework': ADMIN,
  'Mutation.publishResult': ADMIN,
  'Mutation.publishResults': ADMIN,
  'Mutation.registerCandidate': [...PARTNER, 'admin'],
  'Mutation.registerCandidates': [...PARTNER, 'admin'],
  'Mutation.registerForCertification': [...PARTNER, 'admin'],
  'Mutation.recordVaeBlockModalities': JUROR, // row rules: the president of the oral
  'Mutation.removeSlot': ADMIN,
  'Mutation.reportFraud': JUROR,
  'Mutation.retireQuizQuestion': ADMIN,
  'Mutation.retryNotification': ADMIN,
  'Mutation.reviewExperiencePeriod': ADMIN,
  'Mutation.reviewFraudReport': ADMIN,
  'Mutation.revokeApiKey': ['partnerUser'],
  'Mutation.revokeCertificate': ADMIN,
  'Mutation.rotateSigningKey': ADMIN,
  'Mutation.scoreCriterion': JUROR,
  'Mutation.setAccommodation': [...PARTNER, 'candidate', 'admin'],
  'Mutation.recordCleaEvaluation': STAFF, // the assigned evaluator (a juror) or an admin
  'Mutation.setCleaCommissionRule': ADMIN,
  'Mutation.setCleaTrainingLine': STAFF,
  'Mutation.setAgreedScore': JUROR,
  'Mutation.setMyLocale': PEOPLE,
  'Mutation.setMyHolderDid': CANDIDATE,
  'Mutation.signMinutes': JUROR,
  'Mutation.startAppealReview': ADMIN,
  'Mutation.startComplaintReview': [...PARTNER, 'admin'],
  'Mutation.startPracticeQuiz': CANDIDATE,
  'Mutation.startAssessedQuestionnaire': CANDIDATE,
  'Mutation.answerQuestionnaireQuestion': CANDIDATE,
  'Mutation.submitAssessedQuestionnaire': CANDIDATE,
  'Mutation.submitAppeal': CANDIDATE,
  'Mutation.submitAppealWithToken': 'public', // the contest link is the credential
  'Mutation.submitFeedback': CANDIDATE,
  'Mutation.submitPracticeQuiz': CANDIDATE,
  'Mutation.updateCdcSettings': ADMIN,
  'Mutation.updateCertification': ADMIN,
  'Mutation.updateFrameworkDraft': ADMIN,
  'Mutation.updateCandidateIdentity': [...PARTNER, 'candidate', 'admin'], // row rules: the partner its own, the candidate themself
  'Mutation.updateJurorProfile': ADMIN,
  'Mutation.requestRectification': CANDIDATE,
  'Mutation.decideRectification': ADMIN,
  'Mutation.setMyAvailability': JUROR,
  'Mutation.updateJuryMembers': ADMIN,
  'Mutation.updateQuizQuestion': ADMIN,
  // ─── Subscription ───
  'Subscription.appealEvents': ['candidate', 'admin'],
  'Subscription.appealQueueEvents': ADMIN,
  'Subscription.complaintEvents': ['candidate', ...PARTNER, 'admin'],
  'Subscription.notificationEvents': PEOPLE,
  'Subscription.oralEvents': STAFF,
  'Subscription.partnerCandidateEvents': PARTNER,
  'Subscription.scheduleEvents': ['candidate', ...PARTNER, ...JUROR],
  'Subscription.slotAvailability': ['candidate', 'admin'],
};

const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

let server: TestServer;
let schema: GraphQLSchema;
const credentials: Partial<Record<Role, string>> = {};

function passes(gate: Gate, role: Role): boolean {
  if (gate === 'public') return true;
  if (gate === 'signedIn') return role !== 'anonymous';
  return gate.includes(role);
}

type Outcome = 'passed' | 'refused';

function outcomeOf(errors: { extensions?: Record<string, any> }[] | undefined, role: Role, label: string): Outcome {
  const codes = (errors ?? []).map((error) => error.extensions?.code as string | undefined);
  const refusal = codes.find((code) => code && REFUSALS.has(code));
  if (!refusal) return 'passed';
  // A refusal is always the right one for the caller: UNAUTHENTICATED when anonymous, FORBIDDEN when signed in.
  expect(refusal, `${label} as ${role}`).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  return 'refused';
}

async function overHttp(kind: 'query' | 'mutation', field: AnyField, role: Role): Promise<Outcome> {
  const { query, variables } = operationFor(kind, field);
  const label = `${kind} ${field.name}`;
  const response = await gql(server.graphqlUrl, query, variables, { token: credentials[role] });
  expect(response.status, `${label} as ${role}: HTTP status`).toBeLessThan(500);
  return outcomeOf(response.errors, role, label);
}

/** Runs one operation over a WebSocket: the first result, or "still open" after a while (a live subscription). */
async function overWebSocket(kind: 'query' | 'subscription', field: AnyField, role: Role): Promise<Outcome> {
  const { query, variables } = operationFor(kind, field);
  const client = wsClient(server.wsUrl, credentials[role]);
  try {
    const errors = await new Promise<{ extensions?: Record<string, any> }[] | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        dispose();
        resolve(undefined);
      }, 1_500);
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            clearTimeout(timer);
            dispose();
            resolve(result.errors as never);
          },
          error: (error) => {
            clearTimeout(timer);
            // graphql-ws reports errors raised while subscribing as an array of GraphQL errors.
            if (Array.isArray(error)) resolve(error);
            else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          },
          complete: () => {
            clearTimeout(timer);
            resolve(undefined);
          },
        },
      );
    });
    return outcomeOf(errors, role, `${kind} ${field.name} (WebSocket)`);
  } finally {
    await client.dispose();
  }
}

const rootFields = (typeName: 'Query' | 'Mutation' | 'Subscription') => fieldsOf(schema, typeName);

beforeAll(async () => {
  server = await startIsolatedServer();
  schema = await fetchSchema(server.graphqlUrl);
  const logins: [Role, string][] = [
    ['candidate', 'candidate07'],
    ['partnerUser', 'partner-a'],
    ['juror', 'juror2'],
    ['president', 'juror1'],
    ['admin', 'admin'],
  ];
  await Promise.all(logins.map(async ([role, login]) => (credentials[role] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  const key = await gql(server.graphqlUrl, 'mutation { createApiKey(name: "Matrix") { secret } }', {}, { token: credentials.partnerUser });
  credentials.partnerKey = key.data!.createApiKey.secret;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('authorization matrix', () => {
  it('has exactly one row per root field of the running schema', () => {
    const fields = (['Query', 'Mutation', 'Subscription'] as const).flatMap((type) => rootFields(type).map((field) => `${type}.${field.name}`));
    const missing = fields.filter((name) => !(name in MATRIX));
    const stale = Object.keys(MATRIX).filter((name) => !fields.includes(name));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('lets exactly the declared callers past the gate, over HTTP and WebSocket', async () => {
    const observed: Record<string, Role[]> = {};
    const mismatches: string[] = [];
    const check = (name: string, role: Role, outcome: Outcome, channel: string) => {
      if (outcome === 'passed') (observed[name] ??= []).includes(role) || observed[name].push(role);
      const gate = MATRIX[name];
      if (gate && passes(gate, role) !== (outcome === 'passed')) mismatches.push(`${name} as ${role} over ${channel}: ${outcome}`);
    };
    for (const role of ROLES) {
      // logout revokes the caller's own session: keep it for last.
      const mutations = rootFields('Mutation').sort((a, b) => Number(a.name === 'logout') - Number(b.name === 'logout'));
      for (const field of rootFields('Query')) check(`Query.${field.name}`, role, await overHttp('query', field, role), 'HTTP');
      for (const field of mutations) check(`Mutation.${field.name}`, role, await overHttp('mutation', field, role), 'HTTP');
    }
    // Over WebSocket the queries again (the socket resolves its caller on its own) and every subscription.
    await Promise.all(
      ROLES.map(async (role) => {
        if (role !== 'anonymous' && role !== 'partnerKey') credentials[role] = await loginAs(server.graphqlUrl, emailOf(role)); // logged out above
        for (const field of rootFields('Query')) check(`Query.${field.name}`, role, await overWebSocket('query', field, role), 'WebSocket');
        await Promise.all(rootFields('Subscription').map(async (field) => check(`Subscription.${field.name}`, role, await overWebSocket('subscription', field, role), 'WebSocket')));
      }),
    );
    if (process.env.MATRIX_PRINT) {
      const rows = Object.entries(observed)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, roles]) => `  '${name}': ${roles.length === ROLES.length ? "'public'" : roles.length === ROLES.length - 1 && !roles.includes('anonymous') ? "'signedIn'" : JSON.stringify(roles)},`);
      console.log(rows.join('\n'));
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

function emailOf(role: Role): string {
  const login = { candidate: 'candidate07', partnerUser: 'partner-a', juror: 'juror2', president: 'juror1', admin: 'admin' }[role as string];
  return `${login}@demo.certijury.fr`;
}
