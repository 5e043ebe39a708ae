// The assessed questionnaire in a real browser: Inès BERTRAND (RS7070) goes from her journey to the timed
// questionnaire, starts it, sees the countdown from the server's deadline, answers (each answer saved), reloads
// and resumes where she stopped, answers the rest and submits; her per-competence result waits for the
// publication of her certification result. The jury then reads her graded scores, read-only, in the deliberation;
// an admin imports questions from CSV. Screenshots: test/artifacts/candidate-questionnaire.png, jury-questionnaire-scores.png.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { GRID, ROOM, SCORE, move } from '../support/oral.ts';

const reason = browserSkipReason;

/** Answers the question on screen (a number, or the first choice) and waits for the server's confirmation. */
async function answerCurrent(page: Page, answered: number) {
  const question = page.getByTestId('questionnaire-question');
  const number = question.getByTestId('questionnaire-number');
  if (await number.count()) {
    await number.fill('12');
    await number.press('Tab');
  } else {
    await question.locator('input[data-choice-id]').first().check();
  }
  await expect.poll(() => page.getByTestId('questionnaire-answered').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${answered} réponse`));
  expect(await page.getByTestId('questionnaire-saved').textContent()).toMatch(/Réponse enregistrée/);
}

describe.skipIf(reason)(titled('browser: a candidate takes the timed questionnaire', reason), () => {
  const suite = useBrowserSuite();
  const { errors, signIn } = suite;

  it('starts from the journey, counts down, saves as it goes, resumes after a reload, and submits', async () => {
    const page = await signIn('candidate-qcm@demo.certijury.fr');
    const link = page.getByTestId('questionnaire-link');
    await link.waitFor({ timeout: 10_000 });
    await link.click();
    await page.getByTestId('questionnaire-intro').waitFor();
    expect(await page.getByTestId('questionnaire-intro').textContent()).toMatch(/20 minutes/);
    await page.getByTestId('questionnaire-start').click();

    const countdown = page.getByTestId('questionnaire-countdown');
    await countdown.waitFor({ timeout: 10_000 });
    expect(await countdown.getAttribute('data-state')).toBe('normal');
    expect(await countdown.getByRole('timer').textContent()).toMatch(/^\s*(19:[0-5]\d|20:00)\s*$/);
    expect(await page.getByTestId('questionnaire-position').textContent()).toMatch(/Question 1 sur 6/);
    // No correct answer or explanation anywhere on the page.
    expect(await page.locator('[data-testid="practice-explanation"], [data-testid="questionnaire-results"]').count()).toBe(0);

    await answerCurrent(page, 1);
    await page.getByTestId('questionnaire-next').click();
    await answerCurrent(page, 2);
    const quizId = await page.getByTestId('questionnaire-quiz').getAttribute('data-quiz-id');

    // A reload finds the same questionnaire, on the first unanswered question, with the time still running.
    await page.reload();
    await page.getByTestId('questionnaire-quiz').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('questionnaire-quiz').getAttribute('data-quiz-id')).toBe(quizId);
    expect(await page.getByTestId('questionnaire-position').textContent()).toMatch(/Question 3 sur 6/);
    expect(await page.getByTestId('questionnaire-answered').textContent()).toMatch(/^2 réponse/);
    await page.getByTestId('questionnaire-previous').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('questionnaire-position').textContent()).toMatch(/Question 2 sur 6/);
    await page.getByTestId('questionnaire-next').click();
    await page.screenshot({ path: resolve(artifactsDir, 'candidate-questionnaire.png'), fullPage: true });

    for (let answered = 3; answered <= 6; answered++) {
      await answerCurrent(page, answered);
      if (answered < 6) await page.getByTestId('questionnaire-next').click();
    }
    await page.getByTestId('questionnaire-submit').click();
    const done = page.getByTestId('questionnaire-done');
    await done.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('questionnaire-done-text').textContent()).toMatch(/Vous avez remis votre questionnaire/);
    expect(await page.getByTestId('questionnaire-results-later').textContent()).toMatch(/une fois la décision du jury publiée/);
    expect(await countdown.count()).toBe(0);

    // English on demand, with no untranslated key.
    await page.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('questionnaire-done-text').textContent()).toMatch(/You submitted your questionnaire/);
    expect(await page.locator('main').innerText()).not.toMatch(/\bquestionnaire\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the jury the graded questionnaire scores, read-only, in the deliberation', async () => {
    // The oral is driven to deliberation through the API; the questionnaire was submitted by the test above.
    const url = suite.server.graphqlUrl;
    const [president, member] = await Promise.all([loginAs(url, 'juror4@demo.certijury.fr'), loginAs(url, 'juror5@demo.certijury.fr')]);
    const oralId = (await gql(url, '{ myOrals { id candidateName } }', {}, { token: president })).data!.myOrals.find((o: any) => o.candidateName === 'Inès BERTRAND').id;
    const version = async () => (await gql(url, ROOM, { id: oralId }, { token: president })).data!.oral.version as number;
    let v = await move(url, president, oralId, 'IDENTITY_CHECKED', await version());
    v = await move(url, president, oralId, 'PRESENTATION', v);
    const grid = (await gql(url, GRID, { id: oralId }, { token: president })).data!.oral.grid;
    for (const criterion of grid.blocks.flatMap((b: any) => b.competences).flatMap((c: any) => c.criteria)) {
      for (const token of [president, member]) await gql(url, SCORE, { input: { oralId, criterionId: criterion.id, value: 3 } }, { token });
    }
    v = await move(url, president, oralId, 'QUESTIONS', await version());
    await move(url, president, oralId, 'DELIBERATION', v);

    const page = await signIn('juror4@demo.certijury.fr');
    await page.goto(`${suite.server.url}/juror/orals/${oralId}`);
    const deliberation = page.getByTestId('deliberation');
    await deliberation.waitFor({ timeout: 15_000 });
    const scores = deliberation.getByTestId('questionnaire-score');
    await expect.poll(() => scores.count(), { timeout: 10_000 }).toBe(2);
    for (const code of ['C2', 'C3']) {
      const score = deliberation.locator(`[data-testid="questionnaire-score"][data-code="${code}"]`);
      expect(await score.getByTestId('questionnaire-value').textContent()).toMatch(/^\s*\d+([,.]\d+)?\s*$/);
      expect(await score.textContent()).toMatch(/bonnes réponses/);
    }
    // Only the oral competence takes an agreed score from the president.
    expect(await deliberation.getByTestId('agreed-input').count()).toBe(1);
    expect(await page.getByTestId('decide-missing').textContent()).toMatch(/C1/);
    expect(await page.getByTestId('decide-missing').textContent()).not.toMatch(/C2|C3/);
    await deliberation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(artifactsDir, 'jury-questionnaire-scores.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets an admin import questions from CSV (row errors shown, nothing written) and retire one', async () => {
    const admin = await signIn('admin@demo.certijury.fr');
    await admin.goto(`${suite.server.url}/admin/questions`);
    const select = admin.getByTestId('bank-certification');
    await select.waitFor({ timeout: 10_000 });
    await select.selectOption((await select.locator('option', { hasText: 'RS7070' }).getAttribute('value'))!);
    const c3 = admin.locator('[data-testid="bank-competence"][data-code="C3"]');
    await expect.poll(() => c3.getByTestId('bank-question').count(), { timeout: 10_000 }).toBe(4);
    expect(await c3.textContent()).toMatch(/évaluée par questionnaire/);

    await admin.getByTestId('bank-import-text').fill('competenceCode;kind;prompt;choices;correct\nC3;NUMERIC;Combien ?;;beaucoup\nC9;TRUE_FALSE;Vrai ?;;true');
    await admin.getByTestId('bank-import-submit').click();
    const issues = admin.getByTestId('bank-import-issue');
    await expect.poll(() => issues.count(), { timeout: 10_000 }).toBe(2);
    expect(await issues.nth(0).textContent()).toMatch(/ligne 2 · correct/);
    expect(await issues.nth(1).textContent()).toMatch(/ligne 3 · competenceCode.*C9/);
    expect(await c3.getByTestId('bank-question').count()).toBe(4);

    await admin.getByTestId('bank-import-text').fill('competenceCode;kind;prompt;choices;correct\nC3;NUMERIC;Combien de blocs compte RS7070 ?;;2');
    await admin.getByTestId('bank-import-submit').click();
    await expect.poll(() => admin.getByTestId('bank-notice').textContent(), { timeout: 10_000 }).toMatch(/1 question\(s\) importée\(s\)/);
    await expect.poll(() => c3.getByTestId('bank-question').count(), { timeout: 10_000 }).toBe(5);

    const imported = c3.getByTestId('bank-question').filter({ hasText: 'Combien de blocs compte RS7070' });
    await imported.getByTestId('bank-retire').click();
    await expect.poll(() => imported.getAttribute('data-retired'), { timeout: 10_000 }).toBe('true');
    expect(await imported.getByTestId('bank-retire').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);
});
