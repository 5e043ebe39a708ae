// Opens the database: embedded PGlite (default) or PostgreSQL (DATABASE_URL), with one Prisma client over it
// and a raw SQL handle for migrations, advisory locks and resets. Both dialects are PostgreSQL.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { Config } from '../config.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * Interactive transactions: how long one may wait for a connection (all pooled connections busy, or PGlite's
 * single one) and how long it may run, lock waits included. Prisma's defaults (2 s and 5 s) answered INTERNAL
 * when twenty live orals autosaved at once while their presidents decided: each oral's writers queue on its row
 * (the lock order in modules/scoring/oral-transaction.ts), and a busy pool is a wait, not an error.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/** Most calls of a prepared statement sent to PGlite in one round trip. */
const PGLITE_BATCH_MAX = 64;

/** Minimal raw SQL access, identical for PGlite and PostgreSQL. */
export interface RawSql {
  /** Runs a script of one or more statements (no parameters). */
  exec(script: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * A statement prepared once per connection and reused: no parse or plan per call. For the hottest
   * paths (score autosave). `paramTypes` are PostgreSQL type names, one per parameter.
   */
  prepare<Row = Record<string, unknown>>(name: string, sql: string, paramTypes: string[]): (params: unknown[]) => Promise<Row[]>;
}

/**
 * A SQL literal for EXECUTE on PGlite (which cannot bind parameters to EXECUTE). Strings are quoted by
 * doubling single quotes, which is exact with standard_conforming_strings = on (checked at start).
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite number in SQL literal');
    return String(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new TypeError('NUL character in SQL literal');
    return `'${value.replace(/'/g, "''")}'`;
  }
  throw new TypeError(`unsupported SQL literal type ${typeof value}`);
}

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  raw: RawSql;
  /** A description without credentials, for logs. */
  label: string;
  /** A gzipped copy of the embedded database's folder, taken between two statements (backups; PGlite only). */
  dumpDataDir?(): Promise<Blob>;
  /** The PostgreSQL pool's connections (none for the embedded database). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** `memory://` keeps an embedded database in memory only (tests); anything else is a folder. */
export function pgliteDirectory(config: Pick<Config, 'dataDir'>): string {
  return config.dataDir.startsWith('memory://') ? 'memory://' : join(config.dataDir, 'pglite');
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'pgliteTemplate'>>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(pgliteDirectory(config), config.pgliteTemplate);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection that PostgreSQL closes (restart, administrator, network) emits 'error' on the pool;
  // without a listener that would end the process. The pool drops the client and opens a new one when needed.
  pool.on('error', (error) => console.error(`database: an idle connection failed (${error.message}); it is replaced on next use`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
  const raw: RawSql = {
    async exec(script) {
      await pool.query(script);
    },
    async query(sql, params) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows;
    },
    prepare(name, sql) {
      // node-postgres prepares a named statement once per pooled connection.
      return async (params) => (await pool.query({ name, text: sql, values: params })).rows;
    },
  };
  const safeUrl = new URL(url);
  safeUrl.password = '';
  return {
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    prisma,
    raw,
    label: `postgresql ${safeUrl.host}${safeUrl.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * `template`: a gzipped data folder (PGlite's dumpDataDir) an in-memory database starts from. Tests start each
 * server from one already migrated: PGlite's initdb and the migrations are most of an embedded start-up.
 */
async function openPglite(dataDir: string, template?: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, inMemory && template ? { loadDataDir: new Blob([readFileSync(template)]) } : undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client), transactionOptions: TRANSACTION_OPTIONS });
  const raw: RawSql = {
    async exec(script) {
      await client.exec(script);
    },
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as never[];
    },
    prepare(name, sql, paramTypes) {
      // PGlite runs one statement at a time on this thread, so calls that arrive while a batch runs are
      // queued and sent together as one multi-statement EXECUTE (group commit: one round trip, one
      // implicit transaction). If a batch fails, its calls are retried one by one, so that one bad call
      // never fails the others.
      let ready: Promise<void> | undefined;
      const queue: { statement: string; resolve: (rows: never[]) => void; reject: (error: unknown) => void }[] = [];
      let draining = false;
      const execute = async (statement: string) => ((await client.exec(statement)).at(-1)?.rows ?? []) as never[];
      const drain = async () => {
        draining = true;
        try {
          ready ??= (async () => {
            const [{ rows }] = await client.exec('SHOW standard_conforming_strings');
            if ((rows[0] as { standard_conforming_strings?: string })?.standard_conforming_strings !== 'on') {
              throw new Error('standard_conforming_strings must be on');
            }
            await client.exec(`PREPARE ${name} (${paramTypes.join(', ')}) AS ${sql}`);
          })();
          await ready.catch((error) => {
            for (const item of queue.splice(0)) item.reject(error);
          });
          while (queue.length) {
            const batch = queue.splice(0, PGLITE_BATCH_MAX);
            if (batch.length === 1) {
              await execute(batch[0].statement).then(batch[0].resolve, batch[0].reject);
              continue;
            }
            try {
              const results = await client.exec(batch.map((item) => item.statement).join(';\n'));
              batch.forEach((item, index) => item.resolve((results[index]?.rows ?? []) as never[]));
            } catch {
              for (const item of batch) await execute(item.statement).then(item.resolve, item.reject);
            }
          }
        } finally {
          draining = false;
        }
      };
      return (params) =>
        new Promise((resolve, reject) => {
          // Literals are built here, so that a bad parameter fails its own call only.
          queue.push({ statement: `EXECUTE ${name} (${params.map(sqlLiteral).join(', ')})`, resolve, reject });
          if (!draining) void drain();
        });
    },
  };
  return {
    kind: 'pglite',
    prisma,
    raw,
    dumpDataDir: () => client.dumpDataDir('gzip'),
    label: `pglite ${dataDir}`,
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}
