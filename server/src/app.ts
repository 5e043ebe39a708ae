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

  if (config.seedDemo && (await isDatabaseEmpty(db.prisma))) {
    const logins = await seedDemoData(db.prisma);
    process.stdout.write(`\nDemo data loaded. Sign in with:\n${formatLogins(logins)}\n`);
  }

  const pubsub = createPubSub(config.redisUrl);
  Object.assign(schemaLimits, {
    maxDepth: config.limits.maxDepth,
    maxBreadth: config.limits.maxBreadth,
    maxComplexity: config.limits.maxComplexity,
  });
  const presence = new PresenceTracker(db.prisma);
  const viewers = new ViewerResolver(db.prisma, pubsub);
  const loginLimiter = new LoginLimiter(config.login, config.redisUrl);
  const http = await createHttpApp({ config, prisma: db.prisma, raw: db.raw, pubsub, presence, viewers, loginLimiter, secret }, getSchema(), log);
  await new Promise<void>((resolve) => http.server.listen(config.port, config.host, resolve));
  const { port } = http.server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  config.publicUrl ||= url;
  log.info({ url, pubsub: pubsub.kind }, 'certijury listening');

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
        await presence.close();
        viewers.close();
        await loginLimiter.close();
        await pubsub.close();
        await db.close();
      })();
      return closing;
    },
  };
}
