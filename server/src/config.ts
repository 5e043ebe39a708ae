// Every environment variable the server reads, parsed once, with defaults. The README lists them all.
import { z } from 'zod';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /// PostgreSQL connection string; unset = embedded PGlite under DATA_DIR.
  DATABASE_URL: z.string().optional(),
  /// Folder for the embedded database and stored files.
  DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
  /// Tests: a gzipped PGlite data folder that an in-memory database (DATA_DIR=memory://) starts from, instead of an empty one.
  PGLITE_TEMPLATE: z.string().optional(),
  /// Redis for pub/sub across server processes; unset = in-memory pub/sub.
  REDIS_URL: z.string().optional(),
  /// Load the demo certifier on first start when the database is empty.
  SEED_DEMO: booleanFromEnv,
  /// Lifetime of a login session.
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  GRAPHQL_INTROSPECTION: booleanFromEnv,
  /// Serve the built client from this folder (default client/dist when it exists).
  CLIENT_DIST: z.string().default(resolve(repoRoot, 'client/dist')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /// Limits (see docs/security.md).
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
  /// Largest project file upload (POST /uploads/project-file), 413 beyond.
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().positive().default(50),
  WS_CONNECTION_INIT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().positive().default(20_000),
  GRAPHQL_MAX_BREADTH: z.coerce.number().int().positive().default(200),
  /// Failed sign-ins allowed per account, and per client IP, within LOGIN_FAILURE_WINDOW_SECONDS.
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /// Behind a reverse proxy: take the client IP from the first X-Forwarded-For address.
  TRUST_PROXY: booleanFromEnv,
  /// Public address of the web app, for links in emails, certificates and appeal links (default outside production: the listening address; required in production).
  PUBLIC_URL: z.string().url().optional(),
  CERTIFIER_LOGO_URL: z.string().url().optional(),
  /// Secret shared by every server process (≥ 32 bytes, hex or base64); required in production.
  APP_SECRET: z.string().optional(),
  /// Days after an oral's minutes are signed during which its jurors still read the candidate's personal fields.
  JUROR_PERSONAL_DATA_DAYS: z.coerce.number().min(0).default(30),
  /// SMTP server for notification emails (smtp://user:pass@host:port, smtps://…); unset = notifications stay in the outbox.
  SMTP_URL: z.string().url().optional().or(z.literal('')),
  SMTP_FROM: z.string().min(3).default('Certijury <no-reply@certijury.local>'),
  /// Delivery worker: how often it looks for due notifications, the first retry delay (doubled each time), the attempts before FAILED.
  NOTIFICATION_POLL_MS: z.coerce.number().int().positive().default(2_000),
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /// How often each process looks for periodic jobs that are due (the deadline digest).
  JOBS_TICK_MS: z.coerce.number().int().positive().default(60_000),
  /// The deadline digest to admins runs once per this many minutes (across processes).
  DEADLINE_DIGEST_INTERVAL_MINUTES: z.coerce.number().positive().default(1440),
  INVITATION_TTL_DAYS: z.coerce.number().positive().max(90).default(7),
  PASSWORD_RESET_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(3),
  PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().positive().default(20),
  /// OpenTelemetry: traces go to this OTLP/HTTP collector (e.g. http://localhost:4318); unset = no tracing.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional().or(z.literal('')),
  OTEL_SERVICE_NAME: z.string().min(1).default('certijury'),
  /// How long finished spans wait to be sent together (OpenTelemetry's standard variable).
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5000),
  /// Bearer token that GET /metrics requires; unset = open outside production, disabled (404) in production.
  METRICS_TOKEN: z.string().min(16).optional().or(z.literal('')),
  CDC_REPORT_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  CDC_MAX_PASSAGES_PER_FILE: z.coerce.number().int().positive().default(20_000),
  CDC_MAX_FILE_MB: z.coerce.number().positive().default(25),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    // Links in e-mails, appeal links and certificate URLs are built from PUBLIC_URL: `http://localhost:PORT` would
    // be wrong for everyone. APP_SECRET must be shared by every process (appeal links, encrypted signing keys).
    const missingVariables = [!e.PUBLIC_URL && 'PUBLIC_URL (e.g. https://certification.example.fr)', !e.APP_SECRET && 'APP_SECRET (generate one with `openssl rand -hex 32`)'].filter(Boolean);
    if (missingVariables.length) throw new Error(`Invalid environment: required in production: ${missingVariables.join('; ')}`);
  }
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.DATA_DIR,
    pgliteTemplate: e.PGLITE_TEMPLATE || undefined,
    redisUrl: e.REDIS_URL || undefined,
    seedDemo: e.SEED_DEMO ?? !production,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    introspection: e.GRAPHQL_INTROSPECTION ?? !production,
    clientDist: e.CLIENT_DIST,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
      wsMaxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      wsConnectionInitTimeoutMs: e.WS_CONNECTION_INIT_TIMEOUT_MS,
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxComplexity: e.GRAPHQL_MAX_COMPLEXITY,
      maxBreadth: e.GRAPHQL_MAX_BREADTH,
    },
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    trustProxy: e.TRUST_PROXY ?? false,
    metricsToken: e.METRICS_TOKEN || undefined,
    /** The service name of traces, when OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on. */
    tracing: e.OTEL_EXPORTER_OTLP_ENDPOINT ? { serviceName: e.OTEL_SERVICE_NAME, exportDelayMs: e.OTEL_BSP_SCHEDULE_DELAY } : undefined,
    /** Set from PUBLIC_URL, else to the listening address once the server listens (see startApp). */
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : '',
    /** The certifier's logo in certificates (issuer `image`); unset: the bundled one, `<PUBLIC_URL>/issuers/<id>/logo.svg`. */
    certifierLogoUrl: e.CERTIFIER_LOGO_URL || undefined,
    appSecret: e.APP_SECRET || undefined,
    jurorPersonalDataMs: e.JUROR_PERSONAL_DATA_DAYS * 86_400_000,
    notifications: {
      smtpUrl: e.SMTP_URL || undefined,
      from: e.SMTP_FROM,
      pollMs: e.NOTIFICATION_POLL_MS,
      retryBaseMs: e.NOTIFICATION_RETRY_BASE_MS,
      maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
    },
    accounts: {
      invitationTtlMs: Math.round(e.INVITATION_TTL_DAYS * 24 * 3600_000),
      /** "Mot de passe oublié" requests per hour, per account and per client IP. */
      resetRequestsPerAccount: e.PASSWORD_RESET_MAX_PER_ACCOUNT,
      resetRequestsPerIp: e.PASSWORD_RESET_MAX_PER_IP,
    },
    jobs: {
      tickMs: e.JOBS_TICK_MS,
      deadlineDigestIntervalMs: Math.round(e.DEADLINE_DIGEST_INTERVAL_MINUTES * 60_000),
    },
    cdc: {
      reportMaxBytes: e.CDC_REPORT_MAX_BYTES,
      maxPassagesPerFile: e.CDC_MAX_PASSAGES_PER_FILE,
      maxFileBytes: Math.round(e.CDC_MAX_FILE_MB * 1024 * 1024),
    },
    repoRoot,
    migrationsDir: resolve(repoRoot, 'prisma/migrations'),
  };
}
