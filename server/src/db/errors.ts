// Prisma errors, mapped on their code (the constraint detail differs between PGlite and PostgreSQL).
export function prismaCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export const isUniqueViolation = (error: unknown) => prismaCode(error) === 'P2002';
export const isRecordNotFound = (error: unknown) => prismaCode(error) === 'P2025';

const TRANSIENT_SQLSTATES = new Set(['40P01', '40001']);

/**
 * A deadlock (40P01) or serialization failure (40001) reported by PostgreSQL: the transaction was rolled back
 * and running it again is safe. Prisma reports it as P2034 for model calls and as P2010 with the SQLSTATE in
 * its driver adapter cause for raw calls; node-postgres gives the SQLSTATE as `code`.
 */
export function isTransientConflict(error: unknown): boolean {
  const code = prismaCode(error);
  if (code === 'P2034' || (code !== undefined && TRANSIENT_SQLSTATES.has(code))) return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  return cause !== undefined && (TRANSIENT_SQLSTATES.has(String(cause.originalCode)) || cause.kind === 'TransactionWriteConflict');
}

/** How many times a transaction rolled back by a deadlock or serialization failure is run in all. */
export const TRANSIENT_CONFLICT_ATTEMPTS = 5;

/**
 * Runs `attempt` again (up to TRANSIENT_CONFLICT_ATTEMPTS times in all, after a short random pause that grows)
 * when PostgreSQL rolled it back for a deadlock or serialization failure, so that a caller never sees INTERNAL
 * for a conflict that a second run resolves. `attempt` must be a whole transaction (or one statement).
 */
export async function retryTransientConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (run >= TRANSIENT_CONFLICT_ATTEMPTS || !isTransientConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** run));
    }
  }
}
