// VAE in a real browser: Julien ROCHE (candidate-vae2, registered for CQP0102 by the VAE route, nothing declared)
// declares a 12-month period of experience with its evidence from his journey page; the admin accepts it on the
// VAE review page; Julien's timeline then shows the application admissible and the eligibility step done.
// Screenshot: test/artifacts/vae-timeline.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: a VAE candidate declares experience, the admin accepts it', reason), () => {
  const suite = useBrowserSuite();

  it('declares a period with its evidence, gets it accepted, and the timeline shows eligibility', async () => {
    const julien = await suite.signIn('candidate-vae2@demo.certijury.fr');
    const journey = julien.getByTestId('vae-journey');
    await journey.waitFor({ timeout: 15_000 });
    await journey.getByTestId('vae-no-periods').waitFor();
    expect(await journey.getByTestId('vae-step').first().getAttribute('data-status')).toBe('current');

    // Nothing filled in: refused in the form, nothing sent.
    await journey.getByTestId('vae-submit').click();
    await journey.getByTestId('vae-missing').waitFor();
    expect(await journey.getByTestId('vae-employer').getAttribute('aria-invalid')).toBe('true');

    await journey.getByTestId('vae-employer').fill('Forges de Saint-Étienne');
    await journey.getByTestId('vae-job').fill('Pilote d’installation');
    await journey.getByTestId('vae-start').fill('2015-01-01');
    await journey.getByTestId('vae-end').fill('2015-12-31');
    await journey.getByTestId('vae-activities').fill('Réglage des paramètres, maintenance préventive de premier niveau, consignes à l’équipe.');
    await journey.getByTestId('vae-evidence').setInputFiles({ name: 'attestation-employeur.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n') });
    await journey.getByTestId('vae-submit').click();
    const period = journey.getByTestId('vae-period');
    await period.waitFor({ timeout: 10_000 });
    expect(await period.getAttribute('data-status')).toBe('PENDING');
    await expect.poll(() => period.textContent(), { timeout: 10_000 }).toMatch(/attestation-employeur\.pdf/);
    expect(await journey.getByTestId('vae-eligibility').textContent()).toMatch(/pas encore recevable.*0 mois.*1 période en attente/s);

    const admin = await suite.signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-vae').click();
    await admin.getByTestId('area-title').filter({ hasText: 'VAE' }).waitFor();
    const row = admin.getByTestId('vae-review-row').filter({ hasText: 'Julien ROCHE' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toMatch(/Forges de Saint-Étienne/);
    expect(await row.textContent()).toMatch(/attestation-employeur\.pdf/);
    // Refusing needs a reason.
    await row.getByTestId('vae-refuse').click();
    await row.getByTestId('error-message').waitFor();
    await row.getByTestId('vae-accept').click();
    await expect.poll(() => admin.getByTestId('vae-notice').textContent(), { timeout: 10_000 }).toMatch(/Julien ROCHE — Période acceptée/);
    await expect.poll(() => admin.getByTestId('vae-review-row').filter({ hasText: 'Julien ROCHE' }).count(), { timeout: 10_000 }).toBe(0);

    await julien.reload();
    const after = julien.getByTestId('vae-journey');
    await expect.poll(() => after.getByTestId('vae-eligibility').textContent(), { timeout: 10_000 }).toMatch(/Candidature recevable : 12 mois/);
    expect(await after.locator('[data-step="experience"]').getAttribute('data-status')).toBe('done');
    expect(await after.locator('[data-step="eligibility"]').getAttribute('data-status')).toBe('done');
    expect(await after.locator('[data-step="evaluation"]').getAttribute('data-status')).toBe('current');
    expect(await after.getByTestId('vae-period').getAttribute('data-status')).toBe('ACCEPTED');
    await after.screenshot({ path: resolve(artifactsDir, 'vae-timeline.png') });
  }, 120_000);
});
