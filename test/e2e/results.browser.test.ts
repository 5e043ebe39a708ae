// Results in a real browser: the admin publishes the demo's overdue result (Sarah DURAND, candidate07) from
// the dashboard's "Résultats à publier" list, after a confirmation, while Sarah has her journey page open in
// another browser context and sees her result appear live, per block and competence, with the date until
// which she may contest it. Screenshot: test/artifacts/candidate-result.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: an admin publishes a result and the candidate sees it live', reason), () => {
  const suite = useBrowserSuite();
  const { errors } = suite;
  const { signIn } = suite;

  it('publishes from the dashboard; the journey page shows the result without reloading', async () => {
    const sarah = await signIn('candidate07@demo.certijury.fr');
    const row = sarah.getByTestId('attempt-row').first();
    expect(await row.textContent()).toMatch(/Décision rendue|délibéré/);
    expect(await sarah.getByTestId('attempt-result').count()).toBe(0);
    // Her oral is over: its slot is shown, with no way to cancel it.
    expect(await row.getByTestId('booked-slot').count()).toBe(1);
    expect(await row.getByTestId('cancel-booking').count()).toBe(0);
    await expect.poll(() => sarah.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    const attemptId = (await row.getAttribute('data-id'))!;

    const admin = await signIn('admin@demo.certijury.fr');
    const card = admin.getByTestId('results-to-publish');
    const resultRow = card.locator(`[data-testid="result-row"][data-attempt-id="${attemptId}"]`);
    await resultRow.waitFor({ timeout: 10_000 });
    expect(await resultRow.textContent()).toMatch(/Sarah DURAND/);
    // The deadline has passed: highlighted as late.
    expect(await resultRow.getAttribute('data-late')).toBe('true');
    expect(await resultRow.getByTestId('result-deadline').textContent()).toMatch(/En retard/);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: resolve(artifactsDir, 'results-to-publish.png') });

    // Publishing asks first; "Annuler" publishes nothing.
    await resultRow.getByTestId('publish-result').click();
    const dialog = admin.locator('dialog[open]');
    expect(await dialog.textContent()).toMatch(/Publier ce résultat/);
    expect(await dialog.textContent()).toMatch(/Sarah DURAND/);
    await dialog.getByTestId('confirm-cancel').click();
    await expect.poll(() => admin.locator('dialog[open]').count()).toBe(0);
    expect(await resultRow.count()).toBe(1);
    await resultRow.getByTestId('publish-result').click();
    await admin.locator('dialog[open]').getByTestId('confirm-accept').click();
    await expect.poll(() => card.getByTestId('results-notice').textContent(), { timeout: 10_000 }).toMatch(/Résultat de Sarah DURAND publié/);
    await expect.poll(() => resultRow.count(), { timeout: 10_000 }).toBe(0);

    // Sarah, live: her result appears, per block and competence.
    const panel = sarah.getByTestId('attempt-result');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('result-outcome').textContent()).toMatch(/Certifié/);
    expect(await sarah.getByTestId('journey-notice').textContent()).toMatch(/Votre résultat vient d’être publié/);
    await expect.poll(() => row.textContent()).toMatch(/Résultat publié/);
    expect(await panel.getByTestId('result-block').count()).toBeGreaterThan(0);
    const competences = panel.getByTestId('result-competence');
    expect(await competences.count()).toBeGreaterThan(0);
    expect(await competences.first().textContent()).toMatch(/Validée|Non validée/);
    expect(await competences.first().getByTestId('result-score').textContent()).toMatch(/\d.*minimum/);
    expect((await panel.getByTestId('result-explanation').textContent())!.trim().length).toBeGreaterThan(0);
    expect(await panel.getByTestId('result-contest').textContent()).toMatch(/contester ce résultat jusqu’au/);
    expect(await panel.getByTestId('result-contest-link').getAttribute('href')).toBe(`/candidate/attempts/${attemptId}/appeal`);
    // No juror's name under the default disclosure.
    expect(await panel.getByTestId('result-jury').count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await sarah.screenshot({ path: resolve(artifactsDir, 'candidate-result.png'), fullPage: true });

    // English on demand, with no untranslated key.
    await sarah.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => panel.getByTestId('result-outcome').textContent()).toMatch(/Certified/);
    expect(await sarah.locator('main').innerText()).not.toMatch(/\b(result|results|outcome)\.[a-zA-Z]/);
    expect(await admin.locator('main').innerText()).not.toMatch(/\b(result|results|outcome)\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);
});
