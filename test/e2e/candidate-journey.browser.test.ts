// Issue 10's acceptance scenario in a real browser, with one candidate: Camille GIRARD (candidate21, seeded by
// prisma/seed-candidate-journey.ts) failed her first attempt of RS5302 (result published, contestable) and
// retakes it (project file acknowledged). From her journey page she takes a practice quiz of her retake (one
// question at a time, progress bar, results per competence), books an oral slot for it, and contests her first
// result. An admin, in another browser context, moves the appeal under review and upholds it with a reason;
// Camille's appeal page, left open, follows each change live (no reload). No page or console error anywhere
// (checked by the suite). Screenshots: test/artifacts/candidate-journey-*.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
const CAMILLE = 'candidate21@demo.certijury.fr';
const shot = (name: string) => ({ path: resolve(artifactsDir, `candidate-journey-${name}.png`), fullPage: true });

describe.skipIf(reason)(titled('browser: a candidate practises, books a slot and contests a result; the admin upholds it live', reason), () => {
  const suite = useBrowserSuite();

  /** Answers the question on screen with its first choice (1 for a number) and waits until it is saved. */
  async function answerCurrent(page: Page, expectedAnswered: number): Promise<void> {
    const question = page.getByTestId('practice-question');
    const number = question.getByTestId('practice-number');
    if (await number.count()) {
      await number.fill('1');
      await number.press('Tab');
    } else await question.locator('input').first().check();
    await expect.poll(() => page.getByTestId('practice-progress').getAttribute('value'), { timeout: 10_000 }).toBe(String(expectedAnswered));
  }

  it('takes a practice quiz, books a slot, files an appeal, and sees the admin uphold it live', async () => {
    const { server } = suite;
    const token = await loginAs(server.graphqlUrl, CAMILLE);
    const mine = (await gql(server.graphqlUrl, '{ myAttempts { id attemptNumber state } }', {}, { token })).data!.myAttempts as { id: string; attemptNumber: number; state: string }[];
    const first = mine.find((attempt) => attempt.attemptNumber === 1)!;
    const retake = mine.find((attempt) => attempt.attemptNumber === 2)!;
    expect(first.state).toBe('RESULT_PUBLISHED');
    expect(retake.state).toBe('FILE_ACKNOWLEDGED');

    // ── Her journey: two attempts, each with its timeline.
    const camille = await suite.signIn(CAMILLE);
    const row = (attemptId: string) => camille.locator(`[data-testid="attempt-row"][data-id="${attemptId}"]`);
    await row(retake.id).waitFor({ timeout: 10_000 });
    expect(await row(first.id).getByTestId('journey-step').count()).toBe(6);
    const step = (attemptId: string, name: string) => row(attemptId).locator(`[data-testid="journey-step"][data-step="${name}"]`).getAttribute('data-status');
    expect(await step(retake.id, 'file')).toBe('current');
    expect(await step(first.id, 'result')).toBe('current');
    expect(await row(first.id).getByTestId('result-outcome').textContent()).toMatch(/Non certifié/);
    await camille.screenshot(shot('1-journey'));

    // ── 1. A practice quiz on the retake: one question at a time, a progress bar, results per competence.
    await row(retake.id).getByTestId('practice-link').click();
    await camille.getByTestId('practice-page').waitFor();
    expect(new URL(camille.url()).pathname).toBe(`/candidate/attempts/${retake.id}/practice`);
    await camille.getByTestId('practice-start').click();
    await camille.getByTestId('practice-quiz').waitFor({ timeout: 10_000 });
    const progress = camille.getByTestId('practice-progress');
    const total = Number(await progress.getAttribute('max'));
    expect(total).toBeGreaterThan(1);
    expect(await progress.getAttribute('value')).toBe('0');
    const seen = new Set<string>();
    for (let i = 1; i <= total; i++) {
      expect(await camille.getByTestId('practice-question').count()).toBe(1); // one question on screen
      expect(await camille.getByTestId('practice-position').textContent()).toContain(`Question ${i} sur ${total}`);
      seen.add((await camille.getByTestId('practice-question').getAttribute('data-question-id'))!);
      await answerCurrent(camille, i);
      if (i === 2) await camille.screenshot(shot('2-quiz'));
      if (i < total) await camille.getByTestId('practice-next').click();
    }
    expect(seen.size).toBe(total);
    await camille.getByTestId('practice-submit').click();
    await camille.getByTestId('practice-results').waitFor({ timeout: 10_000 });
    expect(await camille.getByTestId('practice-score').textContent()).toMatch(new RegExp(`Score : \\d+ / ${total}`));
    const competences = camille.getByTestId('practice-competence-score');
    expect(await competences.count()).toBeGreaterThan(0);
    expect(await competences.first().textContent()).toMatch(/C\d+/);
    expect(await camille.getByTestId('practice-review-item').count()).toBe(total);
    await camille.screenshot(shot('3-quiz-results'));

    // ── 2. An oral slot for the retake.
    await camille.goto(`${server.url}/candidate`);
    await row(retake.id).getByTestId('choose-slot').click();
    await camille.getByTestId('booking-page').waitFor();
    const slot = camille.getByTestId('slot-row').and(camille.locator('[data-full="false"]')).first();
    await slot.waitFor({ timeout: 10_000 });
    const slotId = (await slot.getAttribute('data-slot-id'))!;
    await slot.getByTestId('book-slot').click();
    await camille.waitForURL(`${server.url}/candidate`);
    const booked = row(retake.id).getByTestId('booked-slot');
    await booked.waitFor({ timeout: 10_000 });
    expect(await booked.getAttribute('data-slot-id')).toBe(slotId);
    await expect.poll(() => step(retake.id, 'slot')).toBe('current');
    expect(await step(retake.id, 'file')).toBe('done');
    expect(await camille.getByTestId('journey-notice').textContent()).toMatch(/Créneau réservé/);
    await camille.screenshot(shot('4-booked'));

    // ── 3. An appeal of the first attempt's published result.
    await row(first.id).getByTestId('result-contest-link').click();
    await camille.getByTestId('appeal-form').waitFor({ timeout: 10_000 });
    expect(new URL(camille.url()).pathname).toBe(`/candidate/attempts/${first.id}/appeal`);
    await camille.getByTestId('appeal-statement').fill('Je conteste la note de la compétence C7 : le jury n’a pas tenu compte de mon étude de cas.');
    await camille.getByTestId('appeal-submit').click();
    const status = camille.getByTestId('appeal-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('SUBMITTED');
    expect(await camille.getByTestId('appeals-notice').textContent()).toMatch(/contestation est déposée/);
    await expect.poll(() => camille.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    await camille.screenshot(shot('5-appeal-submitted'));
    const pageLoads = await camille.evaluate(() => performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin);

    // ── The admin, in another context: under review, then upheld with a reason.
    const admin = await suite.signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-appeal').click();
    const appealRow = admin.locator('[data-testid="appeal-row"]', { hasText: 'Camille GIRARD' });
    await appealRow.waitFor({ timeout: 10_000 });
    await appealRow.getByTestId('appeal-open').click();
    const detail = admin.getByTestId('appeal-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/étude de cas/);
    await detail.getByTestId('appeal-start-review').click();
    await detail.getByTestId('appeal-reason-input').waitFor({ timeout: 10_000 });

    // Camille's page, untouched, shows the review live.
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('UNDER_REVIEW');
    expect(await camille.getByTestId('appeal-state').textContent()).toMatch(/En cours d’examen/);

    const why = 'L’étude de cas jointe au dossier n’a pas été examinée : réévaluation par un nouveau jury.';
    await detail.getByTestId('appeal-reason-input').fill(why);
    await detail.getByTestId('appeal-uphold').click();
    await detail.getByTestId('re-evaluation-form').waitFor({ timeout: 10_000 });
    await expect.poll(() => appealRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('UPHELD');
    await admin.screenshot(shot('6-admin-upheld'));

    // Live again: upheld, with the reason, on the same page (no reload: same document).
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('UPHELD');
    await expect.poll(() => camille.getByTestId('appeal-reason').textContent(), { timeout: 10_000 }).toContain(why);
    expect(await camille.getByTestId('appeals-notice').textContent()).toMatch(/Fondée/);
    expect(await camille.evaluate(() => performance.getEntriesByType('navigation').length + ':' + performance.timeOrigin)).toBe(pageLoads);
    await camille.screenshot(shot('7-appeal-upheld'));
    expect(suite.errors).toEqual([]);
  }, 180_000);
});
