// Appeals in a real browser: Maxime MOREAU (candidate08, result published) contests his result from the
// result panel of his journey (statement and a PDF attachment); the admin finds the appeal in the queue
// (/admin/appeals, from the navigation), starts the review and rejects it with a reason; Maxime's appeal page,
// left open, shows the new state and the reason live. Then Sarah DURAND (candidate07) contests through the link
// of her result's notification, without signing in (a second use says the link was used), and the admin
// upholds it and sees, in the re-evaluation picker, why the contested oral's jurors may not sit again.
// Screenshots: test/artifacts/appeal-*.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\n%%EOF\n');

describe.skipIf(reason)(titled('browser: a candidate contests a result and the admin rejects it with a reason', reason), () => {
  const suite = useBrowserSuite();
  const { errors, signIn } = suite;

  it('submits from the result page; the admin rejects from the queue; the candidate reads the reason live', async () => {
    const maxime = await signIn('candidate08@demo.certijury.fr');
    const panel = maxime.getByTestId('attempt-result');
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByTestId('result-contest-link').click();
    await maxime.getByTestId('appeal-form').waitFor({ timeout: 10_000 });
    expect(await maxime.getByTestId('area-title').textContent()).toMatch(/Contester mon résultat/);
    expect(await maxime.getByTestId('appeal-window').textContent()).toMatch(/jusqu’au/);

    // Too short: refused in place, nothing sent.
    await maxime.getByTestId('appeal-statement').fill('Trop court');
    await maxime.getByTestId('appeal-submit').click();
    expect(await maxime.locator('#appeal-statement').getAttribute('aria-invalid')).toBe('true');
    expect(await maxime.getByTestId('appeal-status').count()).toBe(0);

    await maxime.getByTestId('appeal-statement').fill("Je conteste la note de la compétence C3 : le jury n'a pas lu l'annexe jointe à mon dossier.");
    await maxime.getByTestId('appeal-files').setInputFiles({ name: 'annexe.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => maxime.getByTestId('appeal-attached').textContent(), { timeout: 10_000 }).toMatch(/annexe\.pdf/);
    await maxime.getByTestId('appeal-submit').click();
    await expect.poll(() => maxime.getByTestId('appeals-notice').textContent(), { timeout: 10_000 }).toMatch(/contestation est déposée/);
    const status = maxime.getByTestId('appeal-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('SUBMITTED');
    expect(await maxime.getByTestId('appeal-form').count()).toBe(0); // one open appeal per result
    await expect.poll(() => maxime.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');

    const admin = await signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-appeal').click();
    const row = admin.locator('[data-testid="appeal-row"]', { hasText: 'Maxime MOREAU' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('appeal-open').click();
    const detail = admin.getByTestId('appeal-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('appeal-attachment').textContent()).toMatch(/annexe\.pdf/);
    await detail.getByTestId('appeal-start-review').click();
    await detail.getByTestId('appeal-reason-input').waitFor({ timeout: 10_000 });
    // The reason is mandatory.
    await detail.getByTestId('appeal-reject').click();
    expect(await admin.locator('#appeal-reason').getAttribute('aria-invalid')).toBe('true');
    const why = "Le jury a examiné l'annexe : la note de C3 est motivée au procès-verbal.";
    await detail.getByTestId('appeal-reason-input').fill(why);
    await detail.getByTestId('appeal-reject').click();
    await expect.poll(() => admin.getByTestId('appeals-admin-notice').textContent(), { timeout: 10_000 }).toMatch(/Contestation rejetée/);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('REJECTED');
    await admin.screenshot({ path: resolve(artifactsDir, 'appeal-admin-queue.png'), fullPage: true });

    // Maxime, live: rejected, with the reason.
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('REJECTED');
    expect(await maxime.getByTestId('appeal-reason').textContent()).toContain(why);
    expect(await maxime.getByTestId('appeals-notice').textContent()).toMatch(/Rejetée/);
    await maxime.screenshot({ path: resolve(artifactsDir, 'appeal-candidate.png'), fullPage: true });

    // English on demand, with no untranslated key.
    await maxime.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => maxime.getByTestId('appeal-state').textContent()).toMatch(/Rejected/);
    expect(await maxime.locator('main').innerText()).not.toMatch(/\bappeals\.[a-zA-Z]/);
    expect(await admin.locator('main').innerText()).not.toMatch(/\bappeals\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('takes an appeal through the result link without login; the admin upholds it and picks a new jury with the reasons shown', async () => {
    const { server } = suite;
    const adminToken = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
    const toPublish = (await gql(server.graphqlUrl, '{ resultsToPublish { id candidateName } }', {}, { token: adminToken })).data!.resultsToPublish as any[];
    const sarahResult = toPublish.find((row) => row.candidateName === 'Sarah DURAND');
    expect((await gql(server.graphqlUrl, 'mutation ($id: ID!) { publishResult(resultId: $id) { id } }', { id: sarahResult.id }, { token: adminToken })).errors).toBeUndefined();
    const sarahToken = await loginAs(server.graphqlUrl, 'candidate07@demo.certijury.fr');
    const sent = (await gql(server.graphqlUrl, '{ myNotifications(first: 20) { edges { node { template text } } } }', {}, { token: sarahToken })).data!.myNotifications.edges.map((edge: any) => edge.node);
    const link = /https?:\/\/\S+\/appeal\/\S+/.exec(sent.find((item: any) => item.template === 'RESULT_PUBLISHED').text)![0];

    // No login: a fresh browser context.
    const anonymous = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage();
    await anonymous.goto(link);
    await anonymous.getByTestId('appeal-form').waitFor({ timeout: 10_000 });
    expect(await anonymous.getByTestId('appeal-link-about').textContent()).toMatch(/RS5302.*Certifié/s);
    await anonymous.getByTestId('appeal-statement').fill("Je conteste : l'annexe de mon dossier professionnel n'a pas été examinée par le jury.");
    await anonymous.getByTestId('appeal-submit').click();
    await anonymous.getByTestId('appeal-link-done').waitFor({ timeout: 10_000 });
    await anonymous.screenshot({ path: resolve(artifactsDir, 'appeal-link.png'), fullPage: true });
    await anonymous.reload();
    await expect.poll(() => anonymous.getByTestId('appeal-link-refused').getAttribute('data-reason'), { timeout: 10_000 }).toBe('used');

    const admin = await signIn('admin@demo.certijury.fr');
    await admin.goto(`${server.url}/admin/appeals`);
    const row = admin.locator('[data-testid="appeal-row"]', { hasText: 'Sarah DURAND' });
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('appeal-open').click();
    const detail = admin.getByTestId('appeal-detail');
    expect(await detail.textContent()).toMatch(/lien du résultat/);
    await detail.getByTestId('appeal-start-review').click();
    await detail.getByTestId('appeal-reason-input').fill("L'annexe n'a pas été examinée : réévaluation par un nouveau jury.");
    await detail.getByTestId('appeal-uphold').click();
    const picker = detail.getByTestId('re-evaluation-form');
    await picker.waitFor({ timeout: 10_000 });
    // Her contested oral's jurors (juror1 presided) are listed with the reason.
    const jurors = picker.getByTestId('re-evaluation-juror');
    await expect.poll(() => jurors.count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const refused = picker.locator('[data-testid="re-evaluation-juror"][data-eligible="false"]');
    expect(await refused.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/a siégé au jury de l’oral contesté/)]));
    await admin.screenshot({ path: resolve(artifactsDir, 'appeal-re-evaluation.png'), fullPage: true });
    expect(await admin.locator('main').innerText()).not.toMatch(/\bappeals\.[a-zA-Z]/);
    expect(errors).toEqual([]);
  }, 120_000);
});
