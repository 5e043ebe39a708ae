// Identity data before the oral, in a real browser (issue 19): the partner's candidate list flags a candidate whose
// identity the CDC transmission would lack, and the partner completes it and records an accommodation; a candidate sees the to-do on their
// journey page and completes theirs (born abroad); a candidate whose result is published asks for a rectification
// and an admin approves it. Screenshots go to test/artifacts/ (ignored by git).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: identity before the oral, rectification', reason), () => {
  const suite = useBrowserSuite();

  it('shows the partner which candidates lack identity data, and lets them complete it', async () => {
    const page = await suite.signIn('partner-a@demo.certijury.fr');
    const lea = page.getByTestId('candidate-row').filter({ hasText: 'Léa MARTIN' });
    await lea.waitFor({ timeout: 10_000 });
    const todo = lea.getByTestId('candidate-identity-todo');
    expect(await todo.textContent()).toMatch(/Identité à compléter \(\d\)/);
    // Robert, complete, has none.
    expect(await page.getByTestId('candidate-row').filter({ hasText: 'Manon ROBERT' }).getByTestId('candidate-identity-todo').count()).toBe(0);
    await todo.click();
    await page.getByTestId('identity-form').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('identity-todo').textContent()).toMatch(/naissance/i);

    // A wrong INSEE code is refused beside its field.
    await page.getByTestId('identity-sex').selectOption('F');
    await page.getByTestId('identity-birthDate').fill('1994-03-12');
    await page.getByTestId('identity-birthInseeCode').fill('75999');
    await page.getByTestId('identity-submit').click();
    await expect.poll(() => page.getByTestId('identity-form').textContent(), { timeout: 10_000 }).toMatch(/75999/);
    expect(await page.getByTestId('identity-birthInseeCode').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('identity-birthInseeCode').fill('69123');
    await page.getByTestId('identity-submit').click();
    await expect.poll(() => page.getByTestId('identity-status').textContent(), { timeout: 10_000 }).toMatch(/elle est complète/);
    await page.getByTestId('identity-complete').waitFor();
    expect(await page.getByTestId('identity-birthCity').inputValue()).toBe('Lyon');

    // Accommodations on the same page: extra time beyond 240 minutes is refused beside its field, then 30 saved.
    await page.getByTestId('accommodation-EXTRA_TIME').check();
    await page.getByTestId('accommodation-extra').fill('300');
    await page.getByTestId('accommodation-submit').click();
    await expect.poll(() => page.getByTestId('accommodation-form').locator('.field-error').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('accommodation-extra').fill('30');
    await page.getByTestId('accommodation-notes').fill('Tiers temps recommandé par la MDPH.');
    await page.getByTestId('accommodation-submit').click();
    await expect.poll(() => page.getByTestId('identity-status').textContent(), { timeout: 10_000 }).toMatch(/Aménagements enregistrés/);
    await page.reload();
    await page.getByTestId('accommodation-form').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('accommodation-extra').inputValue()).toBe('30');
    await page.screenshot({ path: resolve(artifactsDir, 'identity-partner.png'), fullPage: true });

    await page.goBack();
    const row = page.getByTestId('candidate-row').filter({ hasText: 'Léa MARTIN' });
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.getByTestId('candidate-identity-todo').count(), { timeout: 10_000 }).toBe(0);
    await page.context().close();
  }, 60_000);

  it('shows the candidate the to-do on their journey, and lets them complete a birth abroad', async () => {
    const page = await suite.signIn('candidate11@demo.certijury.fr');
    const todo = page.getByTestId('journey-identity-todo');
    await todo.waitFor({ timeout: 10_000 });
    expect(await todo.textContent()).toMatch(/Complétez votre identité avant le jury/);
    await todo.getByRole('link').click();
    await page.getByTestId('identity-form').waitFor({ timeout: 10_000 });
    await page.getByTestId('identity-sex').selectOption('F');
    await page.getByTestId('identity-birthDate').fill('1997-06-01');
    // With the keyboard: the "born abroad" choice.
    await page.getByTestId('identity-place-france').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('identity-birthCountryCode').fill('99350');
    await page.getByTestId('identity-birthCountryName').fill('Maroc');
    await page.getByTestId('identity-birthCity').fill('Rabat');
    await page.getByTestId('identity-submit').click();
    await expect.poll(() => page.getByTestId('identity-status').textContent(), { timeout: 10_000 }).toMatch(/elle est complète/);
    await page.getByTestId('nav-area').click();
    await page.getByTestId('area-title').waitFor();
    await expect.poll(() => page.getByTestId('journey-identity-todo').count(), { timeout: 10_000 }).toBe(0);
    await page.context().close();
  }, 60_000);

  it('lets a candidate whose result is published ask for a rectification, and an admin approve it', async () => {
    const candidate = await suite.signIn('candidate09@demo.certijury.fr');
    await candidate.getByTestId('nav-candidate-identity').click();
    await candidate.getByTestId('rectify-form').waitFor({ timeout: 10_000 });
    await candidate.getByTestId('identity-birthDate').fill('1992-04-15');
    await candidate.getByTestId('rectify-submit').click();
    await expect.poll(() => candidate.getByTestId('rectify-form').textContent()).toMatch(/Expliquez votre demande/);
    await candidate.getByTestId('rectify-comment').fill('Je suis née le 15 avril, pas le 14.');
    await candidate.getByTestId('rectify-submit').click();
    await candidate.getByTestId('rectification-pending').waitFor({ timeout: 10_000 });
    expect(await candidate.locator('[data-testid="rectification"][data-state="PENDING"]').textContent()).toMatch(/1992-04-14 → 1992-04-15/);

    const admin = await suite.signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-rectifications').click();
    const request = admin.getByTestId('rectification-request').filter({ hasText: 'Inès' });
    await request.waitFor({ timeout: 10_000 });
    // Rejecting needs a reason.
    await request.getByTestId('rectification-reject').click();
    await expect.poll(() => request.textContent()).toMatch(/Indiquez le motif du refus/);
    await request.getByTestId('rectification-reason').fill('Acte de naissance vérifié.');
    await request.getByTestId('rectification-approve').click();
    await expect.poll(() => admin.getByTestId('rectifications-status').textContent(), { timeout: 10_000 }).toMatch(/Rectification acceptée/);
    await admin.screenshot({ path: resolve(artifactsDir, 'rectifications-admin.png'), fullPage: true });

    await candidate.reload();
    await expect.poll(() => candidate.locator('[data-testid="rectification"]').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('APPROVED');
    await admin.context().close();
    await candidate.context().close();
  }, 60_000);
});
