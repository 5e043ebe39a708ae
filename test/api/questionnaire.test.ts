// The assessed questionnaire (issue 8) through the API of a real server, on the demo's RS7070 (C1 by oral; C2
// and C3 by questionnaire) and its candidate Inès BERTRAND, whose oral is today (juror4 presides, juror5 sits):
// a decision is blocked while the questionnaire is missing and the jury cannot set an agreed score for it;
// start → autosave → submit, with no correct answer in any response (every key and value walked); one
// questionnaire per passage unless an admin grants another (validated, audited, notified); the graded score
// entering the decision (ALL_COMPETENCES: NOT_CERTIFIED; BY_BLOCK: its block unvalidated) while a practice quiz
// answered perfectly does not count; jurors read the score. The deadline is checked through the service
// functions with `now` on an embedded database (no test waits for a real timer).
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { AGREE, DECIDE, GRID, ROOM, SCORE, move } from '../support/oral.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { seedDemoData } from '../../prisma/seed.ts';
import { AppError } from '../../server/src/lib/errors.ts';
import { answerQuizQuestion, grantQuestionnaireRetry, loadAssessedQuestionnaire, questionnaireScores, startAssessedQuestionnaire } from '../../server/src/modules/quiz/quiz.service.ts';
import type { Viewer } from '../../server/src/auth/viewer.ts';

let server: TestServer;
const token: Record<string, string> = {};
const CANDIDATE = 'candidate-qcm';
const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) => gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

// Every field a candidate can reach on a questionnaire.
const FIELDS = `id attemptId certificationCode certificationTitle startedAt deadlineAt serverNow submittedAt timeUp questionCount answeredCount resultsPublished
  questions { id position kind prompt choices { id label } competence { id code title } myAnswer { choiceIds number } review { correct correctAnswer { choiceIds number } explanation } }
  results { correct total percent competences { competenceId code title correct total percent score } }`;
const QUESTIONNAIRE = `query ($attemptId: ID!) { assessedQuestionnaire(attemptId: $attemptId) { ${FIELDS} } }`;
const START = `mutation ($attemptId: ID!) { startAssessedQuestionnaire(attemptId: $attemptId) { ${FIELDS} } }`;
const ANSWER = `mutation ($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) { answerQuestionnaireQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) { quizId questionId myAnswer { choiceIds number } answeredCount deadlineAt serverNow } }`;
const SUBMIT = `mutation ($quizId: ID!) { submitAssessedQuestionnaire(quizId: $quizId) { ${FIELDS} } }`;
const GRANT = `mutation ($attemptId: ID!, $reason: String!) { grantQuestionnaireRetry(attemptId: $attemptId, reason: $reason) }`;
const PRACTICE_START = `mutation ($attemptId: ID!, $n: Int) { startPracticeQuiz(attemptId: $attemptId, questionCount: $n) { id questions { id } } }`;
const PRACTICE_ANSWER = `mutation ($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) { answerQuizQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) { id } }`;
const PRACTICE_SUBMIT = `mutation ($quizId: ID!) { submitPracticeQuiz(quizId: $quizId) { results { percent } } }`;
const BANK = `query ($fv: ID!) { quizQuestions(frameworkVersionId: $fv) { id kind correctAnswer explanation choices { id } competence { code } } }`;
const DELIBERATION = `query ($id: ID!) { oral(id: $id) { version phase deliberation { competences { code byQuestionnaire agreedValue questionnaire { code score percent correct total } } } decision { outcome ruleVersion validatedBlockCodes details } } }`;

let attemptId = '';
let certification = { id: '', version: 0 };
let oralId = '';
let bank: Map<string, { kind: string; correctAnswer: any; explanation: string | null; choices: { id: string }[]; competence: { code: string } }>;
const competenceIds: Record<string, string> = {};

