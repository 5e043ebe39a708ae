// The candidate's project file upload in a real browser (issue 10, "project file upload with progress"): Léa
// MARTIN (candidate01, registered) is asked for a file before sending, sees the server refuse a file that is not
// a document (in French), sends her PDF on a slowed-down connection and watches the progress bar, finds it on
// file (version 1, awaiting acknowledgment, attempt FILE_SUBMITTED), then starts a second version and cancels it.
// Screenshot: test/artifacts/project-file-upload.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
/** A real PDF header, padded to 600 kB so that a slowed upload takes a few seconds. */
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(600_000, '%'), Buffer.from('\n%%EOF\n')]);

/** Uploads at `bytesPerSecond` (Chromium's network emulation, through the DevTools protocol). */
async function slowUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

describe.skipIf(reason)(titled('browser: a candidate uploads her project file and follows its progress', reason), () => {
  const suite = useBrowserSuite();

  it('asks for a file, shows a refusal, uploads with progress, and cancels a second version', async () => {
    const lea = await suite.signIn('candidate01@demo.certijury.fr');
    const box = lea.getByTestId('project-file').first();
    await box.waitFor({ timeout: 10_000 });
    await box.getByTestId('project-file-none').waitFor({ timeout: 10_000 });
    expect(await lea.getByTestId('attempt-row').first().textContent()).toMatch(/Inscription/);

    // Nothing chosen: said in place, focus on the field, nothing sent.
    await box.getByTestId('project-file-send').click();
    await expect(box.getByTestId('project-file-missing').textContent()).resolves.toMatch(/Choisissez d’abord un fichier/);
    await expect.poll(() => box.getByTestId('project-file-input').evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await box.getByTestId('project-file-input').getAttribute('aria-invalid')).toBe('true');

    // Not a document: the server's French message (415), shown beside the form.
    suite.expectConsoleErrors(/^Failed to load resource: the server responded with a status of 415 \(Unsupported Media Type\) \(https?:\/\/[^/]+\/uploads\/project-file\?attemptId=[^:]+:\d+\)$/);
    await box.getByTestId('project-file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Ceci est un simple fichier texte.') });
    expect(await box.getByTestId('project-file-missing').count()).toBe(0);
    await box.getByTestId('project-file-send').click();
    await expect(box.getByTestId('error-message').textContent()).resolves.toMatch(/Type de fichier non accepté/);
    await expect.poll(() => box.getAttribute('data-state')).toBe('error');

    // The PDF on a slow line: the progress bar moves, then the file is on record.
    await slowUploads(lea, 150_000);
    await box.getByTestId('project-file-input').setInputFiles({ name: 'Dossier_professionnel_Martin_Lea.pdf', mimeType: 'application/pdf', buffer: pdf });
    await box.getByTestId('project-file-send').click();
    const progress = box.getByTestId('project-file-progress');
    await progress.waitFor({ timeout: 5_000 });
    await expect.poll(async () => {
      const percent = Number(/(\d+)/.exec((await box.getByTestId('project-file-percent').textContent()) ?? '')?.[1] ?? 0);
      return percent > 0 && percent < 100;
    }, { timeout: 10_000, intervals: [100] }).toBe(true);
    expect(Number(await progress.getAttribute('max'))).toBeGreaterThanOrEqual(pdf.length);
    expect(await box.getByTestId('project-file-send').isDisabled()).toBe(true);
    await lea.screenshot({ path: resolve(artifactsDir, 'project-file-upload.png'), fullPage: true });

    await expect.poll(() => lea.getByTestId('journey-notice').textContent(), { timeout: 30_000 }).toMatch(/Dossier projet envoyé \(version 1\)/);
    const current = box.getByTestId('project-file-current');
    await current.waitFor({ timeout: 10_000 });
    expect(await current.getAttribute('data-version')).toBe('1');
    expect(await current.textContent()).toMatch(/Dossier_professionnel_Martin_Lea\.pdf/);
    expect(await current.textContent()).toMatch(/En attente de l’accusé de réception/);
    await expect.poll(() => lea.getByTestId('attempt-row').first().textContent()).toMatch(/Dossier déposé/);
    const token = await loginAs(suite.server.graphqlUrl, 'candidate01@demo.certijury.fr');
    const mine = (await gql(suite.server.graphqlUrl, '{ myAttempts { state projectFiles { version file { size } } } }', {}, { token })).data!.myAttempts;
    expect(mine[0]).toMatchObject({ state: 'FILE_SUBMITTED', projectFiles: [{ version: 1, file: { size: pdf.length } }] });

    // A second version, cancelled midway: nothing recorded.
    await slowUploads(lea, 50_000);
    expect(await box.locator('label').textContent()).toMatch(/Remplacer par une nouvelle version/);
    await box.getByTestId('project-file-input').setInputFiles({ name: 'Dossier_v2.pdf', mimeType: 'application/pdf', buffer: pdf });
    await box.getByTestId('project-file-send').click();
    await box.getByTestId('project-file-cancel').click();
    await expect(box.getByTestId('error-message').textContent()).resolves.toMatch(/Envoi annulé/);
    const after = (await gql(suite.server.graphqlUrl, '{ myAttempts { projectFiles { version } } }', {}, { token })).data!.myAttempts;
    expect(after[0].projectFiles).toHaveLength(1);

    // English on demand, with no untranslated key.
    await lea.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => box.getByTestId('project-file-current').textContent()).toMatch(/Awaiting the certifier’s acknowledgment/);
    expect(await lea.locator('main').innerText()).not.toMatch(/\bprojectFile\.[a-zA-Z]/);
    expect(suite.errors).toEqual([]);
  }, 120_000);
});
