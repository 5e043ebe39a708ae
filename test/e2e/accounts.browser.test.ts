// Accounts in a real browser, with a real SMTP server capturing the mails (issue 19): an admin invites a juror
// from the people page; the juror opens the link from the mail, a weak password is refused with the reason, a
// strong one signs her in; the admin deactivates her after a confirmation; a forged link answers the one
// "ce lien n'est plus valable" page; "mot de passe oublié" from the sign-in page; the password changed from
// "Mon compte". Screenshots: accounts-people.png, accounts-set-password.png, accounts-link-invalid.png.
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, signInThroughForm, useBrowserSuite } from '../support/browser.ts';
import { TestSmtp, linkIn, type ReceivedMail } from '../support/smtp.ts';

const reason = browserSkipReason;
const STRONG = 'cheval-agrafe-pluie-orange';

describe.skipIf(reason)(titled('browser: people, invitations and passwords', reason), () => {
  const smtp = new TestSmtp(false);
  const suite = useBrowserSuite(async () => {
    await smtp.start();
    return { env: { SMTP_URL: smtp.smtpUrl, NOTIFICATION_POLL_MS: '50' } };
  });
  afterAll(() => smtp.stop());

  async function mailTo(to: string, after = 0): Promise<ReceivedMail> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = smtp.accepted.filter((mail) => mail.to.includes(to));
      if (mails.length > after) return mails[after];
      if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** The link of a mail, on the test server (the mail's own host is PUBLIC_URL). */
  const onServer = (link: string) => {
    const url = new URL(link);
    return `${suite.server.url}${url.pathname}${url.search}`;
  };

  let admin: Page;
  let juror: Page;

  it('lets an admin invite a juror from the people page', async () => {
    admin = await suite.signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-people').click();
    await admin.getByTestId('people-table').waitFor();
    await admin.getByTestId('invite-email').fill('zoe.marchand@jury.test');
    await admin.getByTestId('invite-name').fill('Zoé Marchand');
    await admin.getByTestId('invite-role').selectOption('JUROR');
    await admin.getByTestId('invite-submit').click();
    await expect.poll(() => admin.getByTestId('people-status').textContent()).toMatch(/Invitation envoyée à zoe\.marchand@jury\.test/);
    const row = admin.locator('[data-testid="person"][data-email="zoe.marchand@jury.test"]');
    expect(await row.getAttribute('data-state')).toBe('INVITED');
    expect(await row.textContent()).toMatch(/Invitation envoyée/);
    // The same address again: refused under the field, with the reason.
    await admin.getByTestId('invite-email').fill('admin@demo.certijury.fr');
    await admin.getByTestId('invite-name').fill('Doublon');
    await admin.getByTestId('invite-submit').click();
    await expect.poll(() => admin.locator('#invite-email-error').textContent()).toMatch(/déjà celle d’un compte \(administrateur\)/);
    await admin.screenshot({ path: resolve(artifactsDir, 'accounts-people.png'), fullPage: true });
  }, 60_000);

  it('lets the juror choose her password from the mail: a weak one is refused with the reason', async () => {
    const mail = await mailTo('zoe.marchand@jury.test');
    expect(mail.subject).toMatch(/Invitation à rejoindre/);
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    juror = await context.newPage();
    await juror.goto(onServer(linkIn(mail, '/account/set-password')!));
    await expect.poll(() => juror.getByTestId('page-title').textContent()).toBe('Choisissez votre mot de passe');
    expect(await juror.textContent('main')).toMatch(/zoe\.marchand@jury\.test/);
    await juror.getByTestId('new-password').fill('motdepasse123');
    await juror.getByTestId('confirm-password').fill('motdepasse123');
    await juror.getByTestId('set-password-submit').click();
    await expect.poll(() => juror.getByTestId('password-error').textContent()).toMatch(/trop facile à deviner/);
    await juror.screenshot({ path: resolve(artifactsDir, 'accounts-set-password.png') });
    await juror.getByTestId('new-password').fill(STRONG);
    await juror.getByTestId('confirm-password').fill(STRONG);
    await juror.getByTestId('set-password-submit').click();
    await juror.getByTestId('area-title').waitFor();
    expect(new URL(juror.url()).pathname).toBe('/juror');
    expect(await juror.getByTestId('user-name').textContent()).toBe('Zoé Marchand');
  }, 60_000);

  it('deactivates the juror after a confirmation', async () => {
    await admin.reload();
    const row = admin.locator('[data-testid="person"][data-email="zoe.marchand@jury.test"]');
    await expect.poll(() => row.getAttribute('data-state')).toBe('ACTIVE');
    await row.getByTestId('person-deactivate').click();
    const dialog = admin.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/Désactiver le compte de Zoé Marchand/);
    await dialog.getByRole('button', { name: 'Désactiver' }).click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('DEACTIVATED');
    expect(await row.getByTestId('person-reactivate').count()).toBe(1);
  }, 60_000);

  it('answers a forged or spent link with one page that says what to do next', async () => {
    const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${suite.server.url}/account/set-password?token=cja_forged`);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Ce lien n’est plus valable');
    expect(await page.getByTestId('link-invalid').getAttribute('data-status')).toBe('UNKNOWN');
    await page.screenshot({ path: resolve(artifactsDir, 'accounts-link-invalid.png') });
    // The invitation link, used once already.
    await page.goto(onServer(linkIn(await mailTo('zoe.marchand@jury.test'), '/account/set-password')!));
    await expect.poll(() => page.getByTestId('link-invalid').getAttribute('data-status')).toMatch(/USED|REVOKED/);
  }, 60_000);

  it('resets a forgotten password from the sign-in page, then changes it from "Mon compte"', async () => {
    const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage();
    await page.goto(`${suite.server.url}/login`);
    await page.getByTestId('forgot-link').click();
    await page.getByTestId('forgot-email').fill('juror3@demo.certijury.fr');
    await page.getByTestId('forgot-submit').click();
    await expect.poll(() => page.getByTestId('reset-sent').textContent()).toMatch(/Si un compte actif correspond à juror3@demo\.certijury\.fr/);
    await page.goto(onServer(linkIn(await mailTo('juror3@demo.certijury.fr'), '/account/set-password')!));
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Choisissez un nouveau mot de passe');
    await page.getByTestId('new-password').fill(STRONG);
    await page.getByTestId('confirm-password').fill(STRONG);
    await page.getByTestId('set-password-submit').click();
    await page.getByTestId('area-title').waitFor();

    await page.getByTestId('user-name').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Mon compte');
    await page.getByTestId('current-password').fill('pas-le-bon-mot-de-passe');
    await page.getByTestId('next-password').fill(`${STRONG}-2`);
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.locator('#current-password-error').textContent()).toMatch(/actuel est incorrect/);
    await page.getByTestId('current-password').fill(STRONG);
    await page.getByTestId('change-password-submit').click();
    await expect.poll(() => page.getByTestId('password-changed').textContent()).toMatch(/Mot de passe changé/);
    const other = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInThroughForm(other, suite.server.url, 'juror3@demo.certijury.fr', `${STRONG}-2`);
  }, 90_000);
});
