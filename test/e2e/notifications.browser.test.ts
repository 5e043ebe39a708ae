// Notifications in a real browser: Chloé DUBOIS (candidate03) has the demo's unread "file acknowledged"
// notification: the header bell shows 1, the notifications page lists it, marking it read takes the count to
// 0. Hugo BERNARD (candidate02) sees his bell go to 1 live when an admin acknowledges his file, and opening the
// notification leads to its page. The admin's outbox lists the notifications with their status.
// Screenshot: test/artifacts/notifications.png.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { titled } from '../support/environment.ts';
import { artifactsDir, browserSkipReason, useBrowserSuite } from '../support/browser.ts';
import { gql, loginAs } from '../support/graphql.ts';

const reason = browserSkipReason;

describe.skipIf(reason)(titled('browser: notifications, the header bell and the outbox', reason), () => {
  const suite = useBrowserSuite();
  const { errors, signIn } = suite;

  it('shows the unread count, lists the notification, and marking it read takes the count to 0', async () => {
    const chloe = await signIn('candidate03@demo.certijury.fr');
    const bell = chloe.getByTestId('notification-bell');
    await expect.poll(() => chloe.getByTestId('notification-count').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Notifications : 1 non lue');

    await bell.click();
    await chloe.waitForURL(/\/notifications$/);
    expect(await chloe.getByTestId('area-title').textContent()).toBe('Notifications');
    const item = chloe.getByTestId('notification').first();
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Dossier projet réceptionné/);
    expect(await item.getAttribute('data-read')).toBe('false');
    await chloe.screenshot({ path: resolve(artifactsDir, 'notifications.png') });

    await item.getByTestId('notification-mark-read').click();
    await expect.poll(() => item.getAttribute('data-read'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => chloe.getByTestId('notification-count').count()).toBe(0);
    expect(await bell.getAttribute('aria-label')).toBe('Notifications');
    expect(await chloe.getByTestId('notifications-mark-all').isDisabled()).toBe(true);
    // Unread only: nothing left.
    await chloe.getByTestId('notifications-unread-only').check();
    await chloe.getByTestId('empty-state').waitFor();
  });

  it('updates the bell live, and opening a notification leads to its page', async () => {
    const hugo = await signIn('candidate02@demo.certijury.fr');
    await hugo.getByTestId('notification-bell').waitFor();
    expect(await hugo.getByTestId('notification-count').count()).toBe(0);
    await hugo.waitForTimeout(500); // let the live subscription start

    // An admin acknowledges Hugo's project file (through the API).
    const graphqlUrl = `${suite.server.url}/graphql`;
    const admin = await loginAs(graphqlUrl, 'admin@demo.certijury.fr');
    const attemptId = (await gql(graphqlUrl, '{ myAttempts { id } }', {}, { token: await loginAs(graphqlUrl, 'candidate02@demo.certijury.fr') })).data!.myAttempts[0].id;
    const files = (await gql(graphqlUrl, '{ projectFilesAtRisk { id attempt { id } } }', {}, { token: admin })).data!.projectFilesAtRisk as any[];
    const file = files.find((row) => row.attempt.id === attemptId);
    const acknowledged = await gql(graphqlUrl, 'mutation ($id: ID!) { acknowledgeProjectFile(id: $id) { id } }', { id: file.id }, { token: admin });
    expect(acknowledged.errors).toBeUndefined();

    await expect.poll(() => hugo.getByTestId('notification-count').textContent(), { timeout: 10_000 }).toBe('1');
    await hugo.getByTestId('notification-bell').click();
    const item = hugo.getByTestId('notification').first();
    await item.waitFor();
    await item.getByTestId('notification-open').click();
    await hugo.waitForURL(new RegExp(`/candidate/attempts/${attemptId}/slot$`));
    await expect.poll(() => hugo.getByTestId('notification-count').count()).toBe(0);
  });

  it('lists the outbox for admins, filtered by status', async () => {
    const admin = await signIn('admin@demo.certijury.fr');
    await admin.getByTestId('nav-admin-outbox').click();
    await admin.getByTestId('outbox-page').waitFor();
    await admin.getByTestId('outbox-row').first().waitFor();
    // Without SMTP here, Hugo's notification waits; the demo's are sent.
    await admin.getByTestId('outbox-status').selectOption('PENDING');
    await expect.poll(async () => (await admin.getByTestId('outbox-row').allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/candidate02@demo\.certijury\.fr/);
    expect(await admin.getByTestId('outbox-status-cell').first().textContent()).toBe('En attente');
    await admin.getByTestId('outbox-status').selectOption('SENT');
    await expect.poll(async () => (await admin.getByTestId('outbox-row').allTextContents()).join('\n')).toMatch(/candidate03@demo\.certijury\.fr/);
    expect(errors).toEqual([]);
  });
});
