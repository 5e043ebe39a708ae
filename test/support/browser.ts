// Debian's Chromium driven by playwright-core (no browser download). Each context is one user.
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './environment.ts';

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
