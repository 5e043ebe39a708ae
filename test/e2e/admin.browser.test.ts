// The admin area in a real browser, on the demo data (issue 10): the dashboard shows every deadline at risk (the
// same counts as the API, each tile linking to its queue) and the two 12-month charts (canvas, and a data table
// of 12 months each); a full-page screenshot goes to test/artifacts/admin-dashboard.png. Then the certifications
// editor: search and registry filter, creating a certification (a wrong code first, refused next to the field),
// its first framework version with a block, a competence and a criterion, published and seen in the catalogue;
// and a stale version (someone else saved in between) shows the conflict message, then loads the current state.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gql, loginAs } from '../support/graphql.ts';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

const DEADLINES = `{
  projectFilesAtRisk { id atRisk }
  resultsToPublish(atRisk: true) { id }
  certificatesToIssue(atRisk: true) { attemptId }
  appeals(atRisk: true, first: 1) { totalCount }
  complaints(atRisk: true, first: 1) { totalCount }
  cdcDeadlines { atRisk late }
}`;

describe.skipIf(reason)(titled('browser: the admin dashboard and the certifications editor', reason), () => {
  const suite = useBrowserSuite();

  it('shows the deadlines at risk and the 12-month charts, and takes a screenshot', async () => {
    const token = await loginAs(suite.server.graphqlUrl, 'admin@demo.certijury.fr');
    const api = (await gql(suite.server.graphqlUrl, DEADLINES, {}, { token })).data!;
    const expected: Record<string, number> = {
      files: api.projectFilesAtRisk.filter((file: any) => file.atRisk).length,
      results: api.resultsToPublish.length,
      certificates: api.certificatesToIssue.length,
      appeals: api.appeals.totalCount,
      cdc: api.cdcDeadlines.atRisk + api.cdcDeadlines.late,
      complaints: api.complaints.totalCount,
    };
    expect(Object.values(expected).some((count) => count > 0)).toBe(true);

    const page = await suite.signIn('admin@demo.certijury.fr');
    expect(new URL(page.url()).pathname).toBe('/admin');
    const card = page.getByTestId('deadlines-at-risk');
    await card.getByTestId('deadline-files').waitFor({ timeout: 10_000 });
    const links: Record<string, RegExp> = {
      files: /^\/admin\/project-files$/,
      results: /^\/admin#admin-results$/,
      certificates: /^\/admin#admin-certificates$/,
      appeals: /^\/admin\/appeals$/,
      cdc: /^\/admin\/cdc$/,
      complaints: /^\/admin\/complaints$/,
    };
    for (const [key, count] of Object.entries(expected)) {
      const tile = card.getByTestId(`deadline-${key}`);
      expect(await tile.getAttribute('data-count'), key).toBe(String(count));
      expect(await tile.getAttribute('href'), key).toMatch(links[key]);
    }
    expect(await card.textContent()).toMatch(/Dossiers à accuser réception/);
    expect(await card.textContent()).toMatch(/Recours à traiter/);

    // Both charts: a canvas labelled by its summary, and a data table of the 12 months (hidden until asked for).
    const trends = page.getByTestId('dashboard-trends');
    for (const chart of ['trend-rate', 'trend-volume']) {
      const canvas = trends.getByTestId(`${chart}-canvas`);
      await canvas.waitFor({ timeout: 10_000 });
      expect(await canvas.getAttribute('role')).toBe('img');
      expect((await canvas.getAttribute('aria-label'))!.length).toBeGreaterThan(20);
      expect(await canvas.evaluate((element: HTMLCanvasElement) => element.width > 0 && element.height > 0)).toBe(true);
      expect(await trends.getByTestId(`${chart}-table`).locator('tbody tr').count()).toBe(12);
    }
    expect(await trends.getByTestId('trend-rate-canvas').getAttribute('aria-label')).toMatch(/Taux de réussite de .+ : \d/);
    // The last row is the current month, in French.
    const month = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date());
    expect(await trends.getByTestId('trend-rate-table').locator('tbody tr').last().locator('th').textContent()).toBe(month);
    // The volume table has a column per certification with decisions, and its figures add up to the API's.
    const apiTrends = (await gql(suite.server.graphqlUrl, '{ dashboardTrends { months { decided } certifications { code } } }', {}, { token })).data!.dashboardTrends;
    const headers = await trends.getByTestId('trend-volume-table').locator('thead th').allTextContents();
    expect(headers.slice(1)).toEqual(apiTrends.certifications.map((c: any) => c.code));
    const cells = await trends.getByTestId('trend-volume-table').locator('tbody td').allTextContents();
    expect(cells.reduce((sum, cell) => sum + Number(cell), 0)).toBe(apiTrends.months.reduce((sum: number, m: any) => sum + m.decided, 0));
    // The table can be shown with the keyboard.
    const toggle = trends.getByTestId('trend-rate-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await trends.getByTestId('trend-rate-table').isVisible()).toBe(true);

    await page.getByTestId('certification-card').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: resolve(artifactsDir, 'admin-dashboard.png'), fullPage: true });
    await page.context().close();
  });

  it('creates a certification, builds and publishes its framework, and shows a version conflict', { timeout: 180_000 }, async () => {
    const token = await loginAs(suite.server.graphqlUrl, 'admin@demo.certijury.fr');
    const page = await suite.signIn('admin@demo.certijury.fr');
    await page.getByTestId('nav-admin-certifications').click();
    await page.getByTestId('certifications-editor').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/certifications');
    const rows = page.getByTestId('certification-row');
    await rows.first().waitFor({ timeout: 10_000 });
    const total = await rows.count();
    expect(total).toBeGreaterThanOrEqual(3);

    // Search and registry filter.
    await page.getByLabel('Rechercher (code ou intitulé)').fill('rs5302');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/RS5302/);
    await page.getByLabel('Rechercher (code ou intitulé)').fill('');
    await page.getByTestId('certification-registry-filter').selectOption('CQP');
    await expect.poll(() => rows.count()).toBeLessThan(total);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/CQP/);
    await page.getByTestId('certification-registry-filter').selectOption('');

    // Creation: a code that does not fit its registry is refused next to the field.
    await page.getByTestId('certification-new').click();
    const create = page.getByTestId('certification-create-form');
    await create.getByLabel('Répertoire').selectOption('RS');
    await create.getByTestId('certification-code-input').fill('RS12AB');
    await create.getByLabel('Intitulé').fill('Animer une réunion à distance');
    await create.getByTestId('certification-create-submit').click();
    await create.getByTestId('certification-code-error').waitFor({ timeout: 10_000 });
    expect(await create.getByTestId('certification-code-input').getAttribute('aria-invalid')).toBe('true');
    await create.getByTestId('certification-code-input').fill('RS7777');
    await create.getByTestId('certification-create-submit').click();
    await page.getByTestId('certification-editor').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('certification-saved').textContent()).toMatch(/Certification créée/);
    const editorUrl = page.url();

    // The first framework version: one block, one competence, one criterion; then published.
    await page.getByTestId('framework-new-draft').click();
    const draft = page.getByTestId('framework-draft');
    await draft.waitFor({ timeout: 10_000 });
    await draft.getByTestId('add-block').click();
    expect(await draft.getByTestId('block-code').inputValue()).toBe('RS7777BC01');
    await draft.getByTestId('block-title').fill('Préparer et animer la réunion');
    await draft.getByTestId('add-competence').click();
    await draft.getByTestId('competence-title').fill('Structurer un ordre du jour');
    await draft.getByTestId('competence-minimum').fill('99');
    await draft.getByTestId('add-criterion').click();
    await draft.getByTestId('criterion-description').fill('L’ordre du jour annonce objectifs et durées');
    // A minimum outside the scale: the server's message lands next to the field.
    await draft.getByTestId('draft-save').click();
    await draft.getByTestId('competence-minimum-error').waitFor({ timeout: 10_000 });
    expect(await draft.getByTestId('competence-minimum').getAttribute('aria-invalid')).toBe('true');
    await draft.getByTestId('competence-minimum').fill('2');
    await draft.getByTestId('draft-publish').click();
    await page.getByTestId('framework-published').waitFor({ timeout: 10_000 });
    // The versions list refreshes after the publication's answer: wait for it rather than read it once.
    const version = page.getByTestId('framework-version').first();
    await expect.poll(() => version.getAttribute('data-status'), { timeout: 15_000 }).toBe('PUBLISHED');
    await expect.poll(() => version.textContent(), { timeout: 15_000 }).toMatch(/1 bloc, 1 compétence/);
    await page.getByTestId('framework-new-draft').waitFor({ timeout: 15_000 });

    // In the catalogue, with its block.
    await page.getByTestId('nav-area').click();
    const card = page.locator('[data-testid="certification-card"][data-code="RS7777"]');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toMatch(/Animer une réunion à distance/);
    await card.getByTestId('certification-toggle').click();
    await expect.poll(() => card.getByTestId('block').first().textContent(), { timeout: 10_000 }).toMatch(/Préparer et animer la réunion/);

    // A stale version: someone saves in between; saving answers the conflict, shown clearly, then the current state loads.
    await page.goto(editorUrl);
    const form = page.getByTestId('certification-edit-form');
    await form.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('certification-version').textContent(), { timeout: 10_000 }).toMatch(/version 1/);
    const certifications = (await gql(suite.server.graphqlUrl, '{ certifications(activeOnly: false) { id code version } }', {}, { token })).data!.certifications as any[];
    const created = certifications.find((c) => c.code === 'RS7777');
    const other = await gql(
      suite.server.graphqlUrl,
      'mutation ($id: ID!, $version: Int!) { updateCertification(id: $id, version: $version, input: { title: "Animer une réunion à distance (v2)" }) { version } }',
      { id: created.id, version: created.version },
      { token },
    );
    expect(other.errors).toBeUndefined();
    await form.getByLabel('Délai de recours (jours)').fill('45');
    await form.getByTestId('certification-save').click();
    const conflict = page.getByTestId('certification-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    expect(await conflict.textContent()).toMatch(/Modification concurrente/);
    expect(await conflict.textContent()).toMatch(/rien n’a été enregistré/);
    await conflict.getByTestId('certification-load-current').click();
    await expect.poll(() => form.getByLabel('Intitulé').inputValue(), { timeout: 10_000 }).toBe('Animer une réunion à distance (v2)');
    await expect.poll(() => page.getByTestId('certification-version').textContent(), { timeout: 10_000 }).toMatch(/version 2/);
    await expect.poll(() => conflict.count(), { timeout: 10_000 }).toBe(0);
    // Saving again now applies.
    await form.getByLabel('Délai de recours (jours)').fill('45');
    await form.getByTestId('certification-save').click();
    await expect.poll(() => page.getByTestId('certification-saved').textContent(), { timeout: 10_000 }).toMatch(/version 3/);
    await page.context().close();
  });
});
