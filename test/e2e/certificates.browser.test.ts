// Certificates in a real browser: once Sarah DURAND's result is published, her journey page lists her
// certificate (PDF, signed JSON, verification link, LinkedIn); the public verification page (no login) shows it
// valid with every check, and so does /verify with the JSON pasted, while a tampered JSON is refused; after an
// admin revokes it from the dashboard (a reason is required), the public page shows it revoked, with the reason.
// Screenshots: test/artifacts/candidate-certificate.png, admin-certificates.png, certificate-verified.png, certificate-revoked.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: a certificate anyone can verify, then revoked', reason), () => {
  const suite = useBrowserSuite();
  const { errors, signIn } = suite;

  it('the candidate finds her certificate; the public page shows it valid, then revoked', async () => {
    const { server } = suite;
    // Publication (the results browser test covers the dashboard's button): through the API.
    const adminToken = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    const toPublish = (await gql(server.graphqlUrl, `{ resultsToPublish { id candidateName } }`, {}, { token: adminToken })).data!.resultsToPublish as any[];
    const sarahResult = toPublish.find((row) => row.candidateName === 'Sarah DURAND');
    const published = await gql(server.graphqlUrl, `mutation ($id: ID!) { publishResult(resultId: $id) { id } }`, { id: sarahResult.id }, { token: adminToken });
    expect(published.errors).toBeUndefined();

    const sarah = await signIn('candidate07@demo.certijury.fr');
    const certificate = sarah.getByTestId('certificate').first();
    await certificate.waitFor({ timeout: 10_000 });
    const certificateId = (await certificate.getAttribute('data-id'))!;
    expect(await certificate.getByTestId('certificate-pdf').getAttribute('href')).toBe(`/certificates/${certificateId}.pdf`);
    expect(await certificate.getByTestId('certificate-json').getAttribute('href')).toBe(`${server.url}/credentials/${certificateId}`);
    const linkedIn = new URL((await certificate.getByTestId('certificate-linkedin').getAttribute('href'))!);
    expect(linkedIn.hostname).toBe('www.linkedin.com');
    expect(linkedIn.searchParams.get('certUrl')).toBe(`${server.url}/verify/${certificateId}`);
    await certificate.scrollIntoViewIfNeeded();
    await certificate.screenshot({ path: resolve(artifactsDir, 'candidate-certificate.png') });

    // The public page, in a context with no session at all.
    const visitorContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}/verify/${certificateId}`);
    const status = visitor.getByTestId('verify-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('valid');
    expect(await status.textContent()).toMatch(/Certificat valide/);
    expect(await visitor.getByTestId('verify-holder').textContent()).toBe('Sarah DURAND');
    const checks = visitor.getByTestId('verify-check');
    expect(await checks.count()).toBe(5);
    expect(await visitor.locator('[data-testid="verify-check"][data-ok="false"]').count()).toBe(0);
    await visitor.screenshot({ path: resolve(artifactsDir, 'certificate-verified.png'), fullPage: true });

    // /verify with the JSON pasted: valid; with the holder's name changed: not valid.
    const credential = await (await fetch(`${server.url}/credentials/${certificateId}`)).json();
    await visitor.goto(`${server.url}/verify`);
    await visitor.getByTestId('verify-json').fill(JSON.stringify(credential));
    await visitor.getByTestId('verify-submit').click();
    await expect.poll(() => visitor.getByTestId('verify-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('valid');
    const tampered = structuredClone(credential);
    tampered.credentialSubject.identifier[0].identityHash = 'Mallory DURAND';
    await visitor.getByTestId('verify-json').fill(JSON.stringify(tampered));
    await visitor.getByTestId('verify-submit').click();
    await expect.poll(() => visitor.getByTestId('verify-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('invalid');
    expect(await visitor.locator('[data-testid="verify-check"][data-name="SIGNATURE"]').getAttribute('data-ok')).toBe('false');

    // The achievement's URL in the credential: the catalogue page of that certification for people.
    const achievement = credential.credentialSubject.achievement;
    await visitor.goto(achievement.id);
    await visitor.getByTestId('catalogue-achievement').waitFor({ timeout: 10_000 });
    const cards = visitor.getByTestId('certification-card');
    expect(await cards.count()).toBe(1);
    expect(achievement.id).toContain(`/achievements/${await cards.first().getAttribute('data-code')}`);

    // The admin revokes it from the dashboard; the reason is required.
    const admin = await signIn('admin@demo.certijury.fr');
    const card = admin.getByTestId('certificates-card');
    const issuedRow = card.locator(`[data-testid="issued-certificate"][data-id="${certificateId}"]`);
    await issuedRow.waitFor({ timeout: 10_000 });
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: resolve(artifactsDir, 'admin-certificates.png') });
    await issuedRow.getByTestId('revoke-certificate').click();
    const dialog = admin.locator('dialog[open]');
    await dialog.getByTestId('confirm-accept').click();
    expect(await dialog.textContent()).toMatch(/Indiquez le motif/);
    await dialog.getByTestId('revoke-reason').fill('Fraude au dossier projet (plagiat avéré)');
    await dialog.getByTestId('confirm-accept').click();
    await expect.poll(() => card.getByTestId('certificates-notice').textContent(), { timeout: 10_000 }).toMatch(/Certificat de Sarah DURAND révoqué/);

    await visitor.goto(`${server.url}/verify/${certificateId}`);
    await expect.poll(() => visitor.getByTestId('verify-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('revoked');
    expect(await visitor.getByTestId('verify-status').textContent()).toMatch(/Certificat révoqué/);
    // The public page gives the revocation's code (its label), never the admin's words.
    expect(await visitor.getByTestId('verify-revocation').textContent()).toMatch(/décision de l’organisme certificateur/);
    expect(await visitor.getByTestId('verify-revocation').textContent()).not.toMatch(/plagiat/);
    expect(await visitor.locator('[data-testid="verify-check"][data-name="NOT_REVOKED"]').getAttribute('data-ok')).toBe('false');
    await visitor.screenshot({ path: resolve(artifactsDir, 'certificate-revoked.png'), fullPage: true });

    // Sarah's page says so too, live, and no longer offers LinkedIn; English has no untranslated key.
    await expect.poll(() => sarah.getByTestId('certificate').first().getAttribute('data-revoked'), { timeout: 10_000 }).toBe('true');
    expect(await sarah.getByTestId('certificate-linkedin').count()).toBe(0);
    await visitor.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => visitor.getByTestId('verify-status').textContent()).toMatch(/Revoked certificate/);
    expect(await visitor.locator('main').innerText()).not.toMatch(/\b(verify|certificates)\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);
});
