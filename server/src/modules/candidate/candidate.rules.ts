// Pure rules for candidate data: what a valid registration looks like (mirrors the CDC's identity rules:
// lengths, enumerations, INSEE code, plausible birth date), with messages a partner can act on.
import { z } from 'zod';
import { AccessRoute, AccommodationKind, Funding, Sex } from '../../generated/prisma/enums.ts';
import { message, translate } from '../../lib/messages.ts';

const NAME = /^[\p{L}][\p{L}\p{M} '’.-]*$/u;
const personName = (max: number) => z.string().trim().min(1).max(max).regex(NAME, { error: message('validation.name') });
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value ?? undefined), schema.optional());

/** Age bounds for a plausible birth date. */
export const MIN_AGE_YEARS = 14;
export const MAX_AGE_YEARS = 100;

export function isPlausibleBirthDate(date: Date, now = new Date()): boolean {
  const age = (now.getTime() - date.getTime()) / (365.25 * 24 * 3600_000);
  return age >= MIN_AGE_YEARS && age <= MAX_AGE_YEARS;
}

/** Characters XML 1.0 refuses (control characters but tab/newline/return, U+FFFE/U+FFFF, lone surrogates). */
const NON_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const birthPlaceText = z
  .string()
  .trim()
  .refine((value) => !NON_XML_CHAR.test(value) && [...value.normalize('NFC')].length <= 60, { error: message('validation.birthPlaceText') });

export const candidateRegistrationSchema = z.object({
  certificationCode: z.string().trim().min(2).max(20),
  fileNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_\-/.]{0,39}$/, { error: message('validation.fileNumber') }),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  // CDC "titulaire": nomNaissance ≤ 60, prenom1 ≤ 60; dossierFormation needs ≤ 30 / ≤ 20 (checked at export).
  birthName: personName(60),
  firstName: personName(60),
  usageName: optionalText(personName(60)),
  firstName2: optionalText(personName(60)),
  firstName3: optionalText(personName(60)),
  birthDate: z
    .date()
    .refine((date) => isPlausibleBirthDate(date), { error: message('validation.birthDate') })
    .optional()
    .nullable(),
  sex: z.enum(Sex).optional().nullable(),
  // A commune's INSEE code (never 00000), or a country's (99xxx) for a birth abroad.
  birthInseeCode: optionalText(z.string().trim().toUpperCase().regex(/^(?!00000)(\d{5}|2[AB]\d{3})$/, { error: message('validation.inseeCode') })),
  birthPostalCode: optionalText(z.string().regex(/^\d{5}$/, { error: message('validation.postalCode') })),
  // The CDC's limits (libelleCommuneNaissance, libellePaysNaissance ≤ 60, XML characters only), so that the value
  // registered is the value transmitted, never changed on its way out.
  birthCity: optionalText(birthPlaceText),
  birthCountryCode: optionalText(z.string().trim().regex(/^99(?!100)\d{3}$/, { error: message('validation.birthCountryCode') })),
  birthCountryName: optionalText(birthPlaceText),
  cpfFileNumber: optionalText(z.string().trim().max(13, { error: message('validation.cpfFileNumber') })),
  phone: optionalText(z.string().trim().regex(/^\+?[0-9 .-]{6,20}$/)),
  accessRoute: z.enum(AccessRoute).optional().nullable(),
  funding: z.enum(Funding).optional().nullable(),
  /** Admins only: keep a birth commune code absent from the official geographic code (a commune since disappeared). */
  birthPlaceConfirmed: z.boolean().optional().nullable(),
});

export type CandidateRegistration = z.infer<typeof candidateRegistrationSchema>;

/** The identity fields the CDC needs, completed or corrected before the oral (or by a rectification). */
export const IDENTITY_FIELDS = [
  'birthName', 'firstName', 'usageName', 'firstName2', 'firstName3', 'birthDate', 'sex',
  'birthInseeCode', 'birthPostalCode', 'birthCity', 'birthCountryCode', 'birthCountryName',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
/** `{ birthName: true, … }`: a Prisma select or a zod pick of the identity fields. */
export const IDENTITY_PICK = Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, true])) as Record<IdentityField, true>;

/** The identity, with the registration's rules for these fields. */
export const candidateIdentitySchema = candidateRegistrationSchema.pick({ ...IDENTITY_PICK, birthPlaceConfirmed: true });
export type CandidateIdentityInput = z.infer<typeof candidateIdentitySchema>;

/**
 * Attempt states in which the identity has been used (minutes signed, result, certificate, CDC transmission):
 * from then on it changes only through a rectification request that an admin decides.
 */
export const IDENTITY_USED_STATES = ['DECIDED', 'RESULT_PUBLISHED'] as const;

export const identityInUse = (candidate: { anonymisedAt: Date | null; attempts: { state: string }[] }) =>
  candidate.anonymisedAt !== null || candidate.attempts.some((attempt) => (IDENTITY_USED_STATES as readonly string[]).includes(attempt.state));

/** Accommodations: extra time goes with the EXTRA_TIME kind (and only with it). */
export const accommodationSchema = z
  .object({
    kinds: z.array(z.enum(AccommodationKind)).max(Object.keys(AccommodationKind).length).transform((kinds) => [...new Set(kinds)]),
    extraTimeMinutes: z.number().int().min(0).max(240).default(0),
    notes: optionalText(z.string().trim().max(2000)),
  })
  .superRefine((value, ctx) => {
    if ((value.extraTimeMinutes > 0) !== value.kinds.includes('EXTRA_TIME')) {
      ctx.addIssue({ code: 'custom', path: ['extraTimeMinutes'], message: translate('validation.extraTime') });
    }
  });

export interface BirthPlaceCheck {
  /** The message of a refusal (an INSEE commune code absent from the official geographic code, not confirmed). */
  refusal: string | null;
  /** The commune's official name, when only the code was given (the label is derived from the code). */
  derivedCity: string | null;
  /** The unknown code an admin confirmed (to record and audit). */
  confirmedCode: string | null;
}

/**
 * Checks a birth commune INSEE code against the official geographic code (`lookup`, lib/communes.ts): an unknown
 * code is refused with the reason unless an admin confirms it (a commune since disappeared); the label is derived
 * from the code when only the code is given. Country codes (99xxx) are not communes and are left alone.
 */
export function checkBirthPlace(
  identity: { birthInseeCode?: string | null; birthCity?: string | null },
  lookup: (code: string) => string | null,
  confirmed: boolean,
): BirthPlaceCheck {
  const code = identity.birthInseeCode?.trim().toUpperCase();
  if (!code || /^99\d{3}$/.test(code)) return { refusal: null, derivedCity: null, confirmedCode: null };
  const name = lookup(code);
  if (name === null) {
    return confirmed ? { refusal: null, derivedCity: null, confirmedCode: code } : { refusal: translate('validation.inseeUnknown', { code }), derivedCity: null, confirmedCode: null };
  }
  const derivedCity = !identity.birthCity?.trim() && [...name].length <= 60 ? name : null;
  return { refusal: null, derivedCity, confirmedCode: null };
}