/** The right or a wrong answer to a bank question (the test knows the bank through the admin's view). */
function answerFor(questionId: string, right: boolean) {
  const q = bank.get(questionId)!;
  if (q.kind === 'NUMERIC') return { number: right ? q.correctAnswer.value : q.correctAnswer.value + 1000 };
  const correct: string[] = Array.isArray(q.correctAnswer) ? q.correctAnswer : [q.correctAnswer];
  if (right) return { choiceIds: correct };
  return { choiceIds: [q.choices.find((c) => !correct.includes(c.id))!.id] };
}
/** C2 right, C3 wrong: C2 scores 4/4 (validated, minimum 2), C3 0/4 (not validated). */
const rightFor = (questionId: string) => bank.get(questionId)!.competence.code === 'C2';

/**
 * Walks every key and value of a candidate's response: no correct answer, explanation, grading or review may
 * appear before the results are published (and the review never, for an assessed questionnaire).
 */
function assertNothingRevealed(value: unknown, path = 'data') {
  const explanations = new Set([...bank.values()].map((q) => q.explanation).filter(Boolean));
  const walk = (node: unknown, at: string) => {
    if (node === null || node === undefined) return;
    if (typeof node === 'string') {
      expect(explanations.has(node), `${at} is an explanation`).toBe(false);
      return;
    }
    if (typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      const here = `${at}.${key}`;
      if (['review', 'results', 'correctAnswer', 'explanation', 'correct', 'score', 'percent'].includes(key)) expect(child, here).toBeNull();
      walk(child, here);
    }
  };
  walk(value, path);
}

