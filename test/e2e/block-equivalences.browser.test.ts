// CQP bridges in a real browser (issue 19): the admin declares a block equivalence between two certifications'
// published blocks, sees the refusal of a duplicate, and removes it after confirming.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: block equivalences', reason), () => {
  const suite = useBrowserSuite();

  it('lets the admin declare a block equivalence, refuses a duplicate, and removes it', async () => {
    const page = await suite.signIn('admin@demo.certijury.fr');
    await page.getByTestId('nav-admin-block-equivalences').click();
    await page.getByTestId('bridge-form').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="bridges-table"], [data-testid="empty-state"]').first().waitFor({ timeout: 10_000 });
    const before = await page.getByTestId('bridge-row').count();
    // Nothing chosen: each field says so.
    await page.getByTestId('bridge-submit').click();
    await expect.poll(() => page.getByTestId('bridge-form').locator('.field-error').count()).toBe(4);

    const options = async (testId: string) => (await page.getByTestId(testId).locator('option:not([disabled])').allTextContents()).filter(Boolean);
    const certifications = (await options('bridge-from-certification')).filter((label) => label.startsWith('CQP'));
    expect(certifications.length).toBeGreaterThanOrEqual(2);
    const choose = async (side: 'from' | 'equivalent', label: string) => {
      await page.getByTestId(`bridge-${side}-certification`).selectOption({ label });
      const blocks = await options(`bridge-${side}-block`);
      await page.getByTestId(`bridge-${side}-block`).selectOption({ label: blocks.at(-1)! });
      return blocks.at(-1)!.split(' — ')[0];
    };
    const from = await choose('from', certifications.at(-2)!);
    const to = await choose('equivalent', certifications.at(-1)!);
    await page.getByTestId('bridge-submit').click();
    await expect.poll(() => page.getByTestId('bridges-status').textContent(), { timeout: 10_000 }).toContain(`${from} ↔ ${to}`);
    await expect.poll(() => page.getByTestId('bridge-row').count()).toBe(before + 1);
    await page.screenshot({ path: resolve(artifactsDir, 'block-equivalences.png'), fullPage: true });

    // The same pair again is refused.
    await choose('from', certifications.at(-2)!);
    await choose('equivalent', certifications.at(-1)!);
    await page.getByTestId('bridge-submit').click();
    await page.getByTestId('error-message').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('bridge-row').count()).toBe(before + 1);

    const row = page.getByTestId('bridge-row').filter({ hasText: from }).filter({ hasText: to });
    await row.getByTestId('bridge-delete').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => page.getByTestId('bridge-row').count(), { timeout: 10_000 }).toBe(before);
    await page.context().close();
  }, 60_000);
});
