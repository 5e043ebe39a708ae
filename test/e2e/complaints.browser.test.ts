// Complaints in a real browser: Léa MARTIN (candidate01) files a complaint about her training; her training
// organisation (partner-a, signed in on its complaints page) sees it arrive live, starts the review and upholds
// it with an answer; Léa sees the status and the answer appear live on her page. Then Kévin GARNIER (candidate18,
// CQP validated partially) opens the retake of his missing block from his journey page. Screenshot:
// test/artifacts/complaints-partner.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
const statement = 'Les supports de la deuxième semaine de formation ne sont toujours pas disponibles sur la plateforme.';
const answer = 'Les supports sont en ligne depuis ce matin ; nous vous offrons une séance de questions-réponses.';

describe.skipIf(reason)(titled('browser: a training complaint reaches the partner, who answers it', reason), () => {
  const suite = useBrowserSuite();

  it('files, answers and shows the answer live on both sides', async () => {
    const partner = await suite.signIn('partner-a@demo.certijury.fr');
    await partner.getByTestId('nav-partner-complaints').click();
    await partner.getByTestId('area-title').filter({ hasText: 'Réclamations' }).waitFor();
    await expect.poll(() => partner.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    await partner.getByTestId('complaints-count').waitFor({ timeout: 10_000 }); // the demo's complaint at risk (Inès LAURENT)
    const rowsBefore = await partner.getByTestId('complaint-row').count();

    const lea = await suite.signIn('candidate01@demo.certijury.fr');
    await lea.getByTestId('nav-candidate-complaints').click();
    const form = lea.getByTestId('complaint-form');
    await form.waitFor();
    expect(await form.textContent()).toMatch(/Transmise à votre organisme de formation/);
    await expect.poll(() => lea.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    // Too short: refused in the form, nothing sent.
    await lea.getByTestId('complaint-statement-input').fill('Trop court');
    await lea.getByTestId('complaint-submit').click();
    expect(await lea.getByTestId('complaint-statement-input').getAttribute('aria-invalid')).toBe('true');
    await lea.getByTestId('complaint-subject-TRAINING').check();
    await lea.getByTestId('complaint-statement-input').fill(statement);
    await lea.getByTestId('complaint-submit').click();
    await expect.poll(() => lea.getByTestId('complaints-notice').textContent(), { timeout: 10_000 }).toMatch(/Réclamation déposée : une réponse vous est due avant le/);
    const mine = lea.getByTestId('complaint-row').filter({ hasText: statement });
    await mine.waitFor();
    expect(await mine.getByTestId('complaint-state').textContent()).toMatch(/Déposée/);
    expect(await mine.textContent()).toMatch(/Traitée par Formapro Conseil/);

    // The partner, live: the complaint appears, with its 30-day deadline.
    const row = partner.getByTestId('complaint-row').filter({ hasText: statement });
    await row.waitFor({ timeout: 10_000 });
    expect(await partner.getByTestId('complaint-row').count()).toBe(rowsBefore + 1);
    expect(await row.textContent()).toMatch(/Léa MARTIN/);
    expect(await row.getByTestId('complaint-deadline').textContent()).toMatch(/29 jours restants/);
    await row.getByTestId('complaint-start').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('UNDER_REVIEW');
    expect(await row.getByTestId('complaint-uphold').isDisabled()).toBe(true); // the answer is mandatory
    await row.getByTestId('complaint-answer-input').fill(answer);
    await row.getByTestId('complaint-uphold').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('UPHELD');
    expect(await row.getByTestId('complaint-answer').textContent()).toBe(answer);
    await row.screenshot({ path: resolve(artifactsDir, 'complaints-partner.png') });

    // Léa, live: the status and the answer.
    await expect.poll(() => mine.getByTestId('complaint-state').textContent(), { timeout: 10_000 }).toMatch(/Fondée/);
    expect(await mine.getByTestId('complaint-answer').textContent()).toBe(answer);
    expect(await lea.getByTestId('complaints-notice').textContent()).toMatch(/Votre réclamation est désormais : Fondée/);

    // Another training organisation never sees it.
    const other = await suite.signIn('partner-b@demo.certijury.fr');
    await other.getByTestId('nav-partner-complaints').click();
    await other.getByTestId('complaints-count').waitFor({ timeout: 10_000 });
    expect(await other.getByTestId('complaint-row').filter({ hasText: statement }).count()).toBe(0);
    expect(suite.errors).toEqual([]);
  });

  it('offers a retake of the missing block after a partial validation, and opens it after a confirmation', async () => {
    const kevin = await suite.signIn('candidate18@demo.certijury.fr');
    const offer = kevin.getByTestId('retake-offer');
    await offer.waitFor({ timeout: 10_000 });
    expect(await offer.getByTestId('retake-covers').textContent()).toMatch(/uniquement sur les blocs non encore acquis : CQP0042BC03/);
    expect(await offer.getByTestId('retake-attempts-left').textContent()).toMatch(/Nombre de tentatives non limité/);
    await offer.getByTestId('retake-open').click();
    const dialog = kevin.locator('dialog[open]');
    expect(await dialog.textContent()).toMatch(/Ouvrir le passage n° 2 \? Vous devrez déposer un nouveau dossier projet/);
    await dialog.getByTestId('confirm-accept').click();
    await expect.poll(() => kevin.getByTestId('journey-notice').textContent(), { timeout: 10_000 }).toMatch(/Nouvelle tentative ouverte \(passage n° 2\)/);
    await expect.poll(() => kevin.getByTestId('attempt-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await kevin.getByTestId('retake-of').textContent()).toMatch(/Nouvelle tentative du passage n° 1\s+· Blocs évalués : CQP0042BC03/);
    expect(await kevin.getByTestId('retaken-by').textContent()).toMatch(/Repassé dans le passage n° 2/);
    expect(await kevin.getByTestId('retake-offer').count()).toBe(0);
    expect(suite.errors).toEqual([]);
  });
});
