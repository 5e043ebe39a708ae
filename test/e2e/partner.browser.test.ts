// The partner area in a real browser (issue 10): Formapro Conseil (partner-a) registers candidates from a CSV
// file with one bad row and sees exactly that row's error, then registers the others, which appear live in its
// list (a file sent again registers nobody twice); creates an API key (shown once), runs a query with it in the
// bundled GraphQL explorer, revokes it (the explorer is then refused); the list shows each candidate's oral, result
// and open appeal; and the explorer loads everything from the app's own origin (no CDN), queries over HTTP and
// subscribes over graphql-ws. Screenshots: test/artifacts/partner-import.png, partner-explorer.png.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';
import { gql, loginAs } from '../support/graphql.ts';

const reason = browserSkipReason;
const REGISTER = 'mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }';

/** Waits for GraphiQL (React + Monaco) to be mounted and its schema loaded. */
async function explorerReady(page: Page): Promise<void> {
  await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor({ timeout: 30_000 });
}

/** Runs the query in the editor and returns the text of the response pane once it has some. */
async function runQuery(page: Page, expected: RegExp): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  const response = page.locator('.graphiql-response .view-lines');
  await expect.poll(async () => (await response.textContent()) ?? '', { timeout: 20_000 }).toMatch(expected);
  return (await response.textContent()) ?? '';
}

