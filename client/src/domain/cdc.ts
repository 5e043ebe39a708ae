// Pure helpers for the CDC transmission screens.
import type { CdcHolder, CdcIdentityInput, CdcPassage } from '../graphql/types';

/** "Pierre SIMON" (usage name when there is one). */
export function holderName(holder: Pick<CdcHolder, 'firstName' | 'birthName' | 'usageName'>): string {
  return `${holder.firstName} ${holder.usageName || holder.birthName}`;
}

export type DeadlineTone = 'late' | 'atRisk' | 'ok' | 'done';

export function deadlineTone(passage: Pick<CdcPassage, 'late' | 'atRisk' | 'daysLeft'>): DeadlineTone {
  if (passage.late) return 'late';
  if (passage.atRisk) return 'atRisk';
  return passage.daysLeft === null ? 'done' : 'ok';
}

/** The fields of the correction form, as the inputs hold them (strings; '' = empty). */
export const IDENTITY_FIELDS = [
  'birthName',
  'usageName',
  'firstName',
  'firstName2',
  'firstName3',
  'birthDate',
  'sex',
  'birthInseeCode',
  'birthPostalCode',
  'birthCity',
  'birthCountryCode',
  'birthCountryName',
  'cpfFileNumber',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type IdentityForm = Record<IdentityField, string>;

/** Fields the schema does not expose on Candidate: left empty, they are not sent (kept as they are). */
export const WRITE_ONLY_FIELDS: readonly IdentityField[] = ['birthPostalCode', 'birthCity', 'birthCountryCode', 'birthCountryName'];

export function identityFormFrom(holder: CdcHolder): IdentityForm {
  return {
    birthName: holder.birthName ?? '',
    usageName: holder.usageName ?? '',
    firstName: holder.firstName ?? '',
    firstName2: holder.firstName2 ?? '',
    firstName3: holder.firstName3 ?? '',
    birthDate: holder.birthDate ? holder.birthDate.slice(0, 10) : '',
    sex: holder.sex ?? '',
    birthInseeCode: holder.birthInseeCode ?? '',
    birthPostalCode: '',
    birthCity: '',
    birthCountryCode: '',
    birthCountryName: '',
    cpfFileNumber: holder.cpfFileNumber ?? '',
  };
}

/** Only what changed: an emptied field is null (cleared), an unknown write-only field left empty is omitted. */
export function identityPatch(initial: IdentityForm, current: IdentityForm): CdcIdentityInput | null {
  const patch: Record<string, string | null> = {};
  for (const field of IDENTITY_FIELDS) {
    const before = initial[field].trim();
    const after = current[field].trim();
    if (before === after) continue;
    if (!after) {
      if (WRITE_ONLY_FIELDS.includes(field)) continue;
      patch[field] = null;
    } else if (field === 'birthDate') {
      patch[field] = `${after}T00:00:00.000Z`;
    } else {
      patch[field] = after;
    }
  }
  return Object.keys(patch).length ? (patch as CdcIdentityInput) : null;
}

/**
 * The server's message for a field of the identity: VALIDATION_FAILED paths end with the field name, or with
 * "birthInseeCode|birthPostalCode" when either would do.
 */
export function identityFieldError(errors: Record<string, string>, field: IdentityField): string | null {
  for (const [path, message] of Object.entries(errors)) {
    const last = path.split('.').pop() ?? '';
    if (last.split('|').includes(field)) return message;
  }
  return null;
}
