// The CléA pathway in a real browser (issue 13): Karim HADDAD (candidate-clea, Formapro Conseil) opens his CléA
// timeline from his journey page and sees his preliminary results (modules 3 and 7 not mastered), his training
// path with its training organisations and the 5-year deadline; the evaluator (evaluator-clea) records a partial
// final evaluation on her screen; Karim then sees the final step and downloads his skills portfolio (PDF).
// Screenshot: test/artifacts/clea-timeline.png.
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: the candidate’s CléA timeline', reason), () => {
  const suite = useBrowserSuite();

  it('shows the preliminary results, the training path and the deadline, then the portfolio after a final evaluation', async () => {
    const karim = await suite.signIn('candidate-clea@demo.certijury.fr');
    await karim.getByTestId('clea-journey-link').click();
    await karim.getByTestId('area-title').filter({ hasText: 'Mon parcours CléA' }).waitFor();
    const timeline = karim.getByTestId('clea-timeline');
    await timeline.waitFor();

    expect(await karim.getByTestId('clea-step-preliminary').getAttribute('data-status')).toBe('done');
    expect(await karim.getByTestId('clea-step-preliminary').textContent()).toMatch(/5 module\(s\) sur 7 maîtrisé\(s\)/);
    expect(await karim.getByTestId('clea-result-CLEA-D3').textContent()).toMatch(/Non maîtrisé/);
    expect(await karim.getByTestId('clea-result-CLEA-D7').textContent()).toMatch(/Non maîtrisé/);
    expect(await karim.getByTestId('clea-result-CLEA-D1').textContent()).toMatch(/Maîtrisé/);

    const training = karim.getByTestId('clea-step-training');
    expect(await training.getAttribute('data-status')).toBe('current');
    expect(await training.getAttribute('aria-current')).toBe('step');
    expect(await karim.getByTestId('clea-training-CLEA-D3').textContent()).toMatch(/Avec Atelier Compétences/);
    expect(await karim.getByTestId('clea-training-CLEA-D7').textContent()).toMatch(/sauveteur secouriste du travail[\s\S]*Avec Formapro Conseil/);
    const deadline = await karim.getByTestId('clea-deadline').textContent();
    expect(deadline).toMatch(/Évaluation finale à passer avant le/);
    expect(deadline).toMatch(new RegExp(String(new Date(Date.now() - 40 * 86_400_000).getFullYear() + 5))); // seeded 40 days ago
    expect(await karim.getByTestId('clea-step-final').getAttribute('data-status')).toBe('upcoming');
    await timeline.screenshot({ path: resolve(artifactsDir, 'clea-timeline.png') });

    // The evaluator records a final evaluation: module 3 mastered, module 7 not yet.
    const evaluator = await suite.signIn('evaluator-clea@demo.certijury.fr');
    await evaluator.getByTestId('nav-juror-clea').click();
    await evaluator.getByTestId('area-title').filter({ hasText: 'Évaluations CléA' }).waitFor();
    await evaluator.getByTestId('clea-file-select').selectOption({ label: 'Karim HADDAD — en formation' });
    const form = evaluator.getByTestId('clea-evaluation-form');
    await form.waitFor();
    expect(await form.textContent()).toMatch(/Évaluation finale/);
    expect(await evaluator.getByTestId('clea-module-CLEA-D1').count()).toBe(0); // validated already
    await evaluator.getByTestId('clea-evaluation-submit').click();
    await evaluator.getByText('Indiquez un résultat pour chaque module.').waitFor(); // nothing sent
    await evaluator.getByTestId('clea-mastered-CLEA-D3').check();
    await evaluator.getByTestId('clea-not-mastered-CLEA-D7').check();
    await evaluator.getByLabel('Commentaire').last().fill('Premiers secours encore hésitants.');
    await evaluator.getByTestId('clea-evaluation-submit').click();
    await expect.poll(() => evaluator.getByTestId('clea-evaluator-notice').textContent(), { timeout: 10_000 }).toMatch(/6 module\(s\) validé\(s\) sur 7/);

    // Karim: the final step and the portfolio, downloadable.
    await karim.reload();
    await timeline.waitFor();
    await expect.poll(() => karim.getByTestId('clea-step-final').getAttribute('data-status'), { timeout: 10_000 }).toBe('current');
    expect(await karim.getByTestId('clea-step-outcome').textContent()).toMatch(/Portefeuille délivré : 6 module\(s\) validé\(s\)/);
    expect(await karim.getByTestId('clea-training-CLEA-D3').textContent()).toMatch(/validé depuis/);
    const download = karim.waitForEvent('download');
    await karim.getByTestId('clea-portfolios').getByRole('button').first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^portefeuille-clea-.*\.pdf$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
