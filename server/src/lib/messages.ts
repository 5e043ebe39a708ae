// Server-side messages in French (first) and English: error codes and validation rules.
// Keys are stable; the client shows `message` as is and may branch on `extensions.code`.
import { z } from 'zod';
import { currentLocale, type Locale } from './request-context.ts';

const fr = {
  'error.UNAUTHENTICATED': 'Vous devez être connecté pour effectuer cette action.',
  'error.FORBIDDEN': "Vous n'avez pas les droits nécessaires pour cette action.",
  'error.NOT_FOUND': 'Élément introuvable.',
  'error.VALIDATION_FAILED': 'Certaines informations sont invalides : {details}',
  'error.INVALID_CREDENTIALS': 'Adresse e-mail ou mot de passe incorrect.',
  'error.CONFLICT': "Quelqu'un a modifié ces données entre-temps ; rechargez-les puis recommencez.",
  'error.ALREADY_EXISTS': 'Cet élément existe déjà.',
  'error.INVALID_STATE': "Cette action n'est pas possible dans l'état actuel ({state}).",
  'error.LIMIT_EXCEEDED': 'Requête trop volumineuse ou trop complexe : {details}',
  'error.RATE_LIMITED': 'Trop de tentatives ; réessayez dans {seconds} secondes.',
  'error.INTERNAL': 'Une erreur interne est survenue ; réessayez plus tard.',
  'validation.required': 'Champ obligatoire.',
  'validation.fileNumber': 'Numéro de dossier : 1 à 40 caractères (lettres, chiffres, - _ / .).',
  'validation.inseeCode': 'Code INSEE de commune : 5 caractères (ex. 75056, 2A004).',
  'validation.postalCode': 'Code postal : 5 chiffres.',
  'validation.birthDate': 'Date de naissance invraisemblable (le candidat doit avoir entre 14 et 100 ans).',
  'validation.name': 'Lettres, espaces, apostrophes et tirets uniquement.',
  'validation.cpfFileNumber': 'Numéro de dossier CPF : 13 caractères au plus.',
  'validation.scale': 'La note doit être comprise entre {min} et {max}.',
  'validation.justificationRequired': "Une justification est obligatoire lorsque la note retenue s'écarte de l'agrégat.",
  'validation.agreedScoresMissing': 'Note retenue manquante pour : {codes}.',
  // Certifications, frameworks, CSV import (issue 3)
  'validation.certificationCode': 'Code invalide pour le registre {registry} (attendu : {expected}).',
  'validation.oralTimings': "La durée totale de l'oral doit être égale à la présentation plus les questions ({total} ≠ {presentation} + {questions}).",
  'validation.minJurySize': 'Un jury compte au moins 2 membres.',
  'validation.scaleRange': "L'échelle va d'un minimum à un maximum strictement supérieur.",
  'validation.minimumScore': "Le minimum requis doit être compris dans l'échelle ({min} à {max}).",
  'validation.duplicateCode': 'Code en double : {code}.',
  'validation.code': 'Code : majuscules, chiffres, - _ . uniquement (ex. RNCP38596BC02, C1, C1.2).',
  'validation.frameworkIncomplete': 'Version incomplète : {details}.',
  'validation.unknownCertification': 'Certification inconnue, inactive ou sans référentiel publié : {code}.',
  'validation.duplicateFileNumber': 'Numéro de dossier déjà présent dans cet envoi (ligne {first}).',
  'validation.extraTime': 'Un temps majoré suppose le type EXTRA_TIME (et EXTRA_TIME un temps majoré).',
  'csv.tooLarge': 'Fichier {file} trop volumineux : {size} octets (maximum {max}).',
  'csv.malformed': 'Fichier {file}, ligne {line} : CSV mal formé ({detail}).',
  'csv.missingColumns': 'Fichier {file} : colonnes manquantes : {columns}.',
  'csv.required': 'Fichier {file}, ligne {line} : {column} est vide.',
  'csv.ficheCode': 'Fichier {file}, ligne {line} : numéro de fiche invalide « {value} » (attendu RNCP ou RS suivi de chiffres).',
  'csv.blockCode': 'Fichier {file}, ligne {line} : le code de bloc « {value} » doit commencer par {code}.',
  'csv.duplicate': 'Fichier {file}, ligne {line} : {value} est en double (déjà ligne {first}).',
  'csv.ficheMissing': 'Fiche {code} absente du fichier Standard.',
  'csv.otherCertifier': 'La certification {code} appartient à un autre organisme certificateur.',
  'upload.type': 'Type de fichier non accepté : PDF, DOCX, DOC, ODT ou PPTX uniquement.',
  'upload.missing': 'Aucun fichier reçu : envoyez un formulaire multipart avec un champ « file ».',
  // Sessions, slots, juries, identity and fraud (issue 4)
  'error.SLOT_FULL': "Ce créneau vient d'être complété ; choisissez-en un autre.",
  'error.ALREADY_BOOKED': 'Ce passage a déjà un créneau réservé ; annulez-le avant d’en choisir un autre.',
  'error.JUROR_INELIGIBLE': 'Jury non conforme aux règles d’indépendance : {details}',
  'validation.sessionDates': 'La fin de la session doit suivre son début (14 jours au plus).',
  'validation.sessionPlace': 'Indiquez le lieu pour une session sur site ou mixte.',
  'validation.sessionLink': 'Indiquez le lien de visioconférence pour une session à distance ou mixte.',
  'validation.slotOutsideSession': 'Le créneau doit se tenir pendant la session ({from} – {to}).',
  'validation.slotTooShort': "Le créneau doit durer au moins la durée de l'oral ({minutes} min).",
  'validation.slotOverlap': 'Ce créneau chevauche un autre créneau de la session ({at}).',
  'validation.slotPast': 'Ce créneau est déjà passé.',
  'validation.slotTooShortForAccommodation': "Ce créneau est trop court pour l'oral avec le temps majoré ({minutes} min nécessaires).",
  'validation.slotRemoteRequired': 'Votre aménagement prévoit un oral à distance : choisissez une session à distance ou mixte.',
  'validation.fileNotAcknowledged': 'La réservation d’un créneau suppose un dossier projet réceptionné (état actuel : {state}).',
  'validation.juryPresident': 'Le jury compte exactement un président ou une présidente.',
  'validation.jurySize': 'Le jury compte au moins {min} membres pour cette certification.',
  'validation.juryDuplicate': 'Ce juré figure deux fois dans le jury.',
  'validation.notAJuror': 'Cette personne n’est pas un juré de l’organisme.',
  'validation.conflictTarget': 'Indiquez soit un candidat, soit un organisme de formation.',
  'validation.jurySession': 'La session ne correspond pas à la certification du jury.',
  'ineligible.CERTIFIER_EMPLOYEE': "{juror} est salarié(e) de l'organisme certificateur",
  'ineligible.TRAINER_OF_PARTNER': '{juror} est formateur ou formatrice chez {partner}, organisme de formation de {candidate}',
  'ineligible.DECLARED_CONFLICT': "{juror} a déclaré un conflit d'intérêts avec {target} : {reason}",
} as const;

