// The question bank and the practice quiz through the API of real servers: admin creation, validation that
// writes nothing, all-or-nothing import with row paths, retirement; start → autosave → resume → submit with
// per-competence scores; no correct answer or explanation before submission through any field; a second quiz
// in another order; other candidates see nothing; and practice never counting in a jury decision (the same
// oral decided on two servers, one where the candidate failed practice quizzes, one without any).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { AGREE, ROOM, SCORE, DECIDE, move, todaysOral } from '../support/oral.ts';

let server: TestServer;
let control: TestServer; // a second server where nobody practises
const token: Record<string, string> = {};
const controlToken: Record<string, string> = {};
let frameworkId = '';
let competences: { id: string; code: string }[] = [];
let c03Attempt = '';
let c04Attempt = '';

const as = (who: string, query: string, variables?: Record<string, unknown>, locale?: string) => gql(server.graphqlUrl, query, variables, { token: token[who], locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const QUESTION_FIELDS = 'id kind prompt choices { id label } correctAnswer explanation retiredAt competence { code }';
const BANK = `query ($fv: ID!, $all: Boolean) { quizQuestions(frameworkVersionId: $fv, includeRetired: $all) { ${QUESTION_FIELDS} } }`;
const CREATE = `mutation ($input: CreateQuizQuestionInput!) { createQuizQuestion(input: $input) { ${QUESTION_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateQuizQuestionInput!) { updateQuizQuestion(id: $id, input: $input) { ${QUESTION_FIELDS} } }`;
const RETIRE = `mutation ($id: ID!) { retireQuizQuestion(id: $id) { id retiredAt } }`;
const IMPORT = `mutation ($fv: ID!, $json: String!) { importQuizQuestions(frameworkVersionId: $fv, json: $json) { ${QUESTION_FIELDS} } }`;

// Every field a candidate can reach on a quiz.
const QUIZ_FIELDS = `id attemptId certificationCode certificationTitle startedAt submittedAt questionCount answeredCount
  questions { id position kind prompt choices { id label } competence { id code title } myAnswer { choiceIds number } review { correct correctAnswer { choiceIds number } explanation } }
  results { correct total percent competences { competenceId code title correct total percent revise } }
  revisionSuggestions { competenceId code title correct total percent revise }`;
const START = `mutation ($attemptId: ID!, $n: Int) { startPracticeQuiz(attemptId: $attemptId, questionCount: $n) { ${QUIZ_FIELDS} } }`;
const QUIZ = `query ($id: ID!) { practiceQuiz(id: $id) { ${QUIZ_FIELDS} } }`;
const MINE = `query ($attemptId: ID) { myPracticeQuizzes(attemptId: $attemptId) { ${QUIZ_FIELDS} } }`;
const ANSWER = `mutation ($quizId: ID!, $questionId: ID!, $answer: QuizAnswerInput!) { answerQuizQuestion(quizId: $quizId, questionId: $questionId, answer: $answer) { ${QUIZ_FIELDS} } }`;
const SUBMIT = `mutation ($quizId: ID!) { submitPracticeQuiz(quizId: $quizId) { ${QUIZ_FIELDS} } }`;
const PROGRESS = `query ($attemptId: ID!) { practiceProgress(attemptId: $attemptId) { competenceId code title latestPercent bestPercent trend points { quizId percent correct total } } }`;
const MY_ATTEMPTS = `{ myAttempts { id certification { code } framework { id blocks { competences { id code } } } } }`;

type Quiz = { id: string; questions: { id: string; kind: string; choices: { id: string }[]; competence: { code: string }; myAnswer: any; review: any }[]; [key: string]: any };

/** The right (or a wrong) answer to a question, known to the test from the bank (admin view). */
let bank: Map<string, { kind: string; correctAnswer: any; choices: { id: string }[] }>;
function answerFor(questionId: string, right: boolean) {
  const q = bank.get(questionId)!;
  if (q.kind === 'NUMERIC') return { number: right ? q.correctAnswer.value : q.correctAnswer.value + 1000 };
  const correct: string[] = Array.isArray(q.correctAnswer) ? q.correctAnswer : [q.correctAnswer];
  if (right) return { choiceIds: correct };
  return { choiceIds: [q.choices.find((c) => !correct.includes(c.id))!.id] };
}
async function loadBank() {
  const result = await as('admin', BANK, { fv: frameworkId, all: true });
  bank = new Map(result.data!.quizQuestions.map((q: any) => [q.id, q]));
}

beforeAll(async () => {
  [server, control] = await Promise.all([startIsolatedServer(), startIsolatedServer()]);
  await Promise.all(
    ['admin', 'candidate03', 'candidate04', 'candidate13', 'partner-a', 'juror1', 'juror2', 'juror3'].flatMap((who) => [
      loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`).then((t) => (token[who] = t)),
      loginAs(control.graphqlUrl, `${who}@demo.certijury.fr`).then((t) => (controlToken[who] = t)),
    ]),
  );
  const attempts = (await as('candidate03', MY_ATTEMPTS)).data!.myAttempts;
  const rs = attempts.find((a: any) => a.certification.code === 'RS5302');
  c03Attempt = rs.id;
  frameworkId = rs.framework.id;
  competences = rs.framework.blocks.flatMap((b: any) => b.competences);
  c04Attempt = (await as('candidate04', MY_ATTEMPTS)).data!.myAttempts[0].id;
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), control?.stop()]);
});

describe('question bank (admins)', () => {
  let created = '';
  it('creates a question of each kind', async () => {
    const c = (code: string) => competences.find((x) => x.code === code)!.id;
    const inputs = [
      { competenceId: c('C2'), kind: 'MULTIPLE_CHOICE', prompt: 'Quelles familles de certifications existent ?', choices: [{ id: 'a', label: 'RNCP' }, { id: 'b', label: 'RS' }, { id: 'c', label: 'ISO' }], correctChoiceIds: ['a', 'b'], explanation: 'RNCP et RS.' },
      { competenceId: c('C12'), kind: 'NUMERIC', prompt: 'Combien de jours pour accuser réception du dossier ?', correctNumber: 5, explanation: 'Cinq jours.' },
      { competenceId: c('C14'), kind: 'TRUE_FALSE', prompt: 'Un juré peut être le formateur du candidat.', correctChoiceIds: ['false'], explanation: 'Jamais.' },
    ];
    for (const input of inputs) {
      const result = await as('admin', CREATE, { input: { frameworkVersionId: frameworkId, ...input } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.createQuizQuestion).toMatchObject({ kind: input.kind, explanation: input.explanation, retiredAt: null });
      created = result.data!.createQuizQuestion.id;
    }
    expect((await as('admin', BANK, { fv: frameworkId })).data!.quizQuestions).toHaveLength(10); // 7 demo + 3
    const tf = (await as('admin', BANK, { fv: frameworkId })).data!.quizQuestions.find((q: any) => q.id === created);
    expect(tf).toMatchObject({ correctAnswer: 'false', choices: [{ id: 'true' }, { id: 'false' }] });
  });

  it('refuses an invalid question with translated field errors, and writes nothing', async () => {
    const before = (await as('admin', BANK, { fv: frameworkId, all: true })).data!.quizQuestions.length;
    const input = { frameworkVersionId: frameworkId, competenceId: competences[0].id, kind: 'SINGLE_CHOICE', prompt: 'Q ?', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], correctChoiceIds: ['z'] };
    const fr = await as('admin', CREATE, { input });
    expect(codeOf(fr)).toBe('VALIDATION_FAILED');
    expect(fr.errors![0].extensions!.fields.map((f: any) => f.path)).toEqual([['correct']]);
    expect(fr.errors![0].message).toContain('identifiant');
    const en = await as('admin', CREATE, { input: { ...input, competenceId: 'nope' } }, 'en');
    expect(en.errors![0].extensions!.fields.map((f: any) => f.path)).toEqual([['competenceId'], ['correct']]);
    expect(en.errors![0].message).toContain('Unknown competence');
    expect(codeOf(await as('candidate03', CREATE, { input }))).toBe('FORBIDDEN');
    expect((await as('admin', BANK, { fv: frameworkId, all: true })).data!.quizQuestions.length).toBe(before);
  });

  it('imports all or nothing, with ["questions", index, field] paths', async () => {
    const before = (await as('admin', BANK, { fv: frameworkId, all: true })).data!.quizQuestions.length;
    const good = { competenceCode: 'C1', kind: 'SINGLE_CHOICE', prompt: 'Qui accuse réception du dossier projet ?', choices: [{ id: 'a', label: 'Le certificateur' }, { id: 'b', label: 'Le partenaire' }], correct: 'a', explanation: 'Le certificateur, sous 5 jours.' };
    const bad = await as('admin', IMPORT, {
      fv: frameworkId,
      json: JSON.stringify([good, { ...good, competenceCode: 'C99' }, { ...good, kind: 'NUMERIC', correct: 'five' }, good]),
    });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.errors![0].extensions!.fields.map((f: any) => f.path)).toEqual([['questions', 1, 'competenceCode'], ['questions', 2, 'correct']]);
    expect(codeOf(await as('admin', IMPORT, { fv: frameworkId, json: '[{"kind":' }))).toBe('VALIDATION_FAILED');
    expect((await as('admin', BANK, { fv: frameworkId, all: true })).data!.quizQuestions.length).toBe(before);

    const ok = await as('admin', IMPORT, {
      fv: frameworkId,
      json: JSON.stringify([good, { competenceCode: 'C12', kind: 'NUMERIC', prompt: 'Délai de publication du résultat (jours) ?', correct: { value: 10, tolerance: 0 }, explanation: 'Dix jours.' }]),
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.importQuizQuestions.map((q: any) => [q.competence.code, q.kind])).toEqual([['C1', 'SINGLE_CHOICE'], ['C12', 'NUMERIC']]);
    expect((await as('admin', BANK, { fv: frameworkId, all: true })).data!.quizQuestions.length).toBe(before + 2);
  });

  it('edits and retires a question: retired questions are never drawn', async () => {
    const imported = (await as('admin', BANK, { fv: frameworkId })).data!.quizQuestions.find((q: any) => q.prompt.startsWith('Qui accuse'));
    const edited = await as('admin', UPDATE, {
      id: imported.id,
      input: { competenceId: competences.find((c) => c.code === 'C1')!.id, kind: 'SINGLE_CHOICE', prompt: 'Qui accuse réception du dossier projet, et sous quel délai ?', choices: [{ id: 'a', label: 'Le certificateur, 5 jours' }, { id: 'b', label: 'Le partenaire, 30 jours' }], correctChoiceIds: ['a'], explanation: 'Le certificateur, sous 5 jours.' },
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateQuizQuestion.prompt).toContain('sous quel délai');
    const retired = await as('admin', RETIRE, { id: imported.id });
    expect(retired.data!.retireQuizQuestion.retiredAt).toBeTruthy();
    expect((await as('admin', BANK, { fv: frameworkId })).data!.quizQuestions.map((q: any) => q.id)).not.toContain(imported.id);
    await loadBank();
    // Draw everything the bank holds: the retired question is not among them.
    const quiz = (await as('candidate13', START, { attemptId: (await as('candidate13', MY_ATTEMPTS)).data!.myAttempts[0].id, n: 50 })).data!.startPracticeQuiz;
    expect(quiz.questions.map((q: any) => q.id)).not.toContain(imported.id);
    expect(quiz.questionCount).toBe([...bank.values()].filter((q: any) => !q.retiredAt).length);
  });
});

describe('practice quiz (candidates)', () => {
  let quiz: Quiz;
  let firstOrder: string[] = [];

  it('draws N questions balanced across competences, hiding answers and explanations', async () => {
    const result = await as('candidate03', START, { attemptId: c03Attempt, n: 8 });
    expect(result.errors).toBeUndefined();
    quiz = result.data!.startPracticeQuiz;
    expect(quiz).toMatchObject({ questionCount: 8, answeredCount: 0, submittedAt: null, results: null, revisionSuggestions: [], certificationCode: 'RS5302' });
    const counts = Object.values(quiz.questions.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.competence.code]: (acc[q.competence.code] ?? 0) + 1 }), {}));
    expect(counts.length).toBe(4); // C1, C2, C12, C14: every competence with questions
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(quiz.questions.every((q) => q.review === null && q.myAnswer === null)).toBe(true);
    firstOrder = quiz.questions.map((q) => q.id);
  });

  it('saves answers as they go, idempotently, and validates them', async () => {
    const [q0, q1, q2] = quiz.questions;
    const first = await as('candidate03', ANSWER, { quizId: quiz.id, questionId: q0.id, answer: answerFor(q0.id, false) });
    expect(first.errors).toBeUndefined();
    const again = await as('candidate03', ANSWER, { quizId: quiz.id, questionId: q0.id, answer: answerFor(q0.id, true) });
    expect(again.data!.answerQuizQuestion.answeredCount).toBe(1); // one row per question, replaced
    await as('candidate03', ANSWER, { quizId: quiz.id, questionId: q0.id, answer: answerFor(q0.id, true) });
    await as('candidate03', ANSWER, { quizId: quiz.id, questionId: q1.id, answer: answerFor(q1.id, true) });
    const wrongShape = await as('candidate03', ANSWER, { quizId: quiz.id, questionId: q2.id, answer: q2.kind === 'NUMERIC' ? { choiceIds: ['a'] } : { choiceIds: ['nope'] } });
    expect(codeOf(wrongShape)).toBe('VALIDATION_FAILED');
    const notInQuiz = [...bank.keys()].find((id) => !firstOrder.includes(id))!;
    expect(codeOf(await as('candidate03', ANSWER, { quizId: quiz.id, questionId: notInQuiz, answer: answerFor(notInQuiz, true) }))).toBe('VALIDATION_FAILED');
    // Graded answers are not revealed by the autosave either.
    expect(again.data!.answerQuizQuestion.questions.every((q: any) => q.review === null)).toBe(true);
  });

  it('resumes the same quiz after a reload: same questions, same order, saved answers', async () => {
    const resumed = (await as('candidate03', START, { attemptId: c03Attempt, n: 3 })).data!.startPracticeQuiz;
    expect(resumed.id).toBe(quiz.id);
    expect(resumed.questions.map((q: any) => q.id)).toEqual(firstOrder);
    expect(resumed.answeredCount).toBe(2);
    expect(resumed.questions[0].myAnswer).toEqual({ number: null, choiceIds: null, ...answerFor(firstOrder[0], true) });
    const reloaded = (await as('candidate03', QUIZ, { id: quiz.id })).data!.practiceQuiz;
    expect(reloaded.questions.map((q: any) => q.id)).toEqual(firstOrder);
  });

  it('never sends a correct answer or an explanation before submission, through any field', async () => {
    const secrets = [...bank.values()].flatMap((q: any) => [q.explanation]).filter(Boolean) as string[];
    const bodies = [
      await as('candidate03', QUIZ, { id: quiz.id }),
      await as('candidate03', MINE, {}),
      await as('candidate03', MINE, { attemptId: c03Attempt }),
      await as('candidate03', START, { attemptId: c03Attempt }),
      await as('candidate03', PROGRESS, { attemptId: c03Attempt }),
    ].map((r) => JSON.stringify(r));
    for (const body of bodies) {
      for (const secret of secrets) expect(body).not.toContain(secret);
      expect(body).not.toMatch(/"correct(Answer)?":/);
      expect(body).not.toContain('"review":{');
    }
    // The bank itself is for admins only, and its answers too.
    for (const who of ['candidate03', 'partner-a', 'juror1']) {
      expect(codeOf(await as(who, BANK, { fv: frameworkId }))).toBe('FORBIDDEN');
    }
    // No other type lets a candidate reach a QuizQuestion: the schema only exposes it through admin fields.
    const schema = readFileSync(resolve(import.meta.dirname, '../../schema.graphql'), 'utf8');
    const reaching = [...schema.matchAll(/^\s+(\w+)(\([^)]*\))?: \[?QuizQuestion!?\]?!?$/gm)].map((m) => m[1]).sort();
    expect(reaching).toEqual(['createQuizQuestion', 'importQuizQuestions', 'importQuizQuestionsCsv', 'quizQuestions', 'retireQuizQuestion', 'updateQuizQuestion']);
  });

  it('grades on submission: per-competence scores, explanations and what to revise', async () => {
    // Answer the rest wrong: q0 and q1 right, the 6 others wrong.
    for (const id of firstOrder.slice(2)) await as('candidate03', ANSWER, { quizId: quiz.id, questionId: id, answer: answerFor(id, false) });
    const submitted = await as('candidate03', SUBMIT, { quizId: quiz.id });
    expect(submitted.errors).toBeUndefined();
    const done = submitted.data!.submitPracticeQuiz;
    expect(done.submittedAt).toBeTruthy();
    expect(done.results).toMatchObject({ correct: 2, total: 8, percent: 25 });
    const expected = new Map<string, { correct: number; total: number }>();
    done.questions.forEach((q: any, index: number) => {
      const entry = expected.get(q.competence.code) ?? { correct: 0, total: 0 };
      entry.total += 1;
      if (index < 2) entry.correct += 1;
      expected.set(q.competence.code, entry);
      expect(q.review).toMatchObject({ correct: index < 2, explanation: bank.get(q.id)!.explanation ?? null });
      expect(q.review.correctAnswer).toMatchObject(answerFor(q.id, true));
    });
    for (const score of done.results.competences) {
      const { correct, total } = expected.get(score.code)!;
      expect(score).toMatchObject({ correct, total, percent: Math.round((100 * correct) / total), revise: (100 * correct) / total < 60 });
    }
    expect(done.revisionSuggestions.map((s: any) => s.code).sort()).toEqual(done.results.competences.filter((s: any) => s.revise).map((s: any) => s.code).sort());
    expect(done.revisionSuggestions.length).toBeGreaterThan(0);
    // Submitted: answers are frozen, submitting again changes nothing.
    expect(codeOf(await as('candidate03', ANSWER, { quizId: quiz.id, questionId: firstOrder[0], answer: answerFor(firstOrder[0], false) }))).toBe('INVALID_STATE');
    const twice = (await as('candidate03', SUBMIT, { quizId: quiz.id })).data!.submitPracticeQuiz;
    expect(twice.results).toEqual(done.results);
    expect(twice.submittedAt).toBe(done.submittedAt);
  });

  it('starts a new quiz in another order afterwards, and shows progress per competence over attempts', async () => {
    const second = (await as('candidate03', START, { attemptId: c03Attempt, n: 8 })).data!.startPracticeQuiz;
    expect(second.id).not.toBe(quiz.id);
    expect(second.questions.map((q: any) => q.id)).not.toEqual(firstOrder);
    for (const q of second.questions) await as('candidate03', ANSWER, { quizId: second.id, questionId: q.id, answer: answerFor(q.id, true) });
    const done = (await as('candidate03', SUBMIT, { quizId: second.id })).data!.submitPracticeQuiz;
    expect(done.results).toMatchObject({ correct: 8, total: 8, percent: 100 });
    expect(done.revisionSuggestions).toEqual([]);
    const progress = (await as('candidate03', PROGRESS, { attemptId: c03Attempt })).data!.practiceProgress;
    expect(progress.length).toBe(4);
    for (const competence of progress) {
      expect(competence.latestPercent).toBe(100);
      expect(competence.points.at(-1).quizId).toBe(second.id);
    }
    expect(progress.some((c: any) => c.points.length === 2 && c.trend > 0)).toBe(true);
    const history = (await as('candidate03', MINE, { attemptId: c03Attempt })).data!.myPracticeQuizzes;
    expect(history.map((q: any) => q.id)).toEqual([second.id, quiz.id]); // latest first, history kept
  });

  it('keeps each candidate to their own quizzes and attempts', async () => {
    expect((await as('candidate13', QUIZ, { id: quiz.id })).data!.practiceQuiz).toBeNull();
    expect((await as('candidate13', MINE, {})).data!.myPracticeQuizzes.map((q: any) => q.id)).not.toContain(quiz.id);
    expect((await as('candidate13', PROGRESS, { attemptId: c03Attempt })).data!.practiceProgress).toEqual([]);
    expect(codeOf(await as('candidate13', START, { attemptId: c03Attempt }))).toBe('NOT_FOUND');
    expect(codeOf(await as('candidate13', ANSWER, { quizId: quiz.id, questionId: firstOrder[0], answer: answerFor(firstOrder[0], true) }))).toBe('NOT_FOUND');
    expect(codeOf(await as('candidate13', SUBMIT, { quizId: quiz.id }))).toBe('NOT_FOUND');
    expect(codeOf(await as('juror1', QUIZ, { id: quiz.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('partner-a', QUIZ, { id: quiz.id }))).toBe('FORBIDDEN');
    expect((await as('admin', QUIZ, { id: quiz.id })).data!.practiceQuiz.id).toBe(quiz.id);
  });
});

describe('practice never counts', () => {
  /** Drives today's demo oral (candidate04) to a decision with the same scores; returns what the jury decided. */
  async function decide(url: string, tokens: Record<string, string>) {
    const { oralId, criteria, competences: comps } = await todaysOral(url, tokens.juror1);
    const room = async () => (await gql(url, ROOM, { id: oralId }, { token: tokens.juror1 })).data!.oral;
    let version = (await room()).version;
    version = await move(url, tokens.juror1, oralId, 'IDENTITY_CHECKED', version);
    version = await move(url, tokens.juror1, oralId, 'PRESENTATION', version);
    await Promise.all(
      ['juror1', 'juror2', 'juror3'].map(async (who) => {
        for (const criterion of criteria) {
          const result = await gql(url, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } }, { token: tokens[who] });
          if (result.errors) throw new Error(JSON.stringify(result.errors));
        }
      }),
    );
    version = (await room()).version;
    version = await move(url, tokens.juror1, oralId, 'QUESTIONS', version);
    version = await move(url, tokens.juror1, oralId, 'DELIBERATION', version);
    for (const competence of comps) {
      const result = await gql(url, AGREE, { input: { oralId, competenceId: competence.id, value: 3, expectedVersion: version } }, { token: tokens.juror1 });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      version = result.data!.setAgreedScore.version;
    }
    const decided = await gql(url, DECIDE, { oralId, v: version }, { token: tokens.juror1 });
    if (decided.errors) throw new Error(JSON.stringify(decided.errors));
    const view = await room();
    return {
      decision: view.decision,
      competences: view.deliberation.competences.map((c: any) => ({ code: c.code, aggregate: c.aggregate, agreedValue: c.agreedValue, flagged: c.flagged })),
      attempt: (await gql(url, '{ myAttempts { id state } }', {}, { token: tokens.candidate04 })).data!.myAttempts,
    };
  }

  it('decides the same oral identically whether or not the candidate failed practice quizzes', async () => {
    // On `server`, candidate04 takes two practice quizzes answering everything wrong, and leaves a third open.
    for (let i = 0; i < 2; i++) {
      const practice = (await as('candidate04', START, { attemptId: c04Attempt, n: 10 })).data!.startPracticeQuiz;
      for (const q of practice.questions) await as('candidate04', ANSWER, { quizId: practice.id, questionId: q.id, answer: answerFor(q.id, false) });
      const done = (await as('candidate04', SUBMIT, { quizId: practice.id })).data!.submitPracticeQuiz;
      expect(done.results.percent).toBe(0);
    }
    await as('candidate04', START, { attemptId: c04Attempt, n: 5 });
    const progress = (await as('candidate04', PROGRESS, { attemptId: c04Attempt })).data!.practiceProgress;
    expect(progress.every((c: any) => c.latestPercent === 0)).toBe(true);

    const [withPractice, withoutPractice] = await Promise.all([decide(server.graphqlUrl, token), decide(control.graphqlUrl, controlToken)]);
    expect(withPractice.decision).toMatchObject({ outcome: 'CERTIFIED' });
    expect(withPractice).toEqual(withoutPractice);
  }, 120_000);

  it('the scoring and decision code never reads practice data', () => {
    // Scoring reads quiz data only through the assessed questionnaire's scores (test/api/questionnaire.test.ts).
    const root = resolve(import.meta.dirname, '../../server/src/modules/scoring');
    for (const file of readdirSync(root).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(resolve(root, file), 'utf8');
      expect(source, file).not.toMatch(/quizAttempt|quizAnswer|QuizAttempt|QuizAnswer/);
      for (const [, names] of source.matchAll(/import \{([^}]*)\} from '\.\.\/quiz\//g)) {
        for (const name of names.split(',').map((n) => n.replace(/\btype\b/, '').trim()).filter(Boolean)) expect(['questionnaireScores', 'QuestionnaireScore', 'QuestionnaireScoreRef'], file).toContain(name);
      }
    }
    const service = readFileSync(resolve(import.meta.dirname, '../../server/src/modules/quiz/quiz.service.ts'), 'utf8');
    const scores = service.slice(service.indexOf('export async function questionnaireScores'), service.indexOf('export const RETRY_REASON'));
    expect(scores).toContain("purpose: 'ASSESSED'");
    expect(scores).not.toContain('PRACTICE');
  });
});
