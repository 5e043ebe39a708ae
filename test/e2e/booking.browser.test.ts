// The candidate portal in a real browser: a candidate whose project file is acknowledged (Chloé DUBOIS,
// candidate03) picks an oral slot of next Tuesday's session, sees it booked, then cancels it after
// confirming. Another candidate of the same certification (Clara LEROY, candidate13) watches the seat
// counts change live. Screenshots go to test/artifacts/ (ignored by git).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';

const artifacts = artifactsDir;
const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: a candidate books an oral slot and cancels it', reason), () => {
  const suite = useBrowserSuite();
  const { errors } = suite;
  const { signIn } = suite;

  async function openSlots(page: Page): Promise<void> {
    await page.getByTestId('choose-slot').click();
    await page.getByTestId('booking-page').waitFor();
    await page.getByTestId('slot-row').first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
  }

  it('books a slot, shows it booked, and cancels it after a confirmation', async () => {
    const chloe = await signIn('candidate03@demo.certijury.fr');
    expect(await chloe.getByTestId('attempt-row').first().textContent()).toMatch(/Dossier réceptionné/);
    await openSlots(chloe);
    expect(new URL(chloe.url()).pathname).toMatch(/^\/candidate\/attempts\/[^/]+\/slot$/);
    // Grouped by session, with the mode, the place and the video link of the mixed session.
    const session = chloe.getByTestId('booking-session').first();
    expect(await session.getByTestId('session-mode').textContent()).toMatch(/Sur place ou à distance/);
    expect(await session.getByTestId('session-place').textContent()).toMatch(/salle Confluence/);
    expect(await session.getByTestId('session-link').getAttribute('href')).toMatch(/^https:\/\/visio\.demo\.certijury\.fr\//);

    // Clara, another candidate of the certification, watches the same slots.
    const clara = await signIn('candidate13@demo.certijury.fr');
    await openSlots(clara);

    const first = chloe.getByTestId('slot-row').first();
    const slotId = (await first.getAttribute('data-slot-id'))!;
    const remaining = Number(await first.getAttribute('data-remaining'));
    expect(remaining).toBeGreaterThan(0);
    const claraRow = clara.locator(`[data-testid="slot-row"][data-slot-id="${slotId}"]`);
    expect(Number(await claraRow.getAttribute('data-remaining'))).toBe(remaining);
    const when = (await first.locator('th').textContent())!.trim();
    expect(when).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} \S+ \d{4}$/);
    await chloe.screenshot({ path: resolve(artifacts, 'booking-slots.png'), fullPage: true });

    await first.getByTestId('book-slot').click();
    await chloe.waitForURL(`${suite.server.url}/candidate`);
    const booked = chloe.getByTestId('booked-slot');
    await booked.waitFor({ timeout: 10_000 });
    expect(await booked.getAttribute('data-slot-id')).toBe(slotId);
    expect(await booked.getByTestId('booked-when').textContent()).toContain(when);
    expect(await chloe.getByTestId('journey-notice').textContent()).toMatch(/Créneau réservé/);
    await expect.poll(() => chloe.getByTestId('attempt-row').first().textContent()).toMatch(/Oral planifié/);
    expect(await chloe.getByTestId('choose-slot').count()).toBe(0);

    // Live: Clara sees one seat fewer (or the slot full) without reloading.
    await expect.poll(() => claraRow.getAttribute('data-remaining'), { timeout: 10_000 }).toBe(String(remaining - 1));
    if (remaining === 1) {
      expect(await claraRow.getAttribute('data-full')).toBe('true');
      expect(await claraRow.getByTestId('slot-seats').textContent()).toMatch(/Complet/);
      expect(await claraRow.getByTestId('book-slot').isDisabled()).toBe(true);
    }
    // A seat taken meanwhile: the server's message is shown beside the slot.
    const other = clara.locator('[data-testid="slot-row"][data-full="false"]').first();
    await clara.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('mutation BookSlot')) return route.continue();
      await route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ data: null, errors: [{ message: 'Ce créneau vient d’être réservé : choisissez-en un autre.', extensions: { code: 'SLOT_FULL' } }] }),
      });
    });
    await other.getByTestId('book-slot').click();
    await expect(other.getByTestId('error-message').textContent()).resolves.toMatch(/Ce créneau vient d’être réservé/);
    await clara.unroute('**/graphql');
    expect(new URL(clara.url()).pathname).toMatch(/\/slot$/);

    await booked.scrollIntoViewIfNeeded();
    await chloe.screenshot({ path: resolve(artifacts, 'booking-booked.png'), fullPage: true });

    // Cancelling asks first; "Annuler" keeps the booking.
    await chloe.getByTestId('cancel-booking').click();
    const dialog = chloe.locator('dialog[open]');
    expect(await dialog.textContent()).toMatch(/Annuler votre réservation/);
    await dialog.getByTestId('confirm-cancel').click();
    await expect.poll(() => chloe.locator('dialog[open]').count()).toBe(0);
    expect(await chloe.getByTestId('booked-slot').count()).toBe(1);
    await chloe.getByTestId('cancel-booking').click();
    await chloe.locator('dialog[open]').getByTestId('confirm-accept').click();
    await expect.poll(() => chloe.getByTestId('booked-slot').count(), { timeout: 10_000 }).toBe(0);
    await chloe.getByTestId('choose-slot').waitFor();
    await expect.poll(() => chloe.getByTestId('journey-notice').textContent()).toMatch(/réservation a été annulée/);
    expect(await chloe.getByTestId('attempt-row').first().textContent()).toMatch(/Dossier réceptionné/);

    // The seat is free again for Clara.
    await expect.poll(() => claraRow.getAttribute('data-remaining'), { timeout: 10_000 }).toBe(String(remaining));
    expect(await claraRow.getByTestId('book-slot').isDisabled()).toBe(false);

    // English on demand, with no untranslated key.
    await chloe.getByTestId('locale-switch').selectOption('en');
    await expect.poll(() => chloe.getByTestId('choose-slot').textContent()).toMatch(/Choose an oral slot/);
    await chloe.getByTestId('choose-slot').click();
    await chloe.getByTestId('slot-row').first().waitFor({ timeout: 10_000 });
    expect(await chloe.locator('main').innerText()).not.toMatch(/\b(booking|examMode|common)\.[a-zA-Z]/);
    expect(await chloe.getByTestId('book-slot').first().textContent()).toMatch(/Book/);
    expect(errors).toEqual([]);
  }, 120_000);
});
