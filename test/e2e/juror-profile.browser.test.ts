// Juror profiles in a real browser (issue 19): the admin opens a juror's profile from the people list, restricts
// the certifications they may assess with the keyboard, and sees the upcoming jury that makes them ineligible for;
// a juror declares their own available days. Screenshots go to test/artifacts/ (ignored by git).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: juror profiles', reason), () => {
  const suite = useBrowserSuite();

  it('lets the admin edit a juror’s profile from the people list and shows the juries it makes them ineligible for', async () => {
    const page = await suite.signIn('admin@demo.certijury.fr');
    await page.getByTestId('nav-admin-people').click();
    const row = page.locator('[data-testid="person"][data-email="juror2@demo.certijury.fr"]');
    await row.waitFor({ timeout: 10_000 });
    await row.getByTestId('person-juror-profile').click();
    await page.getByTestId('juror-profile-form').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/people\/jurors\/[0-9a-f-]+$/);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toMatch(/Profil de juré : /);

    await page.getByTestId('juror-employer').fill('Groupe Hôtelier du Rhône');
    // Only a certification other than RS5302 (juror2 sits on the demo's upcoming RS5302 jury): with the keyboard.
    const boxes = await page.getByTestId('juror-certifications').locator('input[type="checkbox"]').all();
    let ticked = false;
    for (const box of boxes) {
      if ((await box.getAttribute('data-testid')) === 'juror-certification-RS5302' || ticked) continue;
      await box.focus();
      await page.keyboard.press('Space');
      ticked = true;
    }
    expect(ticked).toBe(true);
    await page.getByTestId('juror-profile-save').focus();
    await page.keyboard.press('Enter');

    const result = page.getByTestId('juror-profile-result');
    await result.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('juror-profile-status').textContent()).toMatch(/n’est plus éligible pour 1 jury/);
    const jury = page.getByTestId('ineligible-jury');
    expect(await jury.count()).toBe(1);
    expect(await jury.textContent()).toMatch(/Jury RS5302/);
    expect(await jury.locator('[data-code="NOT_QUALIFIED_FOR_CERTIFICATION"]').textContent()).toMatch(/n'est pas habilité\(e\) à évaluer la certification RS5302/);
    await page.screenshot({ path: resolve(artifactsDir, 'juror-profile-admin.png'), fullPage: true });

    // Lifting the restriction: no jury is affected any more.
    await page.getByTestId('juror-certifications').locator('input:checked').first().uncheck();
    await page.getByTestId('juror-profile-save').click();
    await expect.poll(() => page.getByTestId('juror-profile-status').textContent(), { timeout: 10_000 }).toMatch(/Aucun jury n’est affecté/);
    expect(await page.getByTestId('juror-employer').inputValue()).toBe('Groupe Hôtelier du Rhône');
    await page.context().close();
  }, 60_000);

  it('lets a juror declare the days they are available', async () => {
    const page = await suite.signIn('juror4@demo.certijury.fr');
    await page.getByTestId('nav-juror-profile').click();
    await page.getByTestId('juror-profile-form').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe('/juror/profile');
    expect(await page.getByTestId('juror-no-days').count()).toBe(1);
    // Adding without a date says so; then two days, one removed.
    await page.getByTestId('juror-add-day').click();
    await expect.poll(() => page.getByTestId('juror-availability').textContent()).toMatch(/Choisissez une date/);
    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    for (const day of [inDays(400), inDays(401)]) {
      await page.getByTestId('juror-new-day').fill(day);
      await page.getByTestId('juror-new-day').press('Enter');
    }
    await expect.poll(() => page.getByTestId('juror-day').count()).toBe(2);
    await page.getByTestId('juror-day').nth(1).getByRole('button').click();
    await page.getByTestId('juror-profile-save').click();
    await page.getByTestId('juror-profile-result').waitFor({ timeout: 10_000 });
    const status = await page.getByTestId('juror-profile-status').textContent();
    expect(status).toMatch(/Profil enregistré/);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="juror-day"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-day'))), { timeout: 10_000 }).toEqual([inDays(400)]);
    await page.screenshot({ path: resolve(artifactsDir, 'juror-profile-juror.png'), fullPage: true });
    await page.context().close();
  }, 60_000);
});
