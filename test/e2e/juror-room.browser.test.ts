// The juror console in a real browser: three jurors in the live oral room of Nicolas PETIT, from the
// waiting room to the signed minutes. The identity check (document type only), a fraud report that
// freezes the room until the certifier dismisses it, blind scoring with live progress, offline scores
// kept and sent back online, deliberation, a stale write refused (CONFLICT) and redone, decision and signatures.
// juror2 sits at a touch tablet (820×1180) and scores with taps. Screenshots go to test/artifacts/ (ignored by git):
// juror-room.png (scoring in progress), juror-room-offline.png, juror-room-deliberation.png, juror-room-fraud.png.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, NETWORK_CUT_ERRORS, signInThroughForm, useBrowserSuite } from '../support/browser.ts';
import { AGREE, ROOM, SCORE, todaysOral } from '../support/oral.ts';

const artifacts = artifactsDir;
const reason = browserSkipReason;

const JURORS = ['juror1', 'juror2', 'juror3'] as const;
const TABLET = { width: 820, height: 1180 };
type Who = (typeof JURORS)[number];

interface Seat {
  context: BrowserContext;
  page: Page;
  id: string;
  token: string;
}

describe.skipIf(reason)(titled('browser: the juror room, from the waiting room to the signed minutes', reason), () => {
  let server: TestServer;
  let browser: Browser;
  let oralId: string;
  let criteria: Awaited<ReturnType<typeof todaysOral>>['criteria'];
  let competences: Awaited<ReturnType<typeof todaysOral>>['competences'];
  const seats = {} as Record<Who, Seat>;
  // Page and console errors of every juror's page fail the test they happen in.
  const suite = useBrowserSuite();

  beforeAll(async () => {
    ({ server, browser } = suite);
    for (const who of JURORS) {
      const token = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
      const me = await gql(server.graphqlUrl, '{ me { id } }', {}, { token });
      // juror2 works on a touch tablet (820×1180, portrait); the others on laptops.
      const device = who === 'juror2' ? { viewport: TABLET, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 900 } };
      const context = await browser.newContext({ ...device, locale: 'fr-FR' });
      const page = await context.newPage();
      seats[who] = { context, page, id: me.data!.me.id, token };
    }
    ({ oralId, criteria, competences } = await todaysOral(server.graphqlUrl, seats.juror1.token));
  });

  const page = (who: Who) => seats[who].page;
  const criterion = (who: Who, criterionId: string) =>
    page(who).locator(`[data-testid="criterion"][data-criterion-id="${criterionId}"]`);
  const option = (who: Who, criterionId: string, value: number) =>
    criterion(who, criterionId).locator(`[data-testid="score-option"][data-value="${value}"]`);
  const progress = (who: Who, of: Who) =>
    page(who).locator(`[data-testid="juror-progress"][data-juror-id="${seats[of].id}"]`);
  const phaseIs = (who: Who, phase: string) =>
    page(who).locator(`[data-testid="phase"][data-phase="${phase}"]`).waitFor({ timeout: 10_000 });
  const competence = (index: number) => competences[index];
  const criteriaOf = (index: number) => criteria.filter((item) => item.competenceId === competence(index).id);
  const room = async (who: Who) => (await gql(server.graphqlUrl, ROOM, { id: oralId }, { token: seats[who].token })).data!.oral;

  /** Click (tap, on juror2's tablet) a score and wait until the server has it (the criterion shows its saved tick). */
  async function score(who: Who, criterionId: string, value: number) {
    if (who === 'juror2') await option(who, criterionId, value).tap();
    else await option(who, criterionId, value).click();
    await expect.poll(() => option(who, criterionId, value).getAttribute('aria-checked')).toBe('true');
    await criterion(who, criterionId).and(page(who).locator('[data-state="saved"]')).waitFor({ timeout: 10_000 });
  }

  it('opens the room of Nicolas PETIT from each juror’s list, with everyone present', async () => {
    for (const who of JURORS) {
      const p = page(who);
      await signInThroughForm(p, server.url, `${who}@demo.certijury.fr`);
      await p.getByTestId('oral-link').filter({ hasText: 'Nicolas PETIT' }).click();
      await p.getByTestId('oral-room').waitFor();
      expect(new URL(p.url()).pathname).toBe(`/juror/orals/${oralId}`);
      await expect.poll(() => p.getByTestId('room-title').textContent()).toBe('Nicolas PETIT');
      await phaseIs(who, 'WAITING');
      await expect.poll(() => p.getByTestId('criterion').count()).toBe(criteria.length);
    }
    // Presence: each sees the three jurors connected.
    for (const who of JURORS) {
      await expect.poll(() => page(who).locator('[data-testid="juror-progress"][data-connected="true"]').count(), { timeout: 10_000 }).toBe(3);
    }
    // Before the presentation nobody can score, and says why.
    await expect(page('juror2').getByTestId('scoring-closed').textContent()).resolves.toMatch(/présentation/);
    await option('juror2', criteria[0].id, 3).click({ force: true });
    expect(await option('juror2', criteria[0].id, 3).getAttribute('aria-checked')).toBe('false');
    // Only the president drives the phases, checks the identity and reports fraud.
    for (const who of ['juror2', 'juror3'] as const) {
      expect(await page(who).getByTestId('next-phase').count()).toBe(0);
      expect(await page(who).getByTestId('identity-check').count()).toBe(0);
      expect(await page(who).getByTestId('report-fraud').count()).toBe(0);
    }
    // In the waiting room the president confirms the identity rather than moving the phase.
    expect(await page('juror1').getByTestId('next-phase').count()).toBe(0);
    await page('juror1').getByTestId('identity-check').waitFor();
  }, 120_000);

  it('has the president confirm the identity on a document type (nothing else is recorded)', async () => {
    const p1 = page('juror1');
    const form = p1.getByTestId('identity-check');
    expect(await form.textContent()).toMatch(/Seul le type de pièce est enregistré/);
    // The document type is required.
    await p1.getByTestId('confirm-identity').click();
    await expect(p1.getByTestId('identity-required').textContent()).resolves.toMatch(/Choisissez le type de pièce/);
    await expect.poll(() => p1.getByTestId('identity-document').evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await p1.getByTestId('identity-document').locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Carte nationale d’identité', 'Passeport', 'Titre de séjour', 'Permis de conduire']),
    );
    await p1.getByTestId('identity-document').selectOption('PASSPORT');

    // A refusal by the independence rules shows the server's messages, and nothing moves.
    await p1.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('mutation ConfirmCandidateIdentity')) return route.continue();
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          errors: [{
            message: 'Le jury ne respecte pas les règles d’indépendance.',
            extensions: { code: 'JUROR_INELIGIBLE', ineligible: [{ code: 'DECLARED_CONFLICT', jurorId: seats.juror3.id, candidateId: 'c', message: 'Thomas Nguyen a déclaré un conflit d’intérêts avec ce candidat.' }] },
          }],
        }),
      });
    });
    await p1.getByTestId('confirm-identity').click();
    const refusal = p1.getByTestId('identity-check').getByTestId('error-message');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toMatch(/règles d’indépendance/);
    expect(await refusal.textContent()).toMatch(/Thomas Nguyen a déclaré un conflit d’intérêts/);
    await p1.unroute('**/graphql');
    await phaseIs('juror1', 'WAITING');

    await p1.getByTestId('confirm-identity').click();
    for (const who of JURORS) {
      await phaseIs(who, 'IDENTITY_CHECKED');
      await expect.poll(() => page(who).getByTestId('identity-checked').textContent()).toMatch(/Passeport/);
    }
    expect(await p1.getByTestId('identity-check').count()).toBe(0);
    const checked = await gql(server.graphqlUrl, '{ oral(id: "' + oralId + '") { identityDocumentType identityCheckedAt } }', {}, { token: seats.juror1.token });
    expect(checked.data!.oral).toMatchObject({ identityDocumentType: 'PASSPORT' });
  }, 120_000);

  it('freezes the room when the president reports suspected fraud, until the certifier dismisses it', async () => {
    const p1 = page('juror1');
    await p1.getByTestId('report-fraud').click();
    const dialog = p1.locator('dialog[open]');
    await dialog.getByTestId('fraud-statement').waitFor();
    // A statement of at least 10 characters is required.
    await dialog.getByTestId('fraud-statement').fill('court');
    await dialog.getByTestId('confirm-accept').click();
    await expect(dialog.getByTestId('fraud-statement-error').textContent()).resolves.toMatch(/au moins 10 caractères/);
    await dialog.getByTestId('fraud-statement').fill('Le candidat consulte des notes dissimulées sous son bureau.');
    await dialog.getByTestId('confirm-accept').click();
    for (const who of JURORS) {
      const banner = page(who).getByTestId('fraud-banner');
      await banner.waitFor({ timeout: 10_000 });
      expect(await banner.textContent()).toMatch(/Passage gelé : suspicion de fraude signalée, en attente de l’examen par l’organisme/);
      expect(await page(who).getByTestId('next-phase').count()).toBe(0);
      expect(await page(who).getByTestId('report-fraud').count()).toBe(0);
      expect(await page(who).getByTestId('scoring-closed').textContent()).toMatch(/gelé/);
    }
    // The dialog closes on the mutation's answer, which may come after the room's event.
    await expect.poll(() => p1.locator('dialog[open]').count()).toBe(0);
    await p1.screenshot({ path: resolve(artifacts, 'juror-room-fraud.png') });

    // The certifier reviews it: dismissed, the oral resumes where it stopped.
    const admin = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    const reports = await gql(server.graphqlUrl, '{ fraudReports { id statement oral { id } } }', {}, { token: admin });
    const report = reports.data!.fraudReports.find((item: any) => item.oral?.id === oralId);
    expect(report.statement).toMatch(/notes dissimulées/);
    const review = await gql(
      server.graphqlUrl,
      'mutation ($id: ID!, $reason: String!) { reviewFraudReport(id: $id, outcome: DISMISSED, reason: $reason) { status } }',
      { id: report.id, reason: 'Feuille de brouillon autorisée, vérifiée par le surveillant.' },
      { token: admin },
    );
    expect(review.errors).toBeUndefined();
    for (const who of JURORS) {
      await expect.poll(() => page(who).getByTestId('fraud-banner').count(), { timeout: 10_000 }).toBe(0);
      await phaseIs(who, 'IDENTITY_CHECKED');
    }
    await p1.locator('[data-testid="next-phase"][data-to="PRESENTATION"]').waitFor();
  }, 120_000);

  it('lets the president start the oral through the UI; everyone follows, with the shared countdown', async () => {
    await page('juror1').locator('[data-testid="next-phase"][data-to="PRESENTATION"]').click();
    for (const who of JURORS) {
      await phaseIs(who, 'PRESENTATION');
      const countdown = page(who).getByTestId('countdown');
      await expect.poll(() => countdown.getAttribute('data-state')).toBe('normal');
      expect(await countdown.textContent()).toMatch(/1[45]:[0-5]\d/);
    }
  }, 120_000);

  it('scores blind: each juror sees the others’ progress live, never their values', async () => {
    const [c1, c2] = [criteriaOf(0), criteriaOf(1)];
    // juror1: C1.1 = 3 with a comment, C1.2 = 3 then 4 with the keyboard, C2.1 = 3.
    await score('juror1', c1[0].id, 3);
    await criterion('juror1', c1[0].id).getByTestId('comment').fill('Présentation claire et structurée.');
    await score('juror1', c1[1].id, 3);
    await option('juror1', c1[1].id, 3).focus();
    await page('juror1').keyboard.press('ArrowRight');
    await expect.poll(() => option('juror1', c1[1].id, 4).getAttribute('aria-checked')).toBe('true');
    await expect.poll(() => option('juror1', c1[1].id, 4).evaluate((element) => element === document.activeElement)).toBe(true);
    await score('juror1', c2[0].id, 3);
    // juror2: C1.1 = 3, C1.2 = 3 with a comment, C2.2 = 2 (a criterion juror1 has not scored).
    await score('juror2', c1[0].id, 3);
    await score('juror2', c1[1].id, 3);
    await criterion('juror2', c1[1].id).getByTestId('comment').fill('Avis de Thomas : exemples pertinents.');
    await score('juror2', c2[1].id, 2);
    // juror3: C1.1 = 2, C2.1 = 3.
    await score('juror3', c1[0].id, 2);
    await score('juror3', c2[0].id, 3);

    // Everyone sees everyone's progress (3, 3, 2) live.
    for (const who of JURORS) {
      await progress(who, 'juror1').and(page(who).locator('[data-scored="3"]')).waitFor({ timeout: 10_000 });
      await progress(who, 'juror2').and(page(who).locator('[data-scored="3"]')).waitFor({ timeout: 10_000 });
      await progress(who, 'juror3').and(page(who).locator('[data-scored="2"]')).waitFor({ timeout: 10_000 });
    }
    // The comments are saved (autosave once typing pauses).
    await expect.poll(async () => (await room('juror1')).myScores.find((s: any) => s.criterionId === c1[0].id)?.comment, { timeout: 10_000 })
      .toBe('Présentation claire et structurée.');
    await expect.poll(async () => (await room('juror1')).myScores.find((s: any) => s.criterionId === c1[1].id)?.value).toBe(4);
    await expect.poll(() => page('juror2').getByTestId('save-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');

    // Nobody sees another juror's values or comments before deliberation.
    for (const who of JURORS) {
      expect(await page(who).getByTestId('deliberation').count()).toBe(0);
      expect(await page(who).getByTestId('juror-value').count()).toBe(0);
    }
    const checked = async (who: Who, criterionId: string) =>
      criterion(who, criterionId).locator('[data-testid="score-option"][aria-checked="true"]').count();
    expect(await checked('juror1', c2[1].id)).toBe(0); // juror2 scored it 2
    expect(await checked('juror3', c1[1].id)).toBe(0); // juror1 and juror2 scored it
    expect(await option('juror3', c1[0].id, 2).getAttribute('aria-checked')).toBe('true'); // only their own
    expect(await option('juror3', c1[0].id, 3).getAttribute('aria-checked')).toBe('false');
    for (const who of ['juror1', 'juror3'] as const) {
      expect(await page(who).locator('body').innerText()).not.toContain('Avis de Thomas');
      const comments = await page(who).getByTestId('comment').evaluateAll((elements) => elements.map((element) => (element as HTMLTextAreaElement).value));
      expect(comments.join('|')).not.toContain('Avis de Thomas');
    }
    expect(await page('juror3').locator('body').innerText()).not.toContain('Présentation claire');
    await page('juror1').screenshot({ path: resolve(artifacts, 'juror-room.png') }); // scoring in progress
  }, 120_000);

  it('fits a portrait tablet: no horizontal scrolling, score targets of at least 44×44 px, scored with taps', async () => {
    const p2 = page('juror2');
    expect(p2.viewportSize()).toEqual(TABLET);
    expect(await p2.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    // Nothing wider than the screen: the page does not scroll sideways, and the grid lies within the viewport.
    const overflow = await p2.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);
    for (const testId of ['criterion', 'score-option', 'comment']) {
      const boxes = await p2.getByTestId(testId).evaluateAll((elements) => elements.map((element) => {
        const box = element.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }));
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(TABLET.width);
      }
    }
    // Every score control is a comfortable touch target (WCAG 2.5.5: 44×44 CSS px).
    const sizes = await p2.getByTestId('score-option').evaluateAll((elements) => elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { width: box.width, height: box.height };
    }));
    expect(sizes.length).toBe(criteria.length * 5); // a 0–4 scale
    for (const size of sizes) {
      expect(size.width).toBeGreaterThanOrEqual(44);
      expect(size.height).toBeGreaterThanOrEqual(44);
    }
    // So is the link that clears a score (shown beside a given score).
    const clears = await p2.locator('[data-testid="score-clear"]:visible').evaluateAll((elements) => elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { width: box.width, height: box.height };
    }));
    expect(clears.length).toBeGreaterThan(0);
    for (const size of clears) {
      expect(size.width).toBeGreaterThanOrEqual(44);
      expect(size.height).toBeGreaterThanOrEqual(44);
    }
    // The scores juror2 tapped above reached the server.
    const tapped = (await room('juror2')).myScores.filter((item: any) => item.value !== null);
    expect(tapped.length).toBe(3);
    await p2.screenshot({ path: resolve(artifacts, 'juror-room-tablet.png') });
  }, 60_000);

  it('keeps scores typed offline, shows them pending, and sends them when the network is back', async () => {
    const c3 = criteriaOf(2);
    const before = Number(await progress('juror1', 'juror2').getAttribute('data-scored'));
    suite.expectConsoleErrors(...NETWORK_CUT_ERRORS); // a request or socket in flight when the network goes may fail
    await seats.juror2.context.setOffline(true);
    await expect.poll(() => page('juror2').getByTestId('save-status').getAttribute('data-state')).toBe('offline');
    await option('juror2', c3[0].id, 3).tap();
    await option('juror2', c3[1].id, 4).tap();
    await criterion('juror2', c3[1].id).getByTestId('comment').fill('Noté hors ligne.');

    const status = page('juror2').getByTestId('save-status');
    await expect.poll(() => status.getAttribute('data-pending')).toBe('2');
    expect(await status.textContent()).toMatch(/Hors ligne — nouvelle tentative/);
    expect(await status.textContent()).toMatch(/2 modifications en attente/);
    for (const item of c3) expect(await criterion('juror2', item.id).getAttribute('data-state')).toBe('pending');
    // The input is kept on screen and on the device.
    expect(await option('juror2', c3[0].id, 3).getAttribute('aria-checked')).toBe('true');
    expect(await option('juror2', c3[1].id, 4).getAttribute('aria-checked')).toBe('true');
    expect(await criterion('juror2', c3[1].id).getByTestId('comment').inputValue()).toBe('Noté hors ligne.');
    const stored = await page('juror2').evaluate((key) => localStorage.getItem(key), `certijury.pending.${oralId}.${seats.juror2.id}`);
    expect(JSON.parse(stored!)).toMatchObject({ [c3[0].id]: { value: 3 }, [c3[1].id]: { value: 4, comment: 'Noté hors ligne.' } });
    await page('juror2').screenshot({ path: resolve(artifacts, 'juror-room-offline.png') });
    // Nothing reached the server meanwhile.
    await page('juror1').waitForTimeout(1000);
    expect(Number(await progress('juror1', 'juror2').getAttribute('data-scored'))).toBe(before);

    await seats.juror2.context.setOffline(false);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await status.getAttribute('data-pending')).toBe('0');
    for (const item of c3) await criterion('juror2', item.id).and(page('juror2').locator('[data-state="saved"]')).waitFor();
    await progress('juror1', 'juror2').and(page('juror1').locator(`[data-scored="${before + 2}"]`)).waitFor({ timeout: 10_000 });
    const saved = (await room('juror2')).myScores;
    expect(saved.find((s: any) => s.criterionId === c3[1].id)).toMatchObject({ value: 4, comment: 'Noté hors ligne.' });
    expect(await page('juror2').evaluate((key) => localStorage.getItem(key), `certijury.pending.${oralId}.${seats.juror2.id}`)).toBeNull();
  }, 120_000);

  it('keeps a score given offline on the device when the tab is closed, and sends it when the room is opened again', async () => {
    const [target, refusedTarget] = criteriaOf(4);
    const { context } = seats.juror2;
    // The juror closes the tab while two changes wait on the device (what the queue keeps in localStorage while
    // offline, see the test above): one the server will take, one it will refuse (a value off the scale, as
    // stale device data can be). Written from another page of the app, so that no room is open meanwhile.
    await page('juror2').close();
    const reopened = await context.newPage();
    seats.juror2.page = reopened;
    await reopened.goto(`${server.url}/juror`);
    const key = `certijury.pending.${oralId}.${seats.juror2.id}`;
    await reopened.evaluate(([storageKey, sent, refused]) => {
      const stored = JSON.parse(localStorage.getItem(storageKey) ?? '{}');
      stored[sent] = { value: 2, comment: null, at: Date.now() };
      stored[refused] = { value: 99, comment: null, at: Date.now() };
      localStorage.setItem(storageKey, JSON.stringify(stored));
    }, [key, target.id, refusedTarget.id]);
    expect((await room('juror2')).myScores.find((item: any) => item.criterionId === target.id)?.value ?? null).toBeNull();
    await reopened.goto(`${server.url}/juror/orals/${oralId}`);
    await reopened.getByTestId('oral-room').waitFor();
    await expect.poll(async () => (await room('juror2')).myScores.find((item: any) => item.criterionId === target.id)?.value, { timeout: 15_000 }).toBe(2);
    // The juror is told what the device kept and what became of it.
    const notice = reopened.getByTestId('restored-notice');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toMatch(/2 modifications gardées sur cet appareil.*1 envoyée, 1 refusée/s);
    await criterion('juror2', target.id).and(reopened.locator('[data-state="saved"]')).waitFor({ timeout: 10_000 });
    await criterion('juror2', refusedTarget.id).and(reopened.locator('[data-state="refused"]')).waitFor();
    expect(await criterion('juror2', refusedTarget.id).getByTestId('criterion-status').textContent()).toMatch(/Refusé par le serveur/);
    await criterion('juror2', refusedTarget.id).getByTestId('discard-change').click();
    await expect.poll(() => notice.textContent()).toMatch(/1 modification gardée sur cet appareil.*1 envoyée\./s);
    await notice.getByRole('button').click();
    expect(await notice.count()).toBe(0);
  }, 120_000);

  it('keeps a change the server refuses visible with its reason until the juror changes it', async () => {
    const [target] = criteriaOf(3);
    const p3 = page('juror3');
    // The server refuses the next save (as it would a value off the scale).
    await p3.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('mutation ScoreCriterion')) return route.continue();
      const message = 'La note doit être comprise entre 0 et 4.';
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'VALIDATION_FAILED', fields: [{ path: ['input', 'value'], message }] } }] }),
      });
    });
    await option('juror3', target.id, 4).click();
    await criterion('juror3', target.id).and(p3.locator('[data-state="refused"]')).waitFor({ timeout: 10_000 });
    expect(await criterion('juror3', target.id).getByTestId('criterion-status').textContent()).toMatch(/Refusé par le serveur : La note doit être comprise entre 0 et 4/);
    expect(await option('juror3', target.id, 4).getAttribute('aria-checked')).toBe('true'); // still shown
    await expect.poll(() => p3.getByTestId('save-status').getAttribute('data-state')).toBe('refused');
    await p3.unroute('**/graphql');
    // Not retried by itself; a new choice goes through.
    await p3.waitForTimeout(500);
    expect(await criterion('juror3', target.id).getAttribute('data-state')).toBe('refused');
    await score('juror3', target.id, 3);
    await expect.poll(() => p3.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
  }, 120_000);

  it('reveals every juror’s values side by side once the president opens deliberation', async () => {
    // The rest of the grid through the API: 3 everywhere, except juror3 gives 1 on the sixth competence.
    const disputed = competence(5);
    for (const who of JURORS) {
      const done = new Set((await room(who)).myScores.filter((s: any) => s.value !== null).map((s: any) => s.criterionId));
      for (const item of criteria) {
        if (done.has(item.id)) continue;
        const value = who === 'juror3' && item.competenceId === disputed.id ? 1 : 3;
        const result = await gql(server.graphqlUrl, SCORE, { input: { oralId, criterionId: item.id, value } }, { token: seats[who].token });
        expect(result.errors).toBeUndefined();
      }
    }
    for (const who of JURORS) {
      for (const of of JURORS) {
        await progress(who, of).and(page(who).locator(`[data-scored="${criteria.length}"]`)).waitFor({ timeout: 15_000 });
      }
    }

    await page('juror1').locator('[data-testid="next-phase"][data-to="QUESTIONS"]').click();
    await phaseIs('juror1', 'QUESTIONS');
    await page('juror1').locator('[data-testid="next-phase"][data-to="DELIBERATION"]').click();
    // Opening deliberation asks for confirmation.
    await page('juror1').locator('dialog[open]').getByTestId('confirm-accept').click();
    for (const who of JURORS) {
      await phaseIs(who, 'DELIBERATION');
      await page(who).getByTestId('deliberation').waitFor();
      await expect.poll(() => page(who).getByTestId('juror-value').count()).toBe(competences.length * 3);
    }
    // juror3 now sees juror1's score on C1 ((3 + 4) / 2) beside their own.
    const c1Row = page('juror3').locator(`[data-testid="deliberation-competence"][data-competence-id="${competence(0).id}"]`);
    expect(await c1Row.locator(`[data-testid="juror-value"][data-juror-id="${seats.juror1.id}"]`).textContent()).toMatch(/3,5/);
    expect(await c1Row.locator(`[data-testid="juror-value"][data-juror-id="${seats.juror3.id}"]`).textContent()).toMatch(/2,5/);
    // The disagreement is flagged with an icon and words, not colour alone.
    for (const who of JURORS) {
      const flagged = page(who).locator(`[data-testid="deliberation-competence"][data-flagged="true"]`);
      expect(await flagged.count()).toBe(1);
      expect(await flagged.getAttribute('data-competence-id')).toBe(disputed.id);
      expect(await flagged.getByTestId('disagreement').textContent()).toMatch(/Désaccord/);
    }
    // Members read agreed scores; only the president edits them.
    expect(await page('juror2').getByTestId('agreed-input').count()).toBe(0);
    expect(await page('juror1').getByTestId('agreed-input').count()).toBe(competences.length);
  }, 120_000);

  it('agrees on scores (a stale one is refused and redone), decides, reopens, decides again, and locks the oral once all have signed', async () => {
    const disputed = competence(5);
    // Every competence but the disputed one through the API, at its aggregate.
    let version = (await room('juror1')).version;
    const aggregates = (await room('juror1')).deliberation.competences;
    for (const item of aggregates) {
      if (item.competenceId === disputed.id) continue;
      const result = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: item.competenceId, value: item.aggregate, expectedVersion: version } }, { token: seats.juror1.token });
      expect(result.errors).toBeUndefined();
      version = result.data!.setAgreedScore.version;
    }
    const p1 = page('juror1');
    await expect.poll(() => p1.locator('[data-testid="agreed-saved"]').count(), { timeout: 10_000 }).toBe(competences.length - 1);

    // The disputed competence through the UI: departing from the aggregate needs a justification.
    const form = p1.locator(`[data-testid="deliberation-competence"][data-competence-id="${disputed.id}"]`);
    await form.getByTestId('agreed-input').fill('3');
    await expect(form.getByTestId('justification-why').textContent()).resolves.toMatch(/2,33/);
    await form.getByTestId('agreed-save').click();
    await expect(form.locator('.field-error').textContent()).resolves.toMatch(/justification est obligatoire/);
    await form.getByTestId('justification').fill('Maîtrise démontrée lors des questions.');

    // Meanwhile the room changes and this page misses it (its reloads fail): the save is stale.
    suite.expectConsoleErrors(...NETWORK_CUT_ERRORS); // the aborted reloads
    await p1.route('**/graphql', (route) =>
      route.request().postData()?.includes('query OralRoom') ? route.abort() : route.continue(),
    );
    const other = aggregates.find((item: any) => item.competenceId !== disputed.id);
    const bump = await gql(server.graphqlUrl, AGREE, { input: { oralId, competenceId: other.competenceId, value: other.aggregate, expectedVersion: version } }, { token: seats.juror1.token });
    expect(bump.errors).toBeUndefined();
    await p1.getByTestId('stale-notice').waitFor({ timeout: 10_000 });
    await p1.unroute('**/graphql');
    await form.getByTestId('agreed-save').click();
    await p1.getByTestId('conflict-notice').waitFor({ timeout: 10_000 });
    expect(await p1.getByTestId('conflict-notice').textContent()).toMatch(/modifié cet oral entre-temps/);
    // Nothing typed is lost: the user does it again.
    expect(await form.getByTestId('agreed-input').inputValue()).toBe('3');
    expect(await form.getByTestId('justification').inputValue()).toBe('Maîtrise démontrée lors des questions.');
    await expect.poll(() => p1.getByTestId('stale-notice').count()).toBe(0);
    await form.getByTestId('agreed-save').click();
    await form.getByTestId('agreed-saved').waitFor({ timeout: 10_000 });
    await expect.poll(() => p1.getByTestId('conflict-notice').count()).toBe(0);
    await expect.poll(() => page('juror3').locator(`[data-testid="deliberation-competence"][data-competence-id="${disputed.id}"]`).textContent(), { timeout: 10_000 })
      .toMatch(/Maîtrise démontrée lors des questions/);
    await p1.setViewportSize({ width: 1024, height: 768 });
    await form.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await p1.evaluate(() => window.scrollBy(0, -90)); // below the sticky bar
    await p1.screenshot({ path: resolve(artifacts, 'juror-room-deliberation.png') });
    await p1.setViewportSize({ width: 1280, height: 900 });

    // The decision, through the UI, shown to everyone with its explanation.
    await p1.getByTestId('decide').click();
    for (const who of JURORS) {
      const outcome = page(who).getByTestId('decision-outcome');
      await outcome.waitFor({ timeout: 10_000 });
      expect(await outcome.getAttribute('data-outcome')).toBe('CERTIFIED');
      expect(await outcome.textContent()).toMatch(/Certification obtenue/);
      expect(await page(who).getByTestId('decision-explanation').textContent()).toMatch(/Toutes les compétences/);
      expect(await page(who).locator('[data-testid="decision-block"][data-validated="true"]').count()).toBe(4);
      await phaseIs(who, 'DECIDED');
    }

    // Before anyone signs, the president may reopen deliberation (after confirming), then decide again.
    const firstHash = (await room('juror2')).minutes.contentHash as string;
    await p1.getByTestId('reopen-deliberation').click();
    await p1.locator('dialog[open]').getByTestId('confirm-accept').click();
    for (const who of JURORS) {
      await phaseIs(who, 'DELIBERATION');
      await expect.poll(() => page(who).getByTestId('decision-outcome').count()).toBe(0);
    }
    await p1.getByTestId('decide').click();
    for (const who of JURORS) await phaseIs(who, 'DECIDED');

    // Each juror signs what they read; the last signature locks the oral everywhere.
    const hash = (await room('juror2')).minutes.contentHash as string;
    expect(hash).not.toBe(firstHash); // new minutes (new decision id)
    for (const who of ['juror2', 'juror3', 'juror1'] as const) {
      expect(await page(who).getByTestId('minutes-hash').getAttribute('title')).toBe(hash);
      await page(who).getByTestId('sign-minutes').click();
      await page(who).getByTestId('my-signature').waitFor({ timeout: 10_000 });
      if (who === 'juror2') await expect.poll(() => p1.getByTestId('reopen-deliberation').count()).toBe(0); // signed: no reopening
    }
    for (const who of JURORS) {
      await page(who).getByTestId('locked-banner').waitFor({ timeout: 10_000 });
      await phaseIs(who, 'SIGNED');
      expect(await page(who).locator('[data-testid="signature"][data-signed="true"]').count()).toBe(3);
      expect(await page(who).getByTestId('sign-minutes').count()).toBe(0);
      expect(await page(who).getByTestId('scoring-closed').textContent()).toMatch(/verrouillé/);
    }
    const final = await room('juror1');
    expect(final.phase).toBe('SIGNED');
    expect(final.lockedAt).toBeTruthy();
  }, 120_000);

  it('speaks English on demand, with no untranslated key and no page error', async () => {
    const p3 = page('juror3');
    const rawKey = /\b(room|oralPhase|juryRole|common)\.[a-zA-Z]/;
    expect(await p3.locator('body').innerText()).not.toMatch(rawKey);
    await p3.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => p3.getByTestId('locked-banner').textContent()).toMatch(/the oral is locked/);
    expect(await p3.getByTestId('decision-outcome').textContent()).toMatch(/Certified/);
    expect(await p3.getByTestId('decision-explanation').textContent()).toMatch(/Every competence reaches its minimum score/);
    expect(await p3.getByTestId('save-status').textContent()).toMatch(/Saved/);
    expect(await p3.locator('body').innerText()).not.toMatch(rawKey);
    expect(suite.errors).toEqual([]);
  }, 120_000);
});
