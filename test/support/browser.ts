// Debian's Chromium driven by playwright-core (no browser download). Each context is one user.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath, missing } from './environment.ts';
import { DEMO_PASSWORD } from './graphql.ts';

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
