// Staff pages in a real browser: a juror declares a conflict of interest with a training organisation;
// an admin reads the exam sessions (slots, bookings, juries), checks a booking's jurors against the
// independence rules, and adds a series of slots. Screenshots go to test/artifacts/ (ignored by git).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gql, loginAs } from '../support/graphql.ts';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';
import { todaysOral } from '../support/oral.ts';

const artifacts = artifactsDir;
const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: conflicts of interest, sessions and juries', reason), () => {
  const suite = useBrowserSuite();
  const { errors } = suite;
  const { signIn } = suite;

  it('lets a juror declare a conflict of interest with a training organisation or a candidate of their orals', async () => {
    const page = await signIn('juror2@demo.certijury.fr');
    await page.getByTestId('nav-juror-conflicts').click();
    await page.getByTestId('conflicts-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/juror/conflicts');
    const before = await page.getByTestId('conflict-row').count();
    // Both fields are required.
    await page.getByTestId('conflict-submit').click();
    await expect(page.getByTestId('conflict-form').textContent()).resolves.toMatch(/Choisissez l’organisme de formation ou le candidat/);
    await page.getByTestId('conflict-partner').selectOption({ label: 'Atelier Compétences' });
    await page.getByTestId('conflict-reason').fill('Formateur occasionnel en 2025.');
    await page.getByTestId('conflict-submit').click();
    await expect.poll(() => page.getByTestId('conflict-notice').textContent(), { timeout: 10_000 }).toMatch(/Atelier Compétences/);
    await expect.poll(() => page.getByTestId('conflict-row').count()).toBe(before + 1);
    expect(await page.getByTestId('conflict-row').first().textContent()).toMatch(/Formateur occasionnel/);
    // Or with a candidate of one of the juror's orals.
    await page.getByTestId('conflict-partner').selectOption({ label: 'Zoé FOURNIER' });
    await page.getByTestId('conflict-reason').fill('Ma cousine.');
    await page.getByTestId('conflict-submit').click();
    await expect.poll(() => page.getByTestId('conflict-notice').textContent(), { timeout: 10_000 }).toMatch(/Zoé FOURNIER/);
    await expect.poll(() => page.getByTestId('conflict-row').count()).toBe(before + 2);
    expect(await page.getByTestId('conflict-row').first().textContent()).toMatch(/Candidat : Zoé FOURNIER/);
    await page.screenshot({ path: resolve(artifacts, 'juror-conflicts.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('lets the admin create a session, add slots, check a booking’s jurors for independence, compose a jury and assign it', async () => {
    const page = await signIn('admin@demo.certijury.fr');
    await page.getByTestId('nav-admin-sessions').click();
    await page.getByTestId('admin-session').first().waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/admin/sessions');
    expect(await page.getByTestId('error-message').count()).toBe(0);
    await page.getByTestId('session-jury').first().waitFor({ timeout: 10_000 });

    // A remote session in two weeks, without a jury.
    const day = new Date(Date.now() + 14 * 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const at = (hours: number) => `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T${pad(hours)}:00`;
    const create = page.getByTestId('create-session');
    const certification = create.getByLabel('Certification');
    const rsLabel = (await certification.locator('option').allTextContents()).find((label) => label.startsWith('RS5302'))!;
    await certification.selectOption({ label: rsLabel });
    await create.getByLabel('Intitulé').fill('Session navigateur');
    await create.getByLabel('Modalité').selectOption('REMOTE');
    await create.getByLabel('Début').fill(at(9));
    await create.getByLabel('Fin').fill(at(12));
    await create.getByLabel(/Lien de visioconférence/).fill('https://visio.demo.certijury.fr/session-navigateur');
    await create.getByRole('button', { name: 'Créer la session' }).click();
    await expect.poll(() => create.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/Session navigateur/);
    const session = page.getByTestId('admin-session').filter({ hasText: 'Session navigateur' });
    await session.waitFor({ timeout: 10_000 });
    const sessionId = (await session.getAttribute('data-session-id'))!;

    // Three slots, every 45 minutes from 9:00.
    await session.getByTestId('fold-add-slots').locator('summary').click();
    const slotsForm = session.getByTestId('add-slots');
    await slotsForm.getByTestId('slots-start').fill(at(9));
    await slotsForm.getByLabel('Nombre de créneaux').fill('3');
    await slotsForm.getByLabel('Intervalle (minutes)').fill('45');
    await slotsForm.getByRole('button', { name: 'Ajouter les créneaux' }).click();
    await expect.poll(() => session.getByTestId('admin-slot').count(), { timeout: 10_000 }).toBe(3);

    // Chloé DUBOIS (Formapro Conseil) books the first one: no jury can examine her yet.
    const candidate = await loginAs(suite.server.graphqlUrl, 'candidate03@demo.certijury.fr');
    const attemptId = (await gql(suite.server.graphqlUrl, '{ myAttempts { id state } }', {}, { token: candidate })).data!.myAttempts
      .find((attempt: any) => attempt.state === 'FILE_ACKNOWLEDGED').id;
    const bookable = (await gql(suite.server.graphqlUrl, 'query ($id: ID!) { bookableSlots(attemptId: $id) { id startsAt session { id } } }', { id: attemptId }, { token: candidate })).data!.bookableSlots;
    const slot = bookable.find((item: any) => item.session.id === sessionId);
    const booked = await gql(suite.server.graphqlUrl, 'mutation ($a: ID!, $s: ID!) { bookSlot(attemptId: $a, slotId: $s) { id } }', { a: attemptId, s: slot.id }, { token: candidate });
    expect(booked.errors).toBeUndefined();
    await page.reload();
    const slotRow = session.locator(`[data-testid="admin-slot"][data-slot-id="${slot.id}"]`);
    await slotRow.waitFor({ timeout: 10_000 });
    expect(await slotRow.textContent()).toMatch(/1 \/ 1/);

    // Each juror's eligibility, with the reasons (juror6 trains at Formapro).
    const booking = slotRow.locator('[data-testid="admin-booking"][data-has-oral="false"]');
    await booking.getByTestId('check-jury').click();
    await booking.getByTestId('eligibility-row').first().waitFor({ timeout: 10_000 });
    const ineligible = booking.locator('[data-testid="eligibility-row"][data-eligible="false"]');
    expect(await ineligible.count()).toBeGreaterThan(0);
    expect(await ineligible.first().textContent()).toMatch(/Inéligible/);
    const eligible = await booking.locator('[data-testid="eligibility-row"][data-eligible="true"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-juror-id')!));
    expect(eligible.length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: resolve(artifacts, 'admin-sessions-eligibility.png'), fullPage: true });

    // A jury of three eligible jurors for the session, then assigned to the booking.
    await session.getByTestId('fold-compose-jury').locator('summary').click();
    const compose = session.getByTestId('compose-jury');
    for (const [index, jurorId] of eligible.slice(0, 3).entries()) {
      await compose.locator(`[data-testid="jury-juror"][data-juror-id="${jurorId}"] select`).selectOption(index === 0 ? 'PRESIDENT' : 'MEMBER');
    }
    await compose.getByRole('button', { name: 'Composer le jury' }).click();
    await expect.poll(() => compose.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/composé/);
    await session.getByTestId('session-jury').first().waitFor({ timeout: 10_000 });
    await booking.getByTestId('assign-jury-select').selectOption({ index: 1 });
    await booking.getByTestId('assign-jury').click();
    await slotRow.locator('[data-testid="admin-booking"][data-has-oral="true"]').filter({ hasText: 'Chloé' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets the admin review a suspected fraud: a reason is required, then the report is dismissed', async () => {
    const president = await loginAs(suite.server.graphqlUrl, 'juror1@demo.certijury.fr');
    const { oralId } = await todaysOral(suite.server.graphqlUrl, president);
    const { version } = (await gql(suite.server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { version } }', { id: oralId }, { token: president })).data!.oral;
    const reported = await gql(
      suite.server.graphqlUrl,
      'mutation ($id: ID!, $s: String!, $v: Int!) { reportFraud(oralId: $id, statement: $s, expectedVersion: $v) { lockedAt } }',
      { id: oralId, s: 'Une seconde personne souffle les réponses hors champ.', v: version },
      { token: president },
    );
    expect(reported.errors).toBeUndefined();

    const page = await signIn('admin@demo.certijury.fr');
    await page.getByTestId('nav-admin-sessions').click();
    const report = page.getByTestId('fraud-report').filter({ hasText: 'souffle les réponses' });
    await report.waitFor({ timeout: 10_000 });
    expect(await report.textContent()).toMatch(/Nicolas PETIT/);
    await report.getByTestId('fraud-dismiss').click();
    await expect(report.locator('.field-error').textContent()).resolves.toMatch(/motif est obligatoire/);
    await report.getByTestId('fraud-reason').fill('Vérification faite : personne d’autre dans la pièce.');
    await report.getByTestId('fraud-dismiss').click();
    await expect.poll(() => page.getByTestId('fraud-report').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('fraud-reports').textContent()).toMatch(/classé sans suite/);
    const oral = (await gql(suite.server.graphqlUrl, 'query ($id: ID!) { oral(id: $id) { lockedAt } }', { id: oralId }, { token: president })).data!.oral;
    expect(oral.lockedAt).toBeNull();
    expect(errors).toEqual([]);
  }, 90_000);
});
