// The practice quiz in a real browser: a candidate of RS5302 (Manon ROBERT, candidate05) opens
// "S'entraîner" from their journey, answers a few questions (one with the keyboard), reloads midway and
// finds the same quiz with the saved answers, finishes, and sees the score per competence, the explanations,
// the revision suggestion and the history. Screenshot: test/artifacts/quiz-results.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, signInThroughForm, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: a candidate takes a practice quiz, resumes it after a reload, and sees the results', reason), () => {
  const suite = useBrowserSuite();
  const { errors } = suite;

  const answered = (page: Page) => page.getByTestId('practice-progress').getAttribute('value');

  /** Answers the question on screen with its first choice (or 1 for a number); with the keyboard if asked. */
  async function answerCurrent(page: Page, expectedAnswered: number, keyboard = false): Promise<void> {
    const question = page.getByTestId('practice-question');
    const number = question.getByTestId('practice-number');
    if (await number.count()) {
      await number.fill('1');
      await number.press('Tab');
    } else {
      const first = question.locator('input').first();
      if (keyboard) {
        await first.focus();
        await page.keyboard.press('Space');
      } else await first.check();
    }
    await expect.poll(() => answered(page), { timeout: 10_000 }).toBe(String(expectedAnswered));
  }

  it('resumes after a reload and shows per-competence results with explanations', async () => {
    const { server, browser } = suite;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await signInThroughForm(page, server.url, 'candidate05@demo.certijury.fr');

    await page.getByTestId('practice-link').first().click();
    await page.getByTestId('practice-page').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/candidate\/attempts\/[^/]+\/practice$/);
    await page.getByTestId('practice-start').click();
    const quizBox = page.getByTestId('practice-quiz');
    await quizBox.waitFor();
    const quizId = await quizBox.getAttribute('data-quiz-id');
    const total = Number(await page.getByTestId('practice-progress').getAttribute('max'));
    expect(total).toBe(7); // every demo question of RS5302 (fewer than the 10 asked by default)
    expect(await page.getByTestId('practice-position').textContent()).toContain('Question 1 sur 7');

    // Three answers, the second with the keyboard.
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      seen.push((await page.getByTestId('practice-question').getAttribute('data-question-id'))!);
      await answerCurrent(page, i, i === 2);
      await page.getByTestId('practice-next').click();
    }

    // A reload finds the same quiz, its saved answers, and picks up at the first unanswered question.
    await page.reload();
    await page.getByTestId('practice-quiz').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('practice-quiz').getAttribute('data-quiz-id')).toBe(quizId);
    expect(await answered(page)).toBe('3');
    expect(await page.getByTestId('practice-position').textContent()).toContain('Question 4 sur 7');
    await page.getByTestId('practice-previous').click();
    expect(await page.getByTestId('practice-question').getAttribute('data-question-id')).toBe(seen[2]);
    expect(await page.getByTestId('practice-question').locator('input:checked').count()).toBe(1);
    await page.getByTestId('practice-next').click();

    for (let i = 4; i <= total; i++) {
      await answerCurrent(page, i);
      if (i < total) await page.getByTestId('practice-next').click();
    }
    await page.getByTestId('practice-submit').click();

    const results = page.getByTestId('practice-results');
    await results.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('practice-score').textContent()).toMatch(/Score : \d \/ 7/);
    const rows = page.getByTestId('practice-competence-score');
    expect(await rows.count()).toBe(4); // C1, C2, C12, C14
    expect(await page.getByTestId('practice-review-item').count()).toBe(7);
    expect(await page.getByTestId('practice-explanation').count()).toBe(7);
    expect((await page.getByTestId('practice-explanation').first().textContent())!.length).toBeGreaterThan(10);
    // Always the first choice: some competences fall below 60 % and are suggested for revision.
    expect((await page.getByTestId('practice-revise').count()) + (await page.getByTestId('practice-revise-none').count())).toBe(1);
    await expect.poll(() => page.getByTestId('practice-history-item').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('practice-progress-table').waitFor();
    await page.screenshot({ path: resolve(artifactsDir, 'quiz-results.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
