// The served client in a real browser: sign-in per role, the partner's live candidate list, the
// language switch. Screenshots go to test/artifacts/ (ignored by git).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gql, loginAs } from '../support/graphql.ts';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, signInThroughForm, useBrowserSuite } from '../support/browser.ts';

const artifacts = artifactsDir;
const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: sign-in and live partner list', reason), () => {
  // Page errors and console errors of every page are collected by the suite and fail the test they happen in.
  const suite = useBrowserSuite();

  async function signIn(page: Page, email: string) {
    await signInThroughForm(page, suite.server.url, email);
    return suite.errors;
  }

  it('shows each role its own area after signing in', async () => {
    const expectations: [string, string, string][] = [
      ['juror1@demo.certijury.fr', '/juror', 'oral-row'],
      ['candidate01@demo.certijury.fr', '/candidate', 'attempt-row'],
      ['admin@demo.certijury.fr', '/admin', 'certification-card'],
    ];
    for (const [email, path, rowId] of expectations) {
      const context = await suite.browser.newContext();
      const page = await context.newPage();
      const errors = await signIn(page, email);
      expect(new URL(page.url()).pathname).toBe(path);
      await page.getByTestId(rowId).first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('refuses a wrong password with the server’s French message', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByTestId('login-email').fill('admin@demo.certijury.fr');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('error-message').textContent()).resolves.toMatch(/mot de passe incorrect/);
    await context.close();
  });

  it('updates the partner’s candidate list live when a candidate is registered elsewhere', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'partner-a@demo.certijury.fr');
    expect(new URL(page.url()).pathname).toBe('/partner');
    await page.getByTestId('candidate-row').first().waitFor();
    const before = await page.getByTestId('candidate-row').count();
    await page.waitForTimeout(500); // the page's subscription is established

    // Registered through the API with a partner key-holder's session (another "system").
    const token = await loginAs(suite.server.graphqlUrl, 'partner-a@demo.certijury.fr');
    const result = await gql(
      suite.server.graphqlUrl,
      'mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }',
      { input: { certificationCode: 'RS5302', fileNumber: 'FP-BROWSER-1', email: 'live@example.fr', birthName: 'Navarro', firstName: 'Inès' } },
      { token },
    );
    expect(result.errors).toBeUndefined();
    await page.getByRole('cell', { name: 'FP-BROWSER-1' }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('candidate-row').count()).toBeGreaterThan(before);
    await page.screenshot({ path: resolve(artifacts, 'partner-candidates.png'), fullPage: true });

    // English on demand.
    await page.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });
});
