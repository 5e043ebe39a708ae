// Automated accessibility check (axe-core, WCAG 2.1 A and AA rules) of the main pages of every area, in French
// and in English: no serious or critical violation. axe catches what a machine can (labels, names, contrast,
// landmarks, ARIA misuse); keyboard use of the grid and the forms is covered by the feature tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe on the page once it has settled; returns the serious and critical violations, readable. */
async function seriousViolations(page: Page, path: string): Promise<string[]> {
  await page.goto(new URL(path, page.url()).toString());
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await page.locator('[aria-busy="true"], [data-testid="loading"]').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => {});
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    // GraphiQL's own markup (the partner's /partner/explorer) is left out: its logo and Monaco's dimmed line
    // numbers fail color-contrast, and its tabs nest a close button inside a tab (nested-interactive). The page
    // around it (credential choice, key field) is checked like any other.
    const context = { exclude: [['.graphiql-container']] };
    return (await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  })) as Violation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${path}: ${violation.id} (${violation.impact}) — ${violation.help}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

describe.skipIf(reason)(titled('browser: accessibility of the main pages (axe-core)', reason), () => {
  const suite = useBrowserSuite();

  const pagesByUser: [email: string | null, paths: (page: Page) => Promise<string[]>][] = [
    [null, async () => ['/', '/login', '/verify']],
    // candidate07's identity is in use (a jury decided): the rectification form (issue 19).
    ['candidate07@demo.certijury.fr', async () => ['/candidate', '/candidate/complaints', '/notifications', '/candidate/identity']],
    // The project file upload form (registered), and a failed attempt beside its retake (issue 10).
    ['candidate01@demo.certijury.fr', async () => ['/candidate', '/candidate/identity']],
    ['candidate21@demo.certijury.fr', async () => ['/candidate']],
    // The VAE journey with its experience form (issue 13): a VAE candidate with periods awaiting review.
    ['candidate-vae@demo.certijury.fr', async () => ['/candidate']],
    // The CléA timeline (issue 13), from the journey page's link, and the evaluator's screen.
    [
      'candidate-clea@demo.certijury.fr',
      async (page) => {
        const link = page.getByTestId('clea-journey-link');
        await link.waitFor({ timeout: 10_000 });
        return ['/candidate', (await link.getAttribute('href'))!];
      },
    ],
    ['evaluator-clea@demo.certijury.fr', async () => ['/juror/clea']],
    [
      'partner-a@demo.certijury.fr',
      async (page) => {
        // A candidate's identity and accommodations (issue 19), from the list's link.
        const identity = page.locator('a[href^="/partner/candidates/"]').first();
        await identity.waitFor({ timeout: 10_000 });
        return ['/partner', '/partner/complaints', '/partner/import', '/partner/api-keys', '/partner/explorer', (await identity.getAttribute('href'))!];
      },
    ],
    [
      'juror1@demo.certijury.fr',
      async (page) => {
        await page.locator('a[href^="/juror/orals/"]').first().waitFor({ timeout: 10_000 });
        const room = await page.locator('a[href^="/juror/orals/"]').first().getAttribute('href');
        return ['/juror', '/juror/conflicts', '/juror/profile', room!];
      },
    ],
    [
      'admin@demo.certijury.fr',
      async (page) => {
        // The certifications editor (issue 10): the list, and one certification's editor.
        await page.goto(new URL('/admin/certifications', page.url()).toString());
        const editor = page.locator('[data-testid="certification-row"] a').first();
        await editor.waitFor({ timeout: 10_000 });
        const certification = await editor.getAttribute('href');
        // People, a juror's profile and the rectification requests (issue 19).
        await page.goto(new URL('/admin/people', page.url()).toString());
        const profile = page.getByTestId('person-juror-profile').first();
        await profile.waitFor({ timeout: 10_000 });
        const jurorProfile = await profile.getAttribute('href');
        return ['/admin/people', jurorProfile!, '/admin/rectifications', '/admin/block-equivalences', '/admin', '/admin/sessions', '/admin/cdc', '/admin/statistics', '/admin/appeals', '/admin/complaints', '/admin/retakes', '/admin/vae', '/admin/questions', '/admin/outbox', '/admin/certifications', certification!];
      },
    ],
  ];

  it('finds a violation planted in a page (the check itself works)', async () => {
    const page = await (await suite.browser.newContext()).newPage();
    await page.goto(suite.server.url);
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    await page.evaluate(axeSource);
    await page.evaluate(() => document.body.appendChild(document.createElement('button'))); // a button with no name
    const ids = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string }[] }> } }).axe;
      return (await axe.run(document)).violations.map((violation) => violation.id);
    });
    expect(ids).toContain('button-name');
    await page.context().close();
  });

  for (const locale of ['fr-FR', 'en-GB'] as const) {
    it(`has no serious or critical violation on the main pages (${locale})`, async () => {
      const problems: string[] = [];
      for (const [email, paths] of pagesByUser) {
        let page: Page;
        if (email) page = await suite.signIn(email, { locale });
        else {
          page = await (await suite.browser.newContext({ locale, viewport: { width: 1280, height: 900 } })).newPage();
          await page.goto(suite.server.url);
        }
        if (locale === 'en-GB') {
          // The language switch is in the header on every page; the choice is remembered.
          await page.evaluate(() => window.localStorage.setItem('certijury.locale', 'en'));
        }
        for (const path of await paths(page)) problems.push(...(await seriousViolations(page, path)));
        await page.context().close();
      }
      expect(problems).toEqual([]);
      expect(suite.errors).toEqual([]);
    }, 180_000);
  }
});
