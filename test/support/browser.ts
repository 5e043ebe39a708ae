// Debian's Chromium driven by playwright-core (no browser download). Each context is one user.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { chromiumPath, missing } from './environment.ts';
import { DEMO_PASSWORD } from './graphql.ts';
import { startIsolatedServer, type TestServer } from './server.ts';

const root = resolve(import.meta.dirname, '../..');

/** Where browser tests write their screenshots (ignored by git). */
export const artifactsDir = resolve(root, 'test/artifacts');

/** Why browser tests cannot run here ('' when they can): they need Chromium and the built client. */
export const browserSkipReason =
  missing.chromium || (existsSync(resolve(root, 'client/dist/index.html')) ? '' : 'client not built (pnpm test builds it first)');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in through the login page, as a person would, and waits for the user's area. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('area-title').waitFor();
}

/**
 * One server and one browser for a browser test file (call it inside the `describe`): started before its
 * tests, stopped after. `signIn` opens a new user (browser context) signed in through the login page; page
 * errors of every such page land in `errors`, which a test can expect to stay empty.
 */
export function useBrowserSuite() {
  const suite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    errors: [] as string[],
    signIn: async (email: string, options: BrowserContextOptions = {}): Promise<Page> => {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', ...options });
      const page = await context.newPage();
      page.on('pageerror', (error) => suite.errors.push(String(error)));
      await signInThroughForm(page, suite.server.url, email);
      return page;
    },
  };
  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    [suite.server, suite.browser] = await Promise.all([startIsolatedServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
