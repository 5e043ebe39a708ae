// The transmission to the Caisse des Dépôts in a real browser, on the demo data: the admin reads the deadline
// counts on the dashboard, opens "Transmission CDC", edits the CDC identifiers (with a field error first), sees
// the blocked passage with exactly what it lacks, exports a batch, finds it in the history and downloads it,
// imports a processing report built from that file (one OK, one KO, one unknown id), then the same report again
// (duplicate), and corrects the rejected passage (with an inline field error first).
// Screenshots go to test/artifacts/ (ignored by git).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gql, loginAs } from '../support/graphql.ts';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const artifacts = artifactsDir;
const reason = browserSkipReason;

/** A CDC processing report ("accusé de traitement"), as cdc.report.ts parses it. */
const processingReport = (idFlux: string, idTraitement: string, ok: string[], ko: [string, string][]) => `<?xml version="1.0" encoding="UTF-8"?>
<rapport xmlns="urn:cdc:cpf:pc5:rapport:schema">
  <nomFichier>export.xml</nomFichier>
  <idFlux>${idFlux}</idFlux>
  <idTraitement>${idTraitement}</idTraitement>
  <PassagesKO>${ko.map(([id, message]) => `<passage><idTechnique>${id}</idTechnique><messageErreur>${message}</messageErreur></passage>`).join('')}</PassagesKO>
  <PassagesOK>${ok.map((id) => `<idTechnique>${id}</idTechnique>`).join('')}</PassagesOK>
</rapport>`;