beforeAll(async () => {
  server = await startIsolatedServer();
  await Promise.all(['admin', CANDIDATE, 'juror4', 'juror5'].map(async (who) => (token[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`))));
  const attempts = (await as(CANDIDATE, '{ myAttempts { id certification { id code version } framework { id blocks { competences { id code } } } } }')).data!.myAttempts;
  const attempt = attempts.find((a: any) => a.certification.code === 'RS7070');
  attemptId = attempt.id;
  certification = { id: attempt.certification.id, version: attempt.certification.version };
  for (const competence of attempt.framework.blocks.flatMap((b: any) => b.competences)) competenceIds[competence.code] = competence.id;
  bank = new Map((await as('admin', BANK, { fv: attempt.framework.id })).data!.quizQuestions.map((q: any) => [q.id, q]));
  const orals = (await as('juror4', '{ myOrals { id candidateName } }')).data!.myOrals;
  oralId = orals.find((o: any) => o.candidateName === 'Inès BERTRAND').id;
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function room(who = 'juror4') {
  const result = await as(who, DELIBERATION, { id: oralId });
  expect(result.errors).toBeUndefined();
  return result.data!.oral;
}

describe('the jury before the questionnaire', () => {
  it('reaches deliberation: the questionnaire competences are read-only and a missing questionnaire blocks the decision', async () => {
    let version = (await room()).version;
    version = await move(server.graphqlUrl, token.juror4, oralId, 'IDENTITY_CHECKED', version);
    version = await move(server.graphqlUrl, token.juror4, oralId, 'PRESENTATION', version);
    const grid = (await as('juror4', GRID, { id: oralId })).data!.oral.grid;
    const criteria = grid.blocks.flatMap((b: any) => b.competences).flatMap((c: any) => c.criteria);
    expect(criteria).toHaveLength(2); // only C1 (oral) has criteria
    for (const who of ['juror4', 'juror5']) {
      for (const criterion of criteria) {
        const scored = await as(who, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } });
        expect(scored.errors).toBeUndefined();
      }
    }
    version = (await room()).version;
    version = await move(server.graphqlUrl, token.juror4, oralId, 'QUESTIONS', version);
    version = await move(server.graphqlUrl, token.juror4, oralId, 'DELIBERATION', version);

    const deliberation = (await room('juror5')).deliberation.competences;
    expect(deliberation.map((c: any) => [c.code, c.byQuestionnaire, c.questionnaire])).toEqual([
      ['C1', false, null],
      ['C2', true, null],
      ['C3', true, null],
    ]);
    const refused = await as('juror4', AGREE, { input: { oralId, competenceId: competenceIds.C2, value: 4, justification: 'Très bon niveau.', expectedVersion: version } });
    expect(codeOf(refused)).toBe('VALIDATION_FAILED');
    expect(refused.errors![0].extensions!.fields[0].path).toEqual(['competenceId']);
    expect(refused.errors![0].message).toContain('questionnaire');
    const agreed = await as('juror4', AGREE, { input: { oralId, competenceId: competenceIds.C1, value: 3, expectedVersion: version } });
    expect(agreed.errors).toBeUndefined();
    version = agreed.data!.setAgreedScore.version;
    const blocked = await as('juror4', DECIDE, { oralId, v: version }, 'en');
    expect(codeOf(blocked)).toBe('QUESTIONNAIRE_MISSING');
    expect(blocked.errors![0].message).toBe('Cannot decide: the questionnaire has not been taken for C2, C3.');
  });
});

describe('the candidate takes the questionnaire', () => {
  let quiz: any;
  const responses: unknown[] = [];

  it('is not started yet; a perfect practice quiz on the same bank is only practice', async () => {
    expect((await as(CANDIDATE, QUESTIONNAIRE, { attemptId })).data!.assessedQuestionnaire).toBeNull();
    const practice = (await as(CANDIDATE, PRACTICE_START, { attemptId, n: 8 })).data!.startPracticeQuiz;
    for (const question of practice.questions) {
      expect((await as(CANDIDATE, PRACTICE_ANSWER, { quizId: practice.id, questionId: question.id, answer: answerFor(question.id, true) })).errors).toBeUndefined();
    }
    expect((await as(CANDIDATE, PRACTICE_SUBMIT, { quizId: practice.id })).data!.submitPracticeQuiz.results.percent).toBe(100);
  });

  it('starts with a server deadline, balanced across the questionnaire competences, and resumes on a second start', async () => {
    const started = await as(CANDIDATE, START, { attemptId });
    expect(started.errors).toBeUndefined();
    quiz = started.data!.startAssessedQuestionnaire;
    responses.push(started);
    expect(quiz.questionCount).toBe(6);
    const codes = quiz.questions.map((q: any) => q.competence.code);
    expect(codes.filter((c: string) => c === 'C2')).toHaveLength(3);
    expect(codes.filter((c: string) => c === 'C3')).toHaveLength(3);
    const minutes = (Date.parse(quiz.deadlineAt) - Date.parse(quiz.startedAt)) / 60_000;
    expect(minutes).toBe(20); // RS7070's questionnaireMinutes
    expect(Math.abs(Date.parse(quiz.serverNow) - Date.now())).toBeLessThan(60_000);
    const again = await as(CANDIDATE, START, { attemptId });
    expect(again.data!.startAssessedQuestionnaire.id).toBe(quiz.id);
    responses.push(again);
  });

  it('saves answers as they go, validates them, and keeps other candidates out', async () => {
    for (const [index, question] of quiz.questions.entries()) {
      const saved = await as(CANDIDATE, ANSWER, { quizId: quiz.id, questionId: question.id, answer: answerFor(question.id, rightFor(question.id)) });
      expect(saved.errors).toBeUndefined();
      expect(saved.data!.answerQuestionnaireQuestion).toMatchObject({ quizId: quiz.id, questionId: question.id, answeredCount: index + 1, deadlineAt: quiz.deadlineAt });
      responses.push(saved);
    }
    const invalid = await as(CANDIDATE, ANSWER, { quizId: quiz.id, questionId: quiz.questions[0].id, answer: { choiceIds: ['nope'], number: 3 } });
    expect(codeOf(invalid)).toBe('VALIDATION_FAILED');
    // The practice mutations do not reach an assessed questionnaire.
    expect(codeOf(await as(CANDIDATE, PRACTICE_ANSWER, { quizId: quiz.id, questionId: quiz.questions[0].id, answer: answerFor(quiz.questions[0].id, true) }))).toBe('NOT_FOUND');
    expect(codeOf(await as(CANDIDATE, PRACTICE_SUBMIT, { quizId: quiz.id }))).toBe('NOT_FOUND');
    const resumed = await as(CANDIDATE, QUESTIONNAIRE, { attemptId });
    responses.push(resumed);
    expect(resumed.data!.assessedQuestionnaire.answeredCount).toBe(6);
    expect(resumed.data!.assessedQuestionnaire.questions.every((q: any) => q.myAnswer)).toBe(true);
    token.candidate03 = await loginAs(server.graphqlUrl, 'candidate03@demo.certijury.fr');
    expect((await as('candidate03', QUESTIONNAIRE, { attemptId })).data!.assessedQuestionnaire).toBeNull();
    expect(codeOf(await as('candidate03', ANSWER, { quizId: quiz.id, questionId: quiz.questions[0].id, answer: { choiceIds: ['a'] } }))).toBe('NOT_FOUND');
    expect(codeOf(await as('candidate03', START, { attemptId }))).toBe('NOT_FOUND');
  });

  it('submits: graded on the server, with no correct answer in any response (results wait for publication)', async () => {
    const submitted = await as(CANDIDATE, SUBMIT, { quizId: quiz.id });
    expect(submitted.errors).toBeUndefined();
    responses.push(submitted);
    expect(submitted.data!.submitAssessedQuestionnaire).toMatchObject({ resultsPublished: false, results: null });
    expect(submitted.data!.submitAssessedQuestionnaire.submittedAt).not.toBeNull();
    for (const response of responses) assertNothingRevealed((response as { data: unknown }).data);
    const late = await as(CANDIDATE, ANSWER, { quizId: quiz.id, questionId: quiz.questions[0].id, answer: answerFor(quiz.questions[0].id, true) });
    expect(codeOf(late)).toBe('INVALID_STATE');
    // The admin sees the graded result on the scale (0..4): C2 4/4 right → 4, C3 0 → 0.
    const graded = (await as('admin', QUESTIONNAIRE, { attemptId })).data!.assessedQuestionnaire;
    expect(graded.results.competences.map((c: any) => [c.code, c.correct, c.total, c.score])).toEqual([
      ['C2', 3, 3, 4],
      ['C3', 0, 3, 0],
    ]);
  });
});

describe('one questionnaire per passage', () => {
  it('refuses a second start until an admin grants another, with a reason; audited and notified', async () => {
    const second = await as(CANDIDATE, START, { attemptId }, 'en');
    expect(codeOf(second)).toBe('QUESTIONNAIRE_ALREADY_TAKEN');
    expect(codeOf(await as(CANDIDATE, GRANT, { attemptId, reason: 'Coupure réseau pendant le questionnaire.' }))).toBe('FORBIDDEN');
    expect(codeOf(await as('juror4', GRANT, { attemptId, reason: 'Coupure réseau pendant le questionnaire.' }))).toBe('FORBIDDEN');
    const noReason = await as('admin', GRANT, { attemptId, reason: ' ' });
    expect(codeOf(noReason)).toBe('VALIDATION_FAILED');
    expect(codeOf(await as(CANDIDATE, START, { attemptId }))).toBe('QUESTIONNAIRE_ALREADY_TAKEN'); // nothing written

    const previous = (await as('admin', QUESTIONNAIRE, { attemptId })).data!.assessedQuestionnaire.id;
    const granted = await as('admin', GRANT, { attemptId, reason: 'Coupure réseau pendant le questionnaire.' });
    expect(granted.errors).toBeUndefined();
    const audit = (await as('admin', 'query ($id: ID!) { auditEntries(entityType: "Attempt", entityId: $id) { action } }', { id: attemptId })).data!.auditEntries;
    expect(audit.map((e: any) => e.action)).toContain('questionnaire.retryGranted');
    const notifications = (await as(CANDIDATE, '{ myNotifications(first: 20) { edges { node { template path } } } }')).data!.myNotifications.edges.map((e: any) => e.node);
    expect(notifications).toContainEqual({ template: 'QUESTIONNAIRE_RETRY_GRANTED', path: `/candidate/attempts/${attemptId}/questionnaire` });

    const retry = (await as(CANDIDATE, START, { attemptId })).data!.startAssessedQuestionnaire;
    expect(retry.id).not.toBe(previous);
    expect(retry.answeredCount).toBe(0);
    for (const question of retry.questions) {
      expect((await as(CANDIDATE, ANSWER, { quizId: retry.id, questionId: question.id, answer: answerFor(question.id, rightFor(question.id)) })).errors).toBeUndefined();
    }
    expect((await as(CANDIDATE, SUBMIT, { quizId: retry.id })).errors).toBeUndefined();
    expect(codeOf(await as(CANDIDATE, START, { attemptId }))).toBe('QUESTIONNAIRE_ALREADY_TAKEN');
  });
});

describe('the questionnaire in the decision', () => {
  it('shows the jury the graded scores, read-only, and a failing questionnaire competence fails ALL_COMPETENCES', async () => {
    const member = await room('juror5');
    expect(member.deliberation.competences.map((c: any) => [c.code, c.agreedValue, c.questionnaire?.score ?? null])).toEqual([
      ['C1', 3, null],
      ['C2', null, 4],
      ['C3', null, 0],
    ]);
    const decided = await as('juror4', DECIDE, { oralId, v: (await room()).version });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideOral.decision).toEqual({ outcome: 'NOT_CERTIFIED', ruleVersion: 'all-competences@2' });
    const details = (await room()).decision.details;
    const competences = details.blocks.flatMap((b: any) => b.competences);
    expect(competences.map((c: any) => [c.code, c.source, c.score, c.validated])).toEqual([
      ['C1', 'ORAL', 3, true],
      ['C2', 'QUESTIONNAIRE', 4, true],
      ['C3', 'QUESTIONNAIRE', 0, false],
    ]);
    expect(details.explanation.fr).toContain('C3');
  });

  it('under BY_BLOCK, leaves only the questionnaire block unvalidated', async () => {
    const reopened = await move(server.graphqlUrl, token.juror4, oralId, 'DELIBERATION', (await room()).version);
    const update = await as('admin', 'mutation ($id: ID!, $v: Int!) { updateCertification(id: $id, version: $v, input: { decisionRule: BY_BLOCK }) { decisionRule } }', {
      id: certification.id,
      v: certification.version,
    });
    expect(update.errors).toBeUndefined();
    const decided = await as('juror4', DECIDE, { oralId, v: reopened });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decideOral.decision).toEqual({ outcome: 'PARTIALLY_CERTIFIED', ruleVersion: 'by-block@2' });
    expect((await room()).decision.validatedBlockCodes).toEqual(['RS7070BC01']);
  });

  it('closes the questionnaire once decided: no start, no retry grant', async () => {
    expect(codeOf(await as('admin', GRANT, { attemptId, reason: 'Trop tard pour un nouvel essai.' }))).toBe('INVALID_STATE');
    expect(codeOf(await as(CANDIDATE, START, { attemptId }))).toBe('QUESTIONNAIRE_ALREADY_TAKEN');
  });
});

describe('CSV import of questions (admins)', () => {
  const IMPORT_CSV = `mutation ($fv: ID!, $csv: String!) { importQuizQuestionsCsv(frameworkVersionId: $fv, csv: $csv) { id kind prompt choices { id label } correctAnswer explanation competence { code } } }`;
  const COUNT = `query ($fv: ID!) { quizQuestions(frameworkVersionId: $fv) { id } }`;
  let frameworkId = '';
  beforeAll(async () => {
    frameworkId = (await as(CANDIDATE, '{ myAttempts { certification { code } framework { id } } }')).data!.myAttempts.find((a: any) => a.certification.code === 'RS7070').framework.id;
  });

  it('imports every kind from a `;` file, quoted fields spanning lines included', async () => {
    const csv = [
      'competenceCode;kind;prompt;choices;correct;explanation',
      'C2;SINGLE_CHOICE;Qui délivre la certification ?;a=Le certificateur|b=Le partenaire;a;Le certificateur.',
      'C2;MULTIPLE_CHOICE;"Quelles pièces, parmi :',
      'lesquelles, sont obligatoires ?";a=Convention|b=Programme|c=Photo;a|b;',
      'C3;TRUE_FALSE;Le CPF finance les certifications RS.;;true;Oui.',
      'C3;NUMERIC;Plafond du CPF en euros ?;;5000~0,5;',
    ].join('\n');
    const before = (await as('admin', COUNT, { fv: frameworkId })).data!.quizQuestions.length;
    const result = await as('admin', IMPORT_CSV, { fv: frameworkId, csv });
    expect(result.errors).toBeUndefined();
    expect(result.data!.importQuizQuestionsCsv.map((q: any) => [q.competence.code, q.kind, q.correctAnswer])).toEqual([
      ['C2', 'SINGLE_CHOICE', 'a'],
      ['C2', 'MULTIPLE_CHOICE', ['a', 'b']],
      ['C3', 'TRUE_FALSE', 'true'],
      ['C3', 'NUMERIC', { value: 5000, tolerance: 0.5 }],
    ]);
    expect(result.data!.importQuizQuestionsCsv[1].prompt).toBe('Quelles pièces, parmi :\nlesquelles, sont obligatoires ?');
    expect(result.data!.importQuizQuestionsCsv[0].choices).toEqual([{ id: 'a', label: 'Le certificateur' }, { id: 'b', label: 'Le partenaire' }]);
    expect((await as('admin', COUNT, { fv: frameworkId })).data!.quizQuestions.length).toBe(before + 4);
  });

  it('refuses the whole file with the line number of each problem, and writes nothing', async () => {
    const before = (await as('admin', COUNT, { fv: frameworkId })).data!.quizQuestions.length;
    const csv = [
      'competenceCode,kind,prompt,choices,correct,explanation',
      'C2,SINGLE_CHOICE,Bonne ligne ?,a=Oui|b=Non,a,',
      'C9,SINGLE_CHOICE,Compétence inconnue ?,a=Oui|b=Non,a,',
      'C3,NUMERIC,Nombre ?,,cinq,',
      'C3,SINGLE_CHOICE,Réponse absente des choix ?,a=Oui|b=Non,z,',
    ].join('\r\n');
    const result = await as('admin', IMPORT_CSV, { fv: frameworkId, csv }, 'en');
    expect(codeOf(result)).toBe('VALIDATION_FAILED');
    expect(result.errors![0].extensions!.fields.map((f: any) => f.path)).toEqual([
      ['line', 3, 'competenceCode'],
      ['line', 4, 'correct'],
      ['line', 5, 'correct'],
    ]);
    expect(result.errors![0].extensions!.fields[1].message).toMatch(/number is expected/);
    const header = await as('admin', IMPORT_CSV, { fv: frameworkId, csv: 'code;type\nC2;X' });
    expect(header.errors![0].extensions!.fields).toEqual([{ path: ['line', 1], message: expect.stringContaining('competenceCode;kind;prompt;choices;correct;explanation') }]);
    const broken = await as('admin', IMPORT_CSV, { fv: frameworkId, csv: 'competenceCode;kind;prompt;choices;correct\nC2;TRUE_FALSE;"non fermé;;true' });
    expect(codeOf(broken)).toBe('VALIDATION_FAILED');
    expect(codeOf(await as(CANDIDATE, IMPORT_CSV, { fv: frameworkId, csv: 'x' }))).toBe('FORBIDDEN');
    expect((await as('admin', COUNT, { fv: frameworkId })).data!.quizQuestions.length).toBe(before);
  });
});

describe('the server deadline (service functions with `now`, embedded database)', () => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let candidateViewer: Viewer;
  let adminViewer: Viewer;
  let attempt = '';
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
    await applyMigrations(db.raw, db.kind, resolve(import.meta.dirname, '../../prisma/migrations'));
    await seedDemoData(db.prisma);
    const candidate = await db.prisma.candidate.findFirstOrThrow({ where: { user: { email: 'candidate-qcm@demo.certijury.fr' } }, select: { id: true, userId: true, attempts: { select: { id: true } } } });
    const admin = await db.prisma.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
    candidateViewer = { kind: 'user', userId: candidate.userId!, sessionId: 'test', displayName: 'Inès BERTRAND', role: 'CANDIDATE', certifierId: admin.certifierId, partnerId: null, candidateId: candidate.id } as unknown as Viewer;
    adminViewer = { kind: 'user', userId: admin.id, sessionId: 'test', displayName: admin.displayName, role: 'ADMIN', certifierId: admin.certifierId, partnerId: null, candidateId: null } as unknown as Viewer;
    attempt = candidate.attempts[0].id;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('refuses a late answer with QUESTIONNAIRE_TIME_UP and grades the questionnaire as of its deadline', async () => {
    const prisma = db.prisma;
    const deps = { prisma, raw: db.raw };
    const quizId = await startAssessedQuestionnaire(deps, candidateViewer, attempt, new Date('2026-03-02T09:00:00Z'));
    const quiz = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: quizId } });
    expect(quiz.deadlineAt).toEqual(new Date('2026-03-02T09:20:00Z'));
    const [first, second] = quiz.questionIds;
    const answer = async (questionId: string, at: Date) => {
      const q = await prisma.quizQuestion.findUniqueOrThrow({ where: { id: questionId } });
      const correct = q.correctAnswer as any;
      const given = q.kind === 'NUMERIC' ? { number: correct.value } : { choiceIds: Array.isArray(correct) ? correct : [correct] };
      return answerQuizQuestion(deps, candidateViewer, quizId, questionId, given, at);
    };
    await answer(first, new Date('2026-03-02T09:20:00Z')); // the deadline instant still counts
    const late = await answer(second, new Date('2026-03-02T09:20:01Z')).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(AppError);
    expect((late as AppError).code).toBe('QUESTIONNAIRE_TIME_UP');
    const graded = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: quizId }, include: { answers: true } });
    expect(graded.submittedAt).toEqual(quiz.deadlineAt);
    expect(graded.answers.map((a) => [a.questionId, a.correct])).toEqual([[first, true]]);
    const scores = await prisma.$transaction((tx) => questionnaireScores(tx, attempt));
    expect([...scores.values()].reduce((sum, s) => sum + s.correct, 0)).toBe(1);
    expect((await prisma.auditEntry.findMany({ where: { entityId: quizId } })).map((e) => e.action).sort()).toEqual(['questionnaire.started', 'questionnaire.timeUp']);
  });

  it('grades an expired questionnaire on the next read, without any answer after the deadline', async () => {
    const prisma = db.prisma;
    const deps = { prisma, pubsub: { publish: () => {} } as never };
    await grantQuestionnaireRetry(deps, adminViewer, attempt, 'Incident technique signalé par le centre.', new Date('2026-03-02T09:30:00Z'));
    await startAssessedQuestionnaire(deps, candidateViewer, attempt, new Date('2026-03-02T10:00:00Z'));
    const before = await loadAssessedQuestionnaire(prisma, candidateViewer, attempt, new Date('2026-03-02T10:10:00Z'));
    expect(before).toMatchObject({ submittedAt: null, timeUp: false, answeredCount: 0 });
    const after = await loadAssessedQuestionnaire(prisma, candidateViewer, attempt, new Date('2026-03-02T11:00:00Z'));
    expect(after!.submittedAt).toEqual(new Date('2026-03-02T10:20:00Z'));
    expect(after!.results).toBeNull(); // the candidate sees results once published
    const scores = await prisma.$transaction((tx) => questionnaireScores(tx, attempt));
    expect([...scores.values()].map((s) => [s.code, s.score])).toEqual([
      ['C2', 0],
      ['C3', 0],
    ]);
    await expect(startAssessedQuestionnaire(deps, candidateViewer, attempt, new Date('2026-03-02T11:01:00Z'))).rejects.toMatchObject({ code: 'QUESTIONNAIRE_ALREADY_TAKEN' });
  });
});
