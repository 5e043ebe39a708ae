// Periodic jobs (the deadline digest…) that must run once per period whatever the number of server processes.
// Every process ticks; a tick runs a job inside one transaction that first takes a transaction-level advisory
// lock on the job's name (others skip: pg_try_advisory_xact_lock) and then checks the job's last run in JobRun,
// so a period's run happens once across processes, and a crash mid-run rolls back (the next tick retries).
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import type { PubSub, RoomEvent } from '../realtime/pubsub.ts';
import { publishAll } from '../realtime/event-log.ts';

export interface Job {
  name: string;
  /** Runs at most once per interval (across processes). */
  intervalMs: number;
  /** The work, in the lock's transaction: what it writes commits with the run's record; `events` go out after commit. */
  run(tx: Prisma.TransactionClient, now: Date, events: RoomEvent[]): Promise<void>;
}

/** Whether the job is due, and if so records the run (the caller holds the job's lock). */
async function claimRun(tx: Prisma.TransactionClient, job: Job, now: Date): Promise<boolean> {
  const last = await tx.jobRun.findUnique({ where: { name: job.name }, select: { lastRunAt: true } });
  if (last && now.getTime() - last.lastRunAt.getTime() < job.intervalMs) return false;
  await tx.jobRun.upsert({
    where: { name: job.name },
    create: { name: job.name, lastRunAt: now, runs: 1 },
    update: { lastRunAt: now, runs: { increment: 1 } },
  });
  return true;
}

/** Runs a job if it is due and no other process is running it. Returns whether it ran. */
export async function runIfDue(deps: { prisma: PrismaClient; pubsub?: PubSub }, job: Job, now = new Date()): Promise<boolean> {
  const events: RoomEvent[] = [];
  const ran = await deps.prisma.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${`job:${job.name}`})) AS locked`;
    if (!locked || !(await claimRun(tx, job, now))) return false;
    await job.run(tx, now, events);
    return true;
  });
  if (deps.pubsub) publishAll(deps.pubsub, events);
  return ran;
}

export class JobScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: { prisma: PrismaClient; pubsub: PubSub },
    private readonly jobs: Job[],
    private readonly tickMs: number,
    private readonly log: Logger,
    /** Told of each run and failure (the metrics). */
    private readonly onOutcome: (job: string, outcome: 'ran' | 'failed') => void = () => undefined,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        if (this.timer) this.timer = setTimeout(tick, this.tickMs);
      });
    };
    this.timer = setTimeout(tick, Math.min(this.tickMs, 1_000));
  }

  private async tick(): Promise<void> {
    for (const job of this.jobs) {
      try {
        if (await runIfDue(this.deps, job)) {
          this.log.info({ job: job.name }, 'job ran');
          this.onOutcome(job.name, 'ran');
        }
      } catch (error) {
        this.log.error({ err: error, job: job.name }, 'job failed; retried at the next tick');
        this.onOutcome(job.name, 'failed');
      }
    }
  }

  /** Stops ticking and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
