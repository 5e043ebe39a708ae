// The delivery worker: mails due notifications through SMTP (nodemailer). Started by startApp when SMTP_URL
// is set. Several server processes on one database each run one: a worker claims rows with one UPDATE over
// `FOR UPDATE SKIP LOCKED`, so no two workers take the same row; the claim increments `attempts`, which then
// identifies it (a worker records the outcome only while the row is SENDING with the attempts it claimed).
// A claim is a lease (`claimedUntil`): the row of a worker that died is taken over once it expires. Each
// message carries a Message-ID derived from the notification id, so the one case that can repeat a message
// (accepted by SMTP, then the worker died before recording it) is recognisable by the receiving system.
import nodemailer, { type Transporter } from 'nodemailer';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Config } from '../../config.ts';
import type { Locale } from '../../lib/request-context.ts';
import type { Logger } from '../../lib/logger.ts';
import type { PubSub } from '../../realtime/pubsub.ts';
import { rooms } from '../../realtime/rooms.ts';
import { appendAudit } from '../../lib/audit.ts';
import { translate } from '../../lib/messages.ts';
import { renderNotification, type NotificationData } from './notification.templates.ts';
import { afterFailure, composeEmail, messageIdFor } from './notification.rules.ts';

/** Rows claimed per statement. */
const BATCH_SIZE = 20;
/** How long a claim holds: well beyond the SMTP timeouts below, so a live worker never loses its row. */
const LEASE_MS = 5 * 60_000;
const SMTP_TIMEOUT_MS = 30_000;
/** lastError keeps this much of the SMTP answer. */
const MAX_ERROR_LENGTH = 500;

interface ClaimedRow {
  id: string;
  email: string;
  locale: Locale;
  template: string;
  data: NotificationData;
  attempts: number;
}

export interface DeliveryDeps {
  prisma: PrismaClient;
  pubsub: PubSub;
  config: Config;
  log: Logger;
}

export interface DeliveryWorker {
  /** Look for due notifications now (as well as every NOTIFICATION_POLL_MS). */
  poke(): void;
  /** Stops polling and waits for the delivery in progress. */
  close(): Promise<void>;
}

/** Takes up to `limit` due rows for this worker: PENDING and due, or SENDING with an expired lease. */
async function claimDue(prisma: PrismaClient, now: Date, limit: number): Promise<ClaimedRow[]> {
  // Timestamps go as ISO text and become UTC wall-clock values, as Prisma stores DateTime, whatever the session's time zone.
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "Notification" SET "status" = 'SENDING', "claimedUntil" = (${leaseUntil}::timestamptz AT TIME ZONE 'UTC'), "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE "email" IS NOT NULL
        AND (("status" = 'PENDING' AND "nextAttemptAt" <= (${at}::timestamptz AT TIME ZONE 'UTC'))
          OR ("status" = 'SENDING' AND "claimedUntil" < (${at}::timestamptz AT TIME ZONE 'UTC')))
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "email", "locale"::text AS "locale", "template", "data", "attempts"`;
}

export function startNotificationDelivery(deps: DeliveryDeps, smtpUrl: string): DeliveryWorker {
  const { prisma, config, log } = deps;
  const settings = config.notifications;
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pokedWhileRunning = false;

  /** Records the outcome only if the row is still this worker's claim (same attempts, still SENDING). */
  const stillClaimed = (row: ClaimedRow) => ({ id: row.id, status: 'SENDING' as const, attempts: row.attempts });

  async function deliver(row: ClaimedRow): Promise<void> {
    const rendered = renderNotification(row.template, row.locale, row.data);
    const email = composeEmail(rendered, config.publicUrl, translate('notification.openLink', {}, row.locale));
    try {
      await transport.sendMail({
        from: settings.from,
        to: row.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: messageIdFor(row.id, settings.from),
        headers: { 'Content-Language': row.locale },
      });
    } catch (error) {
      await recordFailure(row, error);
      return;
    }
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({ where: stillClaimed(row), data: { status: 'SENT', sentAt: now, claimedUntil: null, lastError: null } });
      if (count === 0) return; // the lease expired and another worker took the row over
      await appendAudit(tx, { actorKind: 'system', action: 'notification.sent', entityType: 'Notification', entityId: row.id, data: { attempts: row.attempts } });
    });
  }

  async function recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const now = new Date();
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    const next = afterFailure(row.attempts, settings.maxAttempts, settings.retryBaseMs, now);
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({
        where: stillClaimed(row),
        data: { status: next.status, lastError: message, claimedUntil: null, ...(next.status === 'PENDING' ? { nextAttemptAt: next.nextAttemptAt } : {}) },
      });
      if (count > 0 && next.status === 'FAILED') {
        await appendAudit(tx, { actorKind: 'system', action: 'notification.failed', entityType: 'Notification', entityId: row.id, data: { attempts: row.attempts } });
      }
    });
    log.warn({ notificationId: row.id, attempts: row.attempts, status: next.status }, 'notification delivery failed');
  }

  async function drain(): Promise<void> {
    while (!closed) {
      const rows = await claimDue(prisma, new Date(), BATCH_SIZE);
      for (const row of rows) await deliver(row);
      if (rows.length < BATCH_SIZE) return;
    }
  }

  function run(): void {
    if (closed) return;
    if (running) {
      pokedWhileRunning = true;
      return;
    }
    clearTimeout(timer);
    running = drain()
      .catch((error: unknown) => log.error({ err: error }, 'notification delivery worker'))
      .finally(() => {
        running = undefined;
        if (closed) return;
        if (pokedWhileRunning) {
          pokedWhileRunning = false;
          run();
        } else {
          timer = setTimeout(run, settings.pollMs);
        }
      });
  }

  const unlisten = deps.pubsub.listen(rooms.notificationOutbox(), () => run());
  run();

  return {
    poke: run,
    async close() {
      closed = true;
      clearTimeout(timer);
      unlisten();
      await running;
      transport.close();
    },
  };
}
