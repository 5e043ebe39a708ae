// Pure rules of notification delivery: the retry schedule, the deterministic Message-ID, and the email
// built from a rendered template.
import type { renderNotification } from './notification.templates.ts';

/** No retry waits longer than this, however many attempts failed. */
export const MAX_RETRY_DELAY_MS = 6 * 3600_000;
/** Up to this fraction is added to each delay, so that workers retrying together spread out. */
export const RETRY_JITTER = 0.1;

/**
 * Delay before the next attempt after `attempts` failed ones (1 = the first failed): base · 2^(attempts-1),
 * capped at MAX_RETRY_DELAY_MS, plus up to RETRY_JITTER of it. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, baseMs: number, random: number = Math.random()): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
  return Math.round(exponential * (1 + RETRY_JITTER * random));
}

/** What happens after a failed attempt: another one later, or FAILED once `maxAttempts` were spent. */
export function afterFailure(attempts: number, maxAttempts: number, baseMs: number, now: Date, random?: number): { status: 'PENDING'; nextAttemptAt: Date } | { status: 'FAILED' } {
  if (attempts >= maxAttempts) return { status: 'FAILED' };
  return { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, baseMs, random)) };
}

/** The domain of the sender address ("Name <user@domain>" or "user@domain"), for Message-IDs. */
function senderDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'certijury.local';
}

/**
 * One Message-ID per notification, the same on every attempt: if a message was accepted but the worker died
 * before recording it, the resent copy carries the same id and the receiving system can discard it.
 */
export function messageIdFor(notificationId: string, from: string): string {
  return `<notification-${notificationId}@${senderDomain(from)}>`;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** Subject, text and a simple HTML part, with the app link made absolute. */
export function composeEmail(rendered: ReturnType<typeof renderNotification>, publicUrl: string, linkLabel: string) {
  const link = new URL(rendered.path, `${publicUrl}/`).toString();
  const paragraphs = rendered.text.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  return {
    subject: rendered.subject,
    text: `${rendered.text}\n\n${linkLabel}\n${link}\n`,
    html: `${paragraphs.join('\n')}\n<p><a href="${escapeHtml(link)}">${escapeHtml(linkLabel)}</a></p>\n`,
    link,
  };
}
