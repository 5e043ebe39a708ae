// quiz-answers: 1,000 candidates taking the assessed questionnaire at once on one server process (embedded
// PGlite by default; PostgreSQL when DATABASE_URL is set), each saving one answer every 5 s
// (`answerQuestionnaireQuestion` over HTTP, keep-alive). Measures each save's latency (request to response)
// after a warm-up. Baseline: a bare INSERT of the same answer rows into QuizAnswer, with the same pacing, on a
// fresh embedded database in the same run. Shorten with BENCH_QUIZ_SECONDS / BENCH_QUIZ_CANDIDATES.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { openDatabase } from '../../server/src/db/database.ts';
import { applyMigrations } from '../../server/src/db/migrations.ts';
import { hashPassword } from '../../server/src/auth/password.ts';
import { freshPostgresDatabase, startServer } from '../support/server.ts';
import { benchLine, summarize } from './stats.ts';

const CANDIDATES = Number(process.env.BENCH_QUIZ_CANDIDATES ?? 1000);
const DURATION_MS = Number(process.env.BENCH_QUIZ_SECONDS ?? 60) * 1000;
const WARMUP_MS = Number(process.env.BENCH_QUIZ_WARMUP_SECONDS ?? 5) * 1000;
const INTERVAL_MS = 5000;
const QUESTIONS = 20;
const root = resolve(import.meta.dirname, '../..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The same question ids in both databases, so that the baseline inserts exactly the rows the server saved. */
const QUESTION_IDS = Array.from({ length: QUESTIONS }, () => randomUUID());

interface Candidate {
  token: string;
  attemptId: string;
  quizId: string;
  questionIds: string[];
}

/** One certification with an assessed questionnaire (one QUESTIONNAIRE competence, 20 questions) and N candidates with sessions. */
async function prepareData(config: { dataDir: string; databaseUrl?: string }) {
  const db = await openDatabase(config);
  await applyMigrations(db.raw, db.kind, resolve(root, 'prisma/migrations'));
  const p = db.prisma;
  const passwordHash = await hashPassword(randomUUID());
  const certifier = await p.certifier.create({ data: { name: 'Bench', siret: '00000000000000' } });
  const partner = await p.partner.create({ data: { certifierId: certifier.id, name: 'Bench OF', siret: '00000000000001' } });
  const certification = await p.certification.create({
    data: { certifierId: certifier.id, registry: 'RS', code: 'RS9998', title: 'Bench', decisionRule: 'ALL_COMPETENCES', assessedQuestionnaire: true, questionnaireMinutes: 600, questionnaireQuestions: QUESTIONS },
  });
  const framework = await p.frameworkVersion.create({ data: { certificationId: certification.id, version: 1, status: 'PUBLISHED' } });
  const block = await p.block.create({ data: { frameworkVersionId: framework.id, code: 'RS9998BC01', title: 'Bloc', position: 1 } });
  const competence = await p.competence.create({ data: { frameworkVersionId: framework.id, blockId: block.id, code: 'C1', title: 'C1', position: 1, minimumScore: 2, modality: 'QUESTIONNAIRE' } });
  await p.quizQuestion.createMany({
    data: QUESTION_IDS.map((id, i) => ({
      id,
      frameworkVersionId: framework.id,
      competenceId: competence.id,
      kind: 'SINGLE_CHOICE' as const,
      prompt: `Question ${i + 1}`,
      choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }],
      correctAnswer: 'a',
    })),
  });
  const candidates: { token: string; attemptId: string; candidateId: string }[] = [];
  const users = [];
  const sessions = [];
  const people = [];
  const attempts = [];
  for (let i = 0; i < CANDIDATES; i++) {
    const userId = randomUUID();
    const candidateId = randomUUID();
    const attemptId = randomUUID();
    const token = `cjs_bench_${randomUUID()}`;
    users.push({ id: userId, certifierId: certifier.id, email: `bench-candidate-${i}@example.fr`, passwordHash, role: 'CANDIDATE' as const, displayName: `Candidat ${i}` });
    sessions.push({ userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) });
    people.push({ id: candidateId, partnerId: partner.id, userId, fileNumber: `Q-${i}`, email: `q${i}@example.fr`, birthName: 'Banc', firstName: 'Essai' });
    attempts.push({ id: attemptId, candidateId, certificationId: certification.id, frameworkVersionId: framework.id, state: 'SCHEDULED' as const });
    candidates.push({ token, attemptId, candidateId });
  }
  await p.user.createMany({ data: users });
  await p.session.createMany({ data: sessions });
  await p.candidate.createMany({ data: people });
  await p.attempt.createMany({ data: attempts });
  return { db, candidates };
}

