// Feedback and statistics in a real browser: a candidate whose result is published (candidate09) rates the
// certification process with the keyboard only (star-like radio groups), adds a comment, sends, sees the thanks
// state, and never sees the form again, even after a reload. The public catalogue shows CQP0107's success rate
// for last year and says why this year's is not published; the admin's statistics page shows the breakdown and
// the anonymous feedback report. Screenshots: test/artifacts/candidate-feedback.png, admin-statistics.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
const RATINGS = [4, 5, 3, 5, 4, 2, 4];

describe.skipIf(reason)(titled('browser: a candidate gives feedback with the keyboard; success rates in the catalogue and for admins', reason), () => {
  const suite = useBrowserSuite();
  const { errors, signIn } = suite;

  it('fills the feedback form with the keyboard, sees the thanks, and never the form again', async () => {
    const page = await signIn('candidate09@demo.certijury.fr');
    const panel = page.getByTestId('feedback-panel');
    await panel.waitFor({ timeout: 10_000 });
    const form = panel.getByTestId('feedback-form');
    const groups = form.locator('fieldset.rating-group');
    expect(await groups.count()).toBe(RATINGS.length);
    expect(await groups.first().locator('legend').textContent()).toMatch(/Informations reçues avant l'oral/);

    // Sending with nothing rated says so and moves the focus to the first question.
    await form.getByTestId('feedback-submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByTestId('feedback-missing').textContent()).toMatch(/Notez chaque question/);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toMatch(/-INFORMATION-1$/);

    // Keyboard only: Space picks 1 star, each arrow one more; Tab goes to the next question.
    for (const [index, rating] of RATINGS.entries()) {
      if (index > 0) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      for (let star = 1; star < rating; star++) await page.keyboard.press('ArrowRight');
    }
    for (const [index, rating] of RATINGS.entries()) {
      expect(await groups.nth(index).locator('input:checked').getAttribute('value')).toBe(String(rating));
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('feedback-comment');
    await page.keyboard.type('Jury bienveillant, convocation claire.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('feedback-submit');
    await page.keyboard.press('Enter');

    const thanks = panel.getByTestId('feedback-thanks');
    await thanks.waitFor({ timeout: 10_000 });
    expect(await thanks.textContent()).toMatch(/Merci pour votre retour/);
    expect(await panel.getByTestId('feedback-form').count()).toBe(0);
    // Focus moved to the thanks, not lost with the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Merci pour votre retour/);
    await panel.locator('summary').click();
    expect(await thanks.textContent()).toMatch(/Jury bienveillant, convocation claire\./);
    expect(await thanks.textContent()).toMatch(/Écoute et impartialité du jury\s*5 \/ 5/);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(artifactsDir, 'candidate-feedback.png'), fullPage: true });

    await page.reload();
    await page.getByTestId('feedback-thanks').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('feedback-form').count()).toBe(0);
    expect(await page.getByTestId('feedback-thanks').textContent()).toMatch(/Retour envoyé le/);

    await page.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('feedback-thanks').textContent()).toMatch(/Thank you for your feedback|Feedback sent on/);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(feedback|statistics)\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the public success rate per year in the catalogue, and the breakdown and feedback report to admins', async () => {
    const thisYear = new Date().getFullYear();
    const admin = await signIn('admin@demo.certijury.fr');
    await admin.goto(`${suite.server.url}/`);
    const card = admin.locator('[data-testid="certification-card"][data-code="CQP0107"]');
    const rates = card.getByTestId('success-rates');
    await rates.waitFor({ timeout: 10_000 });
    // Last year (12) is withheld beside this year (5): published, it would give this year away (complementary suppression).
    expect(await rates.locator(`[data-year="${thisYear - 1}"]`).textContent()).toMatch(/non publié : moins de 10 candidats, ou déductible des autres années/);
    expect(await rates.locator(`[data-year="${thisYear}"]`).textContent()).toMatch(/non publié : moins de 10 candidats/);

    await admin.getByTestId('nav-admin-statistics').click();
    await admin.getByTestId('statistics-page').waitFor();
    const certificationId = await admin.getByTestId('statistics-certification').locator('option', { hasText: 'CQP0107' }).getAttribute('value');
    await admin.getByTestId('statistics-certification').selectOption(certificationId!);
    await admin.getByTestId('statistics-year').selectOption(String(thisYear - 1));
    const partners = admin.getByTestId('statistics-by-partner');
    await expect.poll(() => partners.locator('[data-partner="Formapro Conseil"]').textContent(), { timeout: 10_000 }).toMatch(/7\s*5\s*1\s*71,4\s%/);
    expect(await partners.textContent()).toMatch(/petit effectif/);
    expect(await admin.getByTestId('statistics-by-block').locator('[data-block="CQP0107BC01"]').textContent()).toMatch(/12\s*10\s*83,3\s%/);
    const report = admin.getByTestId('feedback-report');
    expect(await report.getByTestId('feedback-report-answers').textContent()).toMatch(/7 réponse/);
    expect(await report.getByTestId('feedback-report-comments').locator('li').count()).toBe(4);
    await admin.getByTestId('statistics-year').selectOption(String(thisYear));
    await expect.poll(() => report.textContent()).toMatch(/Moins de 5 réponses/);
    await admin.getByTestId('statistics-year').selectOption(String(thisYear - 1));
    await report.getByTestId('feedback-report-comments').waitFor();
    await admin.screenshot({ path: resolve(artifactsDir, 'admin-statistics.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