describe.skipIf(reason)(titled('browser: transmission to the Caisse des Dépôts', reason), () => {
  const suite = useBrowserSuite();
  const { errors } = suite;
  const signIn = (email: string) => suite.signIn(email, { acceptDownloads: true });

  it('lets the admin follow the deadlines, export a batch, import its processing report and correct a KO passage', async () => {
    const token = await loginAs(suite.server.graphqlUrl, 'admin@demo.certijury.fr');
    const expected = (await gql(suite.server.graphqlUrl, '{ cdcDeadlines { pending rejected atRisk late } }', {}, { token })).data!.cdcDeadlines;
    expect(expected.pending).toBe(4);

    // The dashboard: the CDC counts beside what it already showed.
    const page = await signIn('admin@demo.certijury.fr');
    expect(new URL(page.url()).pathname).toBe('/admin');
    const card = page.getByTestId('cdc-deadlines');
    await card.getByTestId('cdc-count-pending').waitFor({ timeout: 10_000 });
    for (const key of ['pending', 'rejected', 'atRisk', 'late'] as const) {
      expect(await card.getByTestId(`cdc-count-${key}`).getAttribute('data-count'), key).toBe(String(expected[key]));
    }
    expect(await card.textContent()).toMatch(/À transmettre\s*4/);
    expect(await card.textContent()).toMatch(/À risque \(moins de 30 jours\)/);
    await page.getByTestId('certification-card').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: resolve(artifacts, 'admin-dashboard.png'), fullPage: true });

    // The CDC page, from the dashboard card (the header links to it too).
    expect(await page.getByTestId('nav-admin-cdc').textContent()).toMatch(/Transmission CDC/);
    await card.getByTestId('cdc-open').click();
    await page.getByTestId('cdc-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/cdc');

    // Identifiers: the demo ones are set; a wrong client id is refused next to the field, then a right one is saved.
    const settings = page.getByTestId('cdc-settings');
    await expect.poll(() => settings.getByLabel('Identifiant client (idClient)').inputValue(), { timeout: 10_000 }).toBe('CJDEMO01');
    expect(await settings.getByLabel('Identifiant de contrat (idContrat)').inputValue()).toBe('MCFCER000123');
    await settings.getByLabel('Identifiant client (idClient)').fill('ABC');
    await settings.getByRole('button', { name: 'Enregistrer les identifiants' }).click();
    await expect.poll(() => settings.getByTestId('cdc-client-id-error').textContent(), { timeout: 10_000 }).toMatch(/exactement 8 caractères/);
    expect(await settings.getByLabel('Identifiant client (idClient)').getAttribute('aria-invalid')).toBe('true');
    await settings.getByLabel('Identifiant client (idClient)').fill('CJDEMO02');
    await settings.getByLabel('Identifiant de contrat (idContrat)').fill('MCFCER000124');
    await settings.getByRole('button', { name: 'Enregistrer les identifiants' }).click();
    await expect.poll(() => settings.getByTestId('cdc-settings-notice').textContent(), { timeout: 10_000 }).toMatch(/enregistrés/);
    expect(await settings.getByTestId('cdc-client-id-error').count()).toBe(0);

    // The next batch: three passages ready, one blocked with exactly what it lacks.
    const preview = page.getByTestId('cdc-preview');
    await expect.poll(() => preview.getByTestId('cdc-ready').getAttribute('data-count'), { timeout: 10_000 }).toBe('3');
    const blocked = preview.getByTestId('cdc-blocked');
    expect(await blocked.count()).toBe(1);
    expect(await blocked.textContent()).toMatch(/Pierre SIMON/);
    expect(await blocked.getByTestId('cdc-blocked-message').textContent()).toMatch(/code INSEE ou code postal de la commune de naissance : manquant/);
    expect(await blocked.getByTestId('cdc-blocked-issues').textContent()).toMatch(/numéro de dossier CPF : manquant/);

    // The passages, with their deadlines; filters by status and at risk.
    const rows = page.getByTestId('cdc-passage');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);
    expect(await rows.first().textContent()).toMatch(/jours restants|En retard|Échéance/);
    await page.getByTestId('cdc-at-risk-filter').check();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(expected.atRisk);
    expect(await page.locator('[data-testid="cdc-passage"][data-at-risk="false"]').count()).toBe(0);
    await page.getByTestId('cdc-at-risk-filter').uncheck();
    await page.getByTestId('cdc-status-filter').selectOption('REJECTED');
    await expect.poll(() => page.getByTestId('cdc-passages').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('#cdc-passages').getByTestId('empty-state').textContent()).toMatch(/Aucun passage ne correspond/);
    await page.getByTestId('cdc-status-filter').selectOption('');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(4);

    // Export: the button is busy, then the batch is announced and appears in the history.
    expect(await page.locator('#cdc-batches').getByTestId('empty-state').textContent()).toMatch(/Aucun lot/);
    await preview.getByRole('button', { name: 'Exporter le lot' }).click();
    const exported = preview.getByTestId('cdc-exported');
    await expect.poll(() => exported.textContent(), { timeout: 15_000 }).toMatch(/3 passage\(s\)/);
    expect(await exported.textContent()).toMatch(/1 passage laissé de côté/);
    const batchRow = page.getByTestId('cdc-batch');
    await expect.poll(() => batchRow.count(), { timeout: 10_000 }).toBe(1);
    const idFlux = (await batchRow.getAttribute('data-batch-id'))!;
    expect(await batchRow.getByTestId('cdc-batch-count').textContent()).toBe('3');
    expect(await batchRow.getByTestId('cdc-batch-report').textContent()).toMatch(/En attente de l’accusé/);
    await expect.poll(() => preview.getByTestId('cdc-ready').getAttribute('data-count'), { timeout: 10_000 }).toBe('0');
    await expect.poll(() => page.locator('[data-testid="cdc-passage"][data-status="SENT"]').count(), { timeout: 10_000 }).toBe(3);

    // The file downloads with the admin's token.
    const [download] = await Promise.all([page.waitForEvent('download'), batchRow.getByTestId('cdc-download').click()]);
    const xml = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.xml$/);
    expect(xml).toContain(`<cpf:idFlux>${idFlux}</cpf:idFlux>`);
    expect(xml).toContain('<cpf:idClient>CJDEMO02</cpf:idClient>');
    const ids = [...xml.matchAll(/<(?:\w+:)?idTechnique>([^<]+)</g)].map((match) => match[1]!);
    expect(ids).toHaveLength(3);

    // The processing report, built from the exported file: one OK, one KO, one unknown id.
    const report = processingReport(idFlux, 'TRT-NAV-1', [ids[0]!, 'CJ-INCONNU'], [[ids[1]!, 'Plusieurs titulaires ont été identifiés']]);
    const importForm = page.getByTestId('cdc-report-form');
    await importForm.getByRole('button', { name: 'Importer l’accusé' }).click();
    expect(await importForm.locator('.field-error').textContent()).toMatch(/Choisissez le fichier XML/);
    await importForm.getByLabel('Fichier de l’accusé (XML)').setInputFiles({ name: 'accuse-traitement.xml', mimeType: 'application/xml', buffer: Buffer.from(report) });
    await importForm.getByRole('button', { name: 'Importer l’accusé' }).click();
    const result = importForm.getByTestId('cdc-report-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-duplicate')).toBe('false');
    expect(await result.textContent()).toMatch(new RegExp(`Accusé TRT-NAV-1 importé pour le lot ${idFlux}`));
    expect(await result.getByTestId('cdc-report-accepted').textContent()).toBe('1');
    expect(await result.getByTestId('cdc-report-rejected').textContent()).toBe('1');
    expect(await result.getByTestId('cdc-report-unknown').textContent()).toBe('1');
    expect(await result.textContent()).toMatch(/CJ-INCONNU : identifiant technique inconnu/);
    await expect.poll(() => batchRow.getByTestId('cdc-batch-report').textContent(), { timeout: 10_000 }).toMatch(/1 accepté\(s\) · 1 rejeté\(s\) · 1 inconnu\(s\)/);
    expect(await batchRow.getByTestId('cdc-batch-report').textContent()).toMatch(/TRT-NAV-1/);

    // The same report again changes nothing.
    await importForm.getByLabel('Fichier de l’accusé (XML)').setInputFiles({ name: 'accuse-traitement.xml', mimeType: 'application/xml', buffer: Buffer.from(report) });
    await importForm.getByRole('button', { name: 'Importer l’accusé' }).click();
    await expect.poll(() => result.getAttribute('data-duplicate'), { timeout: 10_000 }).toBe('true');
    expect(await result.textContent()).toMatch(/déjà été importé : rien n’a changé/);

    // The KO passage shows the CDC's message; its correction refuses an invalid INSEE code inline, then goes through.
    const rejected = page.locator('[data-testid="cdc-passage"][data-status="REJECTED"]');
    await expect.poll(() => rejected.count(), { timeout: 10_000 }).toBe(1);
    expect(await rejected.getByTestId('cdc-rejection').textContent()).toBe('Plusieurs titulaires ont été identifiés');
    expect(await page.locator('[data-testid="cdc-passage"][data-status="ACCEPTED"]').count()).toBe(1);
    await rejected.getByRole('button', { name: 'Corriger' }).click();
    const correction = page.getByTestId('cdc-correct-form');
    await correction.waitFor();
    await correction.getByLabel('Code INSEE de la commune de naissance').fill('123');
    await correction.getByRole('button', { name: 'Corriger le passage' }).click();
    const inseeError = correction.getByTestId('cdc-correct-error');
    await inseeError.first().waitFor({ timeout: 10_000 });
    expect(await correction.getByLabel('Code INSEE de la commune de naissance').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: resolve(artifacts, 'admin-cdc-correction.png'), fullPage: true });
    await correction.getByLabel('Code INSEE de la commune de naissance').fill('21231');
    await correction.getByLabel('Deuxième prénom').fill('Anne');
    await correction.getByRole('button', { name: 'Corriger le passage' }).click();
    await expect.poll(() => page.getByTestId('cdc-passages-notice').textContent(), { timeout: 10_000 }).toMatch(/corrigé : il partira dans le prochain lot/);
    await expect.poll(() => rejected.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => preview.getByTestId('cdc-ready').getAttribute('data-count'), { timeout: 10_000 }).toBe('1');

    await page.getByTestId('cdc-page').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(artifacts, 'admin-cdc.png'), fullPage: true });

    // Back on the dashboard, the counts follow.
    await page.getByTestId('nav-area').click();
    await expect.poll(() => page.getByTestId('cdc-count-pending').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