export type MessageKey = keyof typeof fr;

const en: Record<MessageKey, string> = {
  'error.UNAUTHENTICATED': 'You must be signed in to do this.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.NOT_FOUND': 'Not found.',
  'error.VALIDATION_FAILED': 'Some information is invalid: {details}',
  'error.INVALID_CREDENTIALS': 'Wrong email address or password.',
  'error.CONFLICT': 'Someone changed this data in the meantime; reload it and try again.',
  'error.ALREADY_EXISTS': 'This already exists.',
  'error.INVALID_STATE': 'This action is not possible in the current state ({state}).',
  'error.LIMIT_EXCEEDED': 'Request too large or too complex: {details}',
  'error.RATE_LIMITED': 'Too many attempts; try again in {seconds} seconds.',
  'error.INTERNAL': 'An internal error occurred; please try again later.',
  'validation.required': 'Required.',
  'validation.fileNumber': 'File number: 1 to 40 characters (letters, digits, - _ / .).',
  'validation.inseeCode': 'INSEE municipality code: 5 characters (e.g. 75056, 2A004).',
  'validation.postalCode': 'Postal code: 5 digits.',
  'validation.birthDate': 'Implausible birth date (the candidate must be between 14 and 100 years old).',
  'validation.name': 'Letters, spaces, apostrophes and hyphens only.',
  'validation.cpfFileNumber': 'CPF file number: at most 13 characters.',
  'validation.scale': 'The score must be between {min} and {max}.',
  'validation.justificationRequired': 'A justification is required when the agreed score departs from the aggregate.',
  'validation.agreedScoresMissing': 'Agreed score missing for: {codes}.',
  // Certifications, frameworks, CSV import (issue 3)
  'validation.certificationCode': 'Invalid code for the {registry} registry (expected: {expected}).',
  'validation.oralTimings': 'The oral total must equal presentation plus questions ({total} ≠ {presentation} + {questions}).',
  'validation.minJurySize': 'A jury has at least 2 members.',
  'validation.scaleRange': 'The scale goes from a minimum to a strictly greater maximum.',
  'validation.minimumScore': 'The required minimum must lie within the scale ({min} to {max}).',
  'validation.duplicateCode': 'Duplicate code: {code}.',
  'validation.code': 'Code: capitals, digits, - _ . only (e.g. RNCP38596BC02, C1, C1.2).',
  'validation.frameworkIncomplete': 'Incomplete version: {details}.',
  'validation.unknownCertification': 'Unknown or inactive certification, or no published framework: {code}.',
  'validation.duplicateFileNumber': 'File number already present in this batch (row {first}).',
  'validation.extraTime': 'Extra time requires the EXTRA_TIME kind (and EXTRA_TIME requires extra time).',
  'csv.tooLarge': 'File {file} too large: {size} bytes (maximum {max}).',
  'csv.malformed': 'File {file}, line {line}: malformed CSV ({detail}).',
  'csv.missingColumns': 'File {file}: missing columns: {columns}.',
  'csv.required': 'File {file}, line {line}: {column} is empty.',
  'csv.ficheCode': 'File {file}, line {line}: invalid fiche number "{value}" (expected RNCP or RS followed by digits).',
  'csv.blockCode': 'File {file}, line {line}: block code "{value}" must start with {code}.',
  'csv.duplicate': 'File {file}, line {line}: {value} is duplicated (already line {first}).',
  'csv.ficheMissing': 'Fiche {code} is not in the Standard file.',
  'csv.otherCertifier': 'Certification {code} belongs to another certification body.',
  'upload.type': 'File type not accepted: PDF, DOCX, DOC, ODT or PPTX only.',
  'upload.missing': 'No file received: send a multipart form with a "file" field.',
  // Sessions, slots, juries, identity and fraud (issue 4)
  'error.SLOT_FULL': 'This slot has just been filled; please choose another one.',
  'error.ALREADY_BOOKED': 'This attempt already holds a slot; cancel it before choosing another one.',
  'error.JUROR_INELIGIBLE': 'The jury breaks the independence rules: {details}',
  'validation.sessionDates': 'The session must end after it starts (14 days at most).',
  'validation.sessionPlace': 'Give the place for an on-site or mixed session.',
  'validation.sessionLink': 'Give the video link for a remote or mixed session.',
  'validation.slotOutsideSession': 'The slot must take place during the session ({from} – {to}).',
  'validation.slotTooShort': 'The slot must last at least the oral ({minutes} min).',
  'validation.slotOverlap': 'This slot overlaps another slot of the session ({at}).',
  'validation.slotPast': 'This slot is in the past.',
  'validation.slotTooShortForAccommodation': 'This slot is too short for the oral with extra time ({minutes} min needed).',
  'validation.slotRemoteRequired': 'Your accommodation provides for a remote oral: choose a remote or mixed session.',
  'validation.fileNotAcknowledged': 'Booking a slot requires an acknowledged project file (current state: {state}).',
  'validation.juryPresident': 'A jury has exactly one president.',
  'validation.jurySize': 'A jury has at least {min} members for this certification.',
  'validation.juryDuplicate': 'This juror appears twice in the jury.',
  'validation.notAJuror': 'This person is not one of the certifier’s jurors.',
  'validation.conflictTarget': 'Give either a candidate or a training organisation.',
  'validation.jurySession': 'The session does not belong to the jury’s certification.',
  'ineligible.CERTIFIER_EMPLOYEE': '{juror} is an employee of the certification body',
  'ineligible.TRAINER_OF_PARTNER': '{juror} is a trainer at {partner}, the training organisation of {candidate}',
  'ineligible.DECLARED_CONFLICT': '{juror} declared a conflict of interest with {target}: {reason}',
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function translate(key: MessageKey, params: Record<string, unknown> = {}, locale: Locale = currentLocale()) {
  const template = catalogues[locale][key] ?? catalogues.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** For zod schemas: `z.string().regex(re, { error: message('validation.inseeCode') })`. */
export const message = (key: MessageKey) => () => translate(key);

// Zod's own messages follow the request's locale.
const zodLocales = { fr: z.locales.fr(), en: z.locales.en() };
z.config({
  customError: (issue) => {
    const result = zodLocales[currentLocale()].localeError?.(issue as never);
    return typeof result === 'string' ? result : result?.message;
  },
});