/** Paces every candidate: one save every INTERVAL_MS, staggered; records latencies only after the warm-up. */
async function drive<T>(people: T[], save: (person: T, n: number) => Promise<boolean>) {
  const start = Date.now();
  const measureFrom = start + WARMUP_MS;
  const stopAt = measureFrom + DURATION_MS;
  const latencies: number[] = [];
  let failed = 0;
  await Promise.all(
    people.map(async (person, index) => {
      await new Promise((r) => setTimeout(r, (index * INTERVAL_MS) / people.length));
      for (let n = 0; Date.now() < stopAt; n++) {
        const next = Date.now() + INTERVAL_MS;
        const started = performance.now();
        const ok = await save(person, n);
        if (Date.now() >= measureFrom) latencies.push(performance.now() - started);
        if (!ok) failed += 1;
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    }),
  );
  return { latencies, failed };
}

async function runCertijury() {
  const dataDir = mkdtempSync(join(tmpdir(), 'certijury-bench-quiz-'));
  const database = await freshPostgresDatabase();
  try {
    const prepared = await prepareData({ dataDir, databaseUrl: database?.url });
    await prepared.db.close();
    const server = await startServer({ databaseUrl: database?.url, env: { DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'error' } });
    const agent = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
    const post = async (token: string, query: string, variables: Record<string, unknown>) => {
      const response = await undiciFetch(server.graphqlUrl, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      }).catch(() => null);
      return response ? ((await response.json()) as { data?: any; errors?: unknown }) : { errors: ['network'] };
    };
    try {
      // Every candidate starts the questionnaire (20 at a time), before the clock of the measurement starts.
      const candidates: Candidate[] = [];
      for (let i = 0; i < prepared.candidates.length; i += 20) {
        const wave = await Promise.all(
          prepared.candidates.slice(i, i + 20).map(async (c) => {
            const body = await post(c.token, 'mutation ($a: ID!) { startAssessedQuestionnaire(attemptId: $a) { id questions { id } } }', { a: c.attemptId });
            if (body.errors) throw new Error(`start failed: ${JSON.stringify(body.errors)}`);
            const quiz = body.data.startAssessedQuestionnaire;
            return { token: c.token, attemptId: c.attemptId, quizId: quiz.id, questionIds: quiz.questions.map((q: { id: string }) => q.id) };
          }),
        );
        candidates.push(...wave);
      }
      const mutation = 'mutation ($q: ID!, $k: ID!, $a: QuizAnswerInput!) { answerQuestionnaireQuestion(quizId: $q, questionId: $k, answer: $a) { answeredCount } }';
      const result = await drive(candidates, async (c, n) => {
        const body = await post(c.token, mutation, { q: c.quizId, k: c.questionIds[n % c.questionIds.length], a: { choiceIds: [n % 2 ? 'a' : 'b'] } });
        return !body.errors;
      });
      return { ...result, candidates };
    } finally {
      await agent.close();
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

/** The same rows (one per candidate and question, same pacing) as bare INSERTs on a fresh embedded database. */
async function runBaseline(candidates: Candidate[]) {
  const prepared = await prepareData({ dataDir: 'memory://', databaseUrl: undefined });
  const { db } = prepared;
  try {
    const quizzes = prepared.candidates.map((c, i) => ({ id: randomUUID(), candidateId: c.candidateId, attemptId: c.attemptId, purpose: 'ASSESSED' as const, questionIds: candidates[i]?.questionIds ?? QUESTION_IDS }));
    await db.prisma.quizAttempt.createMany({ data: quizzes });
    return await drive(quizzes, async (quiz, n) => {
      const questionId = quiz.questionIds[n % quiz.questionIds.length];
      await db.raw.query(
        `INSERT INTO "QuizAnswer" ("id", "quizAttemptId", "questionId", "answer", "answeredAt") VALUES ($1, $2, $3, $4::jsonb, now())
         ON CONFLICT ("quizAttemptId", "questionId") DO UPDATE SET "answer" = EXCLUDED."answer", "answeredAt" = EXCLUDED."answeredAt"`,
        [randomUUID(), quiz.id, questionId, JSON.stringify({ choiceIds: [n % 2 ? 'a' : 'b'] })],
      );
      return true;
    });
  } finally {
    await db.close();
  }
}

export async function quizAnswers(): Promise<string[]> {
  const certijury = await runCertijury();
  const baseline = await runBaseline(certijury.candidates);
  const ours = summarize(certijury.latencies);
  const bare = summarize(baseline.latencies);
  return [
    `quiz-answers: ${CANDIDATES} candidates, one answer every ${INTERVAL_MS / 1000} s, ${DURATION_MS / 1000} s measured after ${WARMUP_MS / 1000} s of warm-up`,
    `  answerQuestionnaireQuestion (HTTP): ${ours.count} saves, ${certijury.failed} failed, p50 ${ours.p50.toFixed(1)} ms, p95 ${ours.p95.toFixed(1)} ms, p99 ${ours.p99.toFixed(1)} ms, max ${ours.max.toFixed(1)} ms`,
    `  baseline bare INSERT … ON CONFLICT (same rows, same pacing): ${bare.count} rows, p50 ${bare.p50.toFixed(2)} ms, p99 ${bare.p99.toFixed(2)} ms`,
    `  target: p99 ≤ 50 ms`,
    benchLine('quiz-answers', ours.p99, 'ms', bare.p99),
  ];
}
