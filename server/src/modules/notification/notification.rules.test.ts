import { describe, expect, it } from 'vitest';
import { afterFailure, composeEmail, MAX_RETRY_DELAY_MS, messageIdFor, retryDelayMs, RETRY_JITTER } from './notification.rules.ts';

describe('retry schedule', () => {
  it('doubles from the base delay after each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, 30_000, 0))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('is capped, however many attempts failed', () => {
    expect(retryDelayMs(40, 30_000, 0)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1_000, 30_000, 0)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('adds at most the jitter fraction, never less than the exponential delay', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const delay = retryDelayMs(3, 1_000, random);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(4_000 * (1 + RETRY_JITTER));
    }
    expect(retryDelayMs(3, 1_000, 0.5)).toBe(4_200);
  });

  it('schedules the next attempt, then gives up after the last one', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(afterFailure(1, 3, 1_000, now, 0)).toEqual({ status: 'PENDING', nextAttemptAt: new Date('2026-03-01T10:00:01Z') });
    expect(afterFailure(2, 3, 1_000, now, 0)).toEqual({ status: 'PENDING', nextAttemptAt: new Date('2026-03-01T10:00:02Z') });
    expect(afterFailure(3, 3, 1_000, now, 0)).toEqual({ status: 'FAILED' });
  });
});

describe('emails', () => {
  it('derives one Message-ID per notification from the sender domain', () => {
    expect(messageIdFor('n-1', 'Certijury <no-reply@certijury.local>')).toBe('<notification-n-1@certijury.local>');
    expect(messageIdFor('n-1', 'alerts@example.fr')).toBe('<notification-n-1@example.fr>');
    expect(messageIdFor('n-1', 'Certijury')).toBe('<notification-n-1@certijury.local>');
  });

  it('makes the link absolute and escapes the HTML part', () => {
    const email = composeEmail({ subject: 'S', text: 'Bonjour <b>A</b>,\n\nLigne 1\nLigne 2', path: '/candidate/attempts/a1/slot' }, 'https://app.example.fr', 'Ouvrir');
    expect(email.link).toBe('https://app.example.fr/candidate/attempts/a1/slot');
    expect(email.text).toContain('https://app.example.fr/candidate/attempts/a1/slot');
    expect(email.html).toContain('<p>Bonjour &lt;b&gt;A&lt;/b&gt;,</p>');
    expect(email.html).toContain('<p>Ligne 1<br>Ligne 2</p>');
    expect(email.html).toContain('<a href="https://app.example.fr/candidate/attempts/a1/slot">Ouvrir</a>');
  });
});
