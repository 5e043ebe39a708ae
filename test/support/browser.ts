// Debian's Chromium driven by playwright-core (no browser download). Each context is one user.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';
import { chromiumPath, missing } from './environment.ts';
import { DEMO_PASSWORD } from './graphql.ts';
import { startIsolatedServer, type StartOptions, type TestServer } from './server.ts';

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
 * Console errors no test needs to be told about: none. Keep it that way — an expected error belongs to the
 * test that provokes it (`suite.expectConsoleErrors`), not here.
 */
const ALWAYS_ALLOWED: RegExp[] = [];

/**
 * What Chromium logs when a test deliberately cuts the network (`context.setOffline(true)`, `route.abort()`):
 * the failed requests and WebSocket handshakes. A test that cuts the network passes these to
 * `suite.expectConsoleErrors` for its own duration; they are not errors of the application.
 */
export const NETWORK_CUT_ERRORS: RegExp[] = [
  /^Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED|NETWORK_CHANGED) \(https?:\/\/[^/]+\/graphql:\d+\)$/,
  /^WebSocket connection to 'wss?:\/\/[^/]+\/graphql' failed: (Error in connection establishment: )?net::ERR_(INTERNET_DISCONNECTED|NETWORK_CHANGED|CONNECTION_REFUSED)/,
];

/**
 * Reports "pageerror: …" for uncaught exceptions and unhandled rejections, and "console.error: <text> (<url>:<line>)"
 * for console errors, unless `<text> (<url>:<line>)` matches one of the `allowed` patterns.
 */
export function watchPage(page: Page, report: (line: string) => void, allowed: () => RegExp[] = () => []): void {
  page.on('pageerror', (error) => report(`pageerror: ${error.stack ?? String(error)}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    const line = `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
    if ([...ALWAYS_ALLOWED, ...allowed()].some((pattern) => pattern.test(line))) return;
    report(`console.error: ${line}`);
  });
  // A refused GraphQL request logs only its status in the console: say which operation it was, and why.
  page.on('response', async (response) => {
    if (response.status() < 400 || !/\/graphql(\?|$)/.test(response.url())) return;
    const operation = /\b(query|mutation|subscription)\s+(\w+)/.exec(response.request().postData() ?? '')?.slice(1).join(' ') ?? 'unnamed operation';
    const body = await response.text().catch(() => '');
    const line = `HTTP ${response.status()} for ${operation} (${response.url()}): ${body.slice(0, 500)}`;
    if ([...ALWAYS_ALLOWED, ...allowed()].some((pattern) => pattern.test(line))) return;
    report(`graphql: ${line}`);
  });
}

/**
 * One server and one browser for a browser test file (call it inside the `describe`): started before its
 * tests, stopped after. `signIn` opens a new user (browser context) signed in through the login page.
 * Every page of every context opened on `suite.browser` is watched: uncaught exceptions, unhandled promise
 * rejections and console errors land in `errors`, and any of them fails the test they happened in (afterEach).
 * A test that provokes console errors on purpose lists them with `expectConsoleErrors` (precise patterns,
 * valid until the end of that test).
 */
export function useBrowserSuite(serverOptions: () => StartOptions | Promise<StartOptions> = () => ({})) {
  let expected: RegExp[] = [];
  const suite = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    errors: [] as string[],
    /** Console errors this test provokes on purpose (e.g. `NETWORK_CUT_ERRORS`); forgotten after the test. */
    expectConsoleErrors: (...patterns: RegExp[]) => {
      expected.push(...patterns);
    },
    signIn: async (email: string, options: BrowserContextOptions = {}): Promise<Page> => {
      const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', ...options });
      const page = await context.newPage();
      await signInThroughForm(page, suite.server.url, email);
      return page;
    },
  };
  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    const [server, browser] = await Promise.all([startIsolatedServer(await serverOptions()), launchBrowser()]);
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options?: BrowserContextOptions) => {
      const context = await newContext(options);
      context.on('page', (page) => watchPage(page, (line) => suite.errors.push(line), () => expected));
      return context;
    };
    [suite.server, suite.browser] = [server, browser];
  });
  afterEach(() => {
    expected = [];
    const seen = suite.errors.splice(0);
    if (seen.length) throw new Error(`The browser reported ${seen.length} error(s):\n${seen.join('\n')}`);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}