describe.skipIf(reason)(titled('browser: the partner area (CSV import, API keys, GraphQL explorer)', reason), () => {
  const suite = useBrowserSuite();

  it('imports a CSV with one bad row: exactly that row is refused, the others are registered and appear in the list', async () => {
    const page = await suite.signIn('partner-a@demo.certijury.fr');
    await page.getByTestId('candidates-count').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    // The import in a second tab; the list stays open in the first one.
    const importer = await page.context().newPage();
    await importer.goto(`${suite.server.url}/partner`);
    await importer.getByTestId('nav-partner-import').click();
    await importer.getByTestId('area-title').filter({ hasText: 'Inscrire des candidats depuis un fichier CSV' }).waitFor();
    expect(await importer.getByTestId('empty-state').textContent()).toMatch(/Aucun fichier choisi/);
    expect(await importer.getByTestId('import-template').getAttribute('download')).toMatch(/\.csv$/);

    const tag = randomUUID().slice(0, 6).toUpperCase();
    const csv = [
      'Numéro de dossier;Code certification;Nom;Prénom;E-mail;Date de naissance;Sexe;Financement;Colonne inconnue',
      `IMP-${tag}-1;RS5302;Lefèvre;Anaïs;anais.${tag}@example.fr;12/05/1992;F;CPF;x`,
      `IMP-${tag}-2;RS5302;Roux;Hugo;pas-une-adresse;03/09/1987;M;OPCO;x`,
      `IMP-${tag}-3;RS5302;Garcia;Inès;ines.${tag}@example.fr;1999-07-21;F;employeur;x`,
    ].join('\r\n');
    await importer.getByTestId('import-file').setInputFiles({ name: 'candidats.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await importer.getByTestId('import-preview').waitFor();
    expect(await importer.getByTestId('import-summary').textContent()).toMatch(/candidats\.csv — 3 lignes/);
    expect(await importer.getByTestId('import-ignored').textContent()).toMatch(/Colonne inconnue/);
    expect(await importer.getByTestId('import-row').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-line'), row.getAttribute('data-status')]))).toEqual([
      ['2', 'ready'],
      ['3', 'ready'],
      ['4', 'ready'],
    ]);

    // First send: the server refuses the file because of line 3, and writes nothing.
    await importer.getByTestId('import-submit').click();
    const bad = importer.locator('[data-testid="import-row"][data-line="3"]');
    await expect.poll(() => bad.getAttribute('data-status'), { timeout: 10_000 }).toBe('refused');
    expect(await importer.locator('[data-testid="import-row"][data-status="refused"]').count()).toBe(1);
    expect(await importer.getByTestId('import-row-reasons').count()).toBe(1);
    expect(await bad.getByTestId('import-row-reasons').textContent()).toMatch(/^E-mail : .+/);
    expect(await importer.getByTestId('import-refused-notice').textContent()).toMatch(/Aucune ligne n’a été enregistrée : 1 ligne est refusée/);
    expect(await importer.locator('[data-testid="import-row"][data-status="pending"]').count()).toBe(2);

    // Second send: the two other rows.
    expect(await importer.getByTestId('import-submit').textContent()).toMatch(/Inscrire les 2 lignes valides/);
    await importer.getByTestId('import-submit').click();
    await importer.getByTestId('import-result').waitFor({ timeout: 10_000 });
    expect(await importer.getByTestId('import-result').textContent()).toMatch(/2 candidat\(s\) inscrit\(s\), 0 déjà inscrit/);
    expect(await importer.getByTestId('import-row').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-line'), row.getAttribute('data-status')]))).toEqual([
      ['2', 'created'],
      ['3', 'refused'],
      ['4', 'created'],
    ]);
    await importer.screenshot({ path: resolve(artifactsDir, 'partner-import.png'), fullPage: true });

    // Sent again: nothing is registered twice.
    await importer.getByTestId('import-submit').click();
    await expect.poll(() => importer.getByTestId('import-result').textContent(), { timeout: 10_000 }).toMatch(/0 candidat\(s\) inscrit\(s\), 2 déjà inscrit/);
    expect(await importer.locator('[data-testid="import-row"][data-status="existing"]').count()).toBe(2);

    // The list in the first tab received them live; a reload shows them too, and not the refused one.
    const fileNumbers = async (p: Page) => p.getByTestId('candidate-file-number').allTextContents();
    await expect.poll(() => fileNumbers(page), { timeout: 10_000 }).toEqual(expect.arrayContaining([`IMP-${tag}-1`, `IMP-${tag}-3`]));
    await page.reload();
    await page.getByTestId('candidates-count').waitFor({ timeout: 10_000 });
    const listed = await fileNumbers(page);
    expect(listed).toEqual(expect.arrayContaining([`IMP-${tag}-1`, `IMP-${tag}-3`]));
    expect(listed.filter((n) => n.startsWith(`IMP-${tag}-`))).toHaveLength(2);
    const row = page.getByTestId('candidate-row').filter({ hasText: `IMP-${tag}-1` });
    expect(await row.getByTestId('candidate-oral').textContent()).toMatch(/Oral non planifié/);
    expect(await row.getByTestId('candidate-result').textContent()).toMatch(/Résultat non publié/);
    expect(await row.getByTestId('candidate-appeal').textContent()).toMatch(/Aucune contestation/);
    await page.context().close();
  });

  it("shows each candidate's booked oral, published result and open appeal", async () => {
    const a = await suite.signIn('partner-a@demo.certijury.fr');
    await a.getByTestId('candidates-count').waitFor({ timeout: 10_000 });
    const manon = a.getByTestId('candidate-row').filter({ hasText: 'Manon ROBERT' }); // oral next week
    expect(await manon.getByTestId('candidate-oral').textContent()).toMatch(/^\s*Oral le .+\d{2}:\d{2}\s*$/);
    const maxime = a.getByTestId('candidate-row').filter({ hasText: 'Maxime MOREAU' }); // certified, published
    expect(await maxime.getByTestId('candidate-result').textContent()).toMatch(/Résultat : Certifié/);
    const sarah = a.getByTestId('candidate-row').filter({ hasText: 'Sarah DURAND' }); // decided, not published: partners do not see it yet
    expect(await sarah.getByTestId('candidate-result').textContent()).toMatch(/Résultat non publié/);
    await a.context().close();
    const b = await suite.signIn('partner-b@demo.certijury.fr');
    await b.getByTestId('candidates-count').waitFor({ timeout: 10_000 });
    const alexandre = b.getByTestId('candidate-row').filter({ hasText: 'Alexandre MOREL' }); // not certified, appeal filed
    expect(await alexandre.getByTestId('candidate-appeal').textContent()).toMatch(/Contestation en cours/);
    expect(await alexandre.getByTestId('candidate-result').textContent()).toMatch(/Résultat : Non certifié/);
    await b.context().close();
  });

  it('creates an API key shown once, runs a query with it in the explorer, and revokes it', async () => {
    const page = await suite.signIn('partner-a@demo.certijury.fr');
    await page.getByTestId('nav-partner-api-keys').click();
    await page.getByTestId('area-title').filter({ hasText: 'Clés d’API' }).waitFor();
    const name = `ERP ${randomUUID().slice(0, 6)}`;
    // A name is required.
    await page.getByTestId('api-key-create').click();
    expect(await page.getByTestId('api-key-name').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('api-key-name').fill(name);
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-secret-box').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('api-key-secret-box').textContent()).toMatch(/elle ne sera plus jamais affichée/);
    const secret = await page.getByTestId('api-key-secret').inputValue();
    expect(secret).toMatch(/^cj_[0-9a-f]{12}_[A-Za-z0-9_-]{10,}$/);
    const keyRow = page.getByTestId('api-key-row').filter({ hasText: name });
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain(`cj_${secret.split('_')[1]}_…`);
    expect(await keyRow.getByTestId('api-key-last-used').textContent()).toMatch(/Jamais utilisée/);
    await page.getByTestId('api-key-secret-done').click();
    await page.getByTestId('api-key-secret-box').waitFor({ state: 'detached' });
    // Shown once: gone from the page, and not shown again after a reload.
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await keyRow.waitFor();
    expect(await page.content()).not.toContain(secret);

    // The explorer, with the key.
    await page.getByTestId('api-keys-explorer-link').click();
    await page.getByTestId('area-title').filter({ hasText: 'Explorateur GraphQL' }).waitFor();
    await page.getByTestId('explorer-use-key').check();
    await page.getByTestId('explorer-waiting-key').waitFor();
    await page.getByTestId('explorer-api-key').fill('not-a-key');
    await page.getByTestId('explorer-apply-key').click();
    expect(await page.getByTestId('explorer-api-key').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('explorer-api-key').fill(secret);
    await page.getByTestId('explorer-apply-key').click();
    expect(await page.getByTestId('explorer-key-in-use').textContent()).toContain(`cj_${secret.split('_')[1]}_…`);
    await explorerReady(page);
    const text = await runQuery(page, /"totalCount":\s*\d+/);
    expect(text).toMatch(/"fileNumber"/);
    await page.screenshot({ path: resolve(artifactsDir, 'partner-explorer.png') });

    // Back to the keys: its last use is recorded; revoke it, after a confirmation.
    await page.getByTestId('nav-partner-api-keys').click();
    await keyRow.waitFor();
    await expect.poll(async () => { await page.reload(); await keyRow.waitFor(); return keyRow.getByTestId('api-key-last-used').textContent(); }, { timeout: 10_000 }).not.toMatch(/Jamais utilisée/);
    await keyRow.getByTestId('api-key-revoke').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(name);
    await dialog.getByTestId('confirm-cancel').click();
    expect(await keyRow.getByTestId('api-key-state').textContent()).toMatch(/Active/);
    await keyRow.getByTestId('api-key-revoke').click();
    await dialog.getByTestId('confirm-accept').click();
    await expect.poll(() => keyRow.getByTestId('api-key-state').textContent(), { timeout: 10_000 }).toMatch(/Révoquée le/);
    expect(await keyRow.getByTestId('api-key-revoke').count()).toBe(0);

    // The revoked key no longer opens anything.
    await page.getByTestId('nav-partner-explorer').click();
    await page.getByTestId('explorer-use-key').check();
    await page.getByTestId('explorer-api-key').fill(secret);
    await page.getByTestId('explorer-apply-key').click();
    await explorerReady(page);
    await runQuery(page, /UNAUTHENTICATED/);
    await page.context().close();
  });

  it('loads the explorer, its editor workers and the schema from the app’s own origin only', { timeout: 180_000 }, async () => {
    const page = await suite.signIn('partner-a@demo.certijury.fr');
    const origin = new URL(suite.server.url).host;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    page.on('worker', (worker) => requests.push(worker.url()));
    await page.goto(`${suite.server.url}/partner/explorer`);
    await page.getByTestId('area-title').filter({ hasText: 'Explorateur GraphQL' }).waitFor();
    await explorerReady(page);
    await runQuery(page, /"totalCount":\s*\d+/);
    // A subscription, over graphql-ws on the same URL: a candidate registered meanwhile shows up in the response.
    await page.locator('.graphiql-tab-add').click();
    await page.locator('.graphiql-query-editor .monaco-editor').last().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('subscription Live { partnerCandidateEvents { seq type candidate { fileNumber } } }');
    // Monaco applies keystrokes asynchronously (slowly on a busy machine): run the subscription once the editor holds it.
    const editorText = async () => ((await page.locator('.graphiql-query-editor .view-lines').last().textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(editorText, { timeout: 20_000 }).toContain('subscription Live { partnerCandidateEvents');
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => requests.filter((url) => url.startsWith('ws') && url.endsWith('/graphql')).length, { timeout: 30_000 }).toBeGreaterThan(1); // the app's socket, and the explorer's
    const tag = `LIVE-${randomUUID().slice(0, 8)}`;
    let attempt = 0;
    const token = await loginAs(suite.server.graphqlUrl, 'partner-a@demo.certijury.fr');
    // The explorer's socket acknowledges the subscription asynchronously: register until the event arrives.
    const response = page.locator('.graphiql-response .view-lines');
    await expect
      .poll(
        async () => {
          const text = (await response.textContent()) ?? '';
          if (!text.includes(tag)) {
            const fileNumber = `${tag}-${(attempt += 1)}`; // a new one each time: a repeated registration sends no event
            await gql(suite.server.graphqlUrl, REGISTER, { input: { certificationCode: 'RS5302', fileNumber, email: `${fileNumber.toLowerCase()}@example.fr`, birthName: 'Direct', firstName: 'Abonné' } }, { token });
          }
          return text;
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toMatch(new RegExp(`CANDIDATE_REGISTERED[\\s\\S]*${tag}-\\d+`));
    // The schema was introspected, and the Monaco workers are the bundled ones.
    await expect.poll(() => requests.filter((url) => /\/assets\/[\w.-]*worker[\w.-]*\.js$/.test(url)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(requests.filter((url) => url.endsWith('/graphql')).length).toBeGreaterThan(1);
    const foreign = requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).host !== origin);
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});
