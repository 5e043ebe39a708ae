// Prisma errors, mapped on their code (the constraint detail differs between PGlite and PostgreSQL).
export function prismaCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export const isUniqueViolation = (error: unknown) => prismaCode(error) === 'P2002';
export const isRecordNotFound = (error: unknown) => prismaCode(error) === 'P2025';
