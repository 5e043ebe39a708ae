// Boot: config → database (+ migrations, + demo data on first start) → pub/sub → HTTP + WebSocket.
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { applyMigrations } from './db/migrations.ts';
import { createPubSub, type PubSub } from './realtime/pubsub.ts';
import { PresenceTracker } from './realtime/presence.ts';
import { ViewerResolver } from './auth/viewer.ts';
import { LoginLimiter } from './auth/login-limiter.ts';
import { getSchema } from './graphql/schema.ts';
import { schemaLimits } from './graphql/builder.ts';
import { createHttpApp } from './http/server.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { loadAppSecret } from './lib/secrets.ts';
import { formatLogins, isDatabaseEmpty, seedDemoData } from '../../prisma/seed.ts';
import { reissueLegacyCertificates } from './modules/certificate/certificate.service.ts';
import { startNotificationDelivery } from './modules/notification/notification.delivery.ts';
import { JobScheduler } from './jobs/scheduler.ts';
import { accountLimiters } from './auth/request-limiter.ts';
import { NO_ADMIN_HINT } from './modules/account/account.rules.ts';
import { deadlineDigestJob } from './jobs/deadline-digest.ts';
import { Metrics } from './observability/metrics.ts';
import { Tracing } from './observability/tracing.ts';
import { listenForBackups } from './db/backup.ts';

export interface RunningApp {
  url: string;
  port: number;
  db: Database;
  pubsub: PubSub;
  log: Logger;
  close(): Promise<void>;
}

export async function startApp(config: Config): Promise<RunningApp> {
  const log = createLogger(config.logLevel);
  const secret = await loadAppSecret(config);
  const db = await openDatabase(config);
  const applied = await applyMigrations(db.raw, db.kind, config.migrationsDir);
  log.info({ database: db.label, applied }, 'database ready');

  const tracing = config.tracing ? new Tracing(config.tracing) : undefined;
  const metrics = new Metrics({ prisma: db.prisma, pool: db.poolStats, tracing });
  const pubsub = createPubSub(config.redisUrl, {
    published: (event) => metrics.event('published', event),
    delivered: (event) => metrics.event('delivered', event),
    reconnecting: () => metrics.pubsubReconnections.inc(),
  });
  Object.assign(schemaLimits, {
    maxDepth: config.limits.maxDepth,
    maxBreadth: config.limits.maxBreadth,
    maxComplexity: config.limits.maxComplexity,
  });
  const presence = new PresenceTracker(db.prisma);
  const viewers = new ViewerResolver(db.prisma, pubsub);
  const loginLimiter = new LoginLimiter(config.login, config.redisUrl);
  const limiters = accountLimiters(config, config.redisUrl);
  // `pnpm db:backup` asks the process that holds the embedded database for its copy (see db/backup.ts).
  const backups = db.dumpDataDir && !config.dataDir.startsWith('memory://') ? await listenForBackups(config.dataDir, db.dumpDataDir) : undefined;
  const http = await createHttpApp({ config, prisma: db.prisma, raw: db.raw, pubsub, presence, viewers, loginLimiter, accountLimiters: limiters, secret }, getSchema(), log, metrics, tracing);
  await new Promise<void>((resolve) => http.server.listen(config.port, config.host, resolve));
  const { port } = http.server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  config.publicUrl ||= url;
  // Seeded once the public URL is known: the demo certificates are signed with it (before "running on").
  if (config.seedDemo && (await isDatabaseEmpty(db.prisma))) {
    const logins = await seedDemoData(db.prisma, new Date(), { secret, publicUrl: config.publicUrl });
    process.stdout.write(`\nDemo data loaded. Sign in with:\n${formatLogins(logins)}\n`);
  }
  // Certificates issued before the issuer's DID and status list: re-issued once (idempotent, audited).
  const reissued = await reissueLegacyCertificates({ prisma: db.prisma, config, secret });
  if (reissued.length) log.info({ reissued: reissued.length }, 'certificates re-issued under the issuer DID');
  log.info({ url, pubsub: pubsub.kind }, 'certijury listening');
  if ((await db.prisma.user.count({ where: { role: 'ADMIN', disabledAt: null } })) === 0) {
    log.warn({ admin: 'missing' }, NO_ADMIN_HINT);
    process.stdout.write(`${NO_ADMIN_HINT}\n`);
  }
  // Without SMTP, notifications stay PENDING in the outbox (and in-app).
  const smtpUrl = config.notifications.smtpUrl;
  const delivery = smtpUrl ? startNotificationDelivery({ prisma: db.prisma, pubsub, config, log }, smtpUrl) : undefined;
  const jobs = new JobScheduler({ prisma: db.prisma, pubsub }, [deadlineDigestJob(config.jobs.deadlineDigestIntervalMs)], config.jobs.tickMs, log, (job, outcome) => metrics.job(job, outcome));
  jobs.start();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    db,
    pubsub,
    log,
    close() {
      closing ??= (async () => {
        await http.close();
        await new Promise((resolve) => (backups ? backups.close(resolve) : resolve(undefined)));
        await jobs.stop();
        await delivery?.close();
        await presence.close();
        viewers.close();
        await loginLimiter.close();
        await limiters.close();
        await pubsub.close();
        await db.close();
        await tracing?.close();
      })();
      return closing;
    },
  };
}
