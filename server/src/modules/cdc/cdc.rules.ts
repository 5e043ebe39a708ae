// Pure rules for the transmission of holders to the Caisse des Dépôts (accrochage SI-CPF):
// - identity resolution: a holder is identified by `titulaire` (birth identity) when complete, else by
//   `dossierFormation` (CPF file number) when available, else the passage is blocked with exactly what is missing;
// - normalisation of text to the XSD limits, which reports a value that does not fit instead of truncating it;
// - the legal deadline (jury date + 3 months) and its at-risk / late status;
// - the application of a processing report (accusé de traitement) to the passages of a batch.
import type { AccessRoute, CdcPassageStatus, Registry, Sex } from '../../generated/prisma/enums.ts';
import { atRiskBefore as atRiskCutoff, deadline } from '../../lib/deadlines.ts';

// ───────────────────────────── Normalisation ─────────────────────────────

/** Characters XML 1.0 does not allow (control characters except tab, newline, carriage return; lone surrogates). */
const NON_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** NFC, no characters XML refuses, whitespace collapsed and trimmed. Empty → null. */
export function normaliseText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const clean = value.normalize('NFC').replace(NON_XML, '').replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

/** XSD lengths count characters (code points), not UTF-16 units. */
export const charLength = (value: string) => {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
};

export type CdcIssueCode = 'MISSING' | 'TOO_LONG' | 'INVALID';

/** One thing to correct before a passage can be transmitted. `field` names the candidate (or setting) field. */
export interface CdcIssue {
  field: string;
  code: CdcIssueCode;
  /** For TOO_LONG: the XSD maximum and the actual length. */
  max?: number;
  length?: number;
}

/** Normalises a value that must fit `max` characters: the value, or an issue (never a truncated value). */
export function fit(field: string, value: string | null | undefined, max: number, issues: CdcIssue[], required = true): string | null {
  const clean = normaliseText(value);
  if (clean === null) {
    if (required) issues.push({ field, code: 'MISSING' });
    return null;
  }
  const length = charLength(clean);
  if (length > max) {
    issues.push({ field, code: 'TOO_LONG', max, length });
    return null;
  }
  return clean;
}

/** XSD limits of version 1.1.2, in characters. */
export const CDC_LIMITS = {
  idTechnique: 255,
  certificationCode: 100,
  nomNaissance: 60,
  nomUsage: 60,
  prenom: 60,
  libelleCommuneNaissance: 60,
  codePostal: 9,
  idDossier: 13,
  nomTitulaire: 30,
  prenom1Titulaire: 20,
  idContrat: 20,
} as const;

// ───────────────────────────── Identity ─────────────────────────────

export interface CandidateIdentity {
  birthName: string | null;
  usageName: string | null;
  firstName: string | null;
  firstName2: string | null;
  firstName3: string | null;
  birthDate: Date | null;
  sex: Sex | null;
  birthInseeCode: string | null;
  birthPostalCode: string | null;
  birthCity: string | null;
  cpfFileNumber: string | null;
}

export interface Titulaire {
  nomNaissance: string;
  /** Written nil when null (the element is required and nillable). */
  nomUsage: string | null;
  prenom1: string;
  prenom2: string | null;
  prenom3: string | null;
  anneeNaissance: number;
  moisNaissance: number;
  jourNaissance: number;
  sexe: Sex;
  /** Exactly one of the two. */
  codeInsee: string | null;
  codePostal: string | null;
  libelleCommuneNaissance: string | null;
}

export interface DossierFormation {
  idDossier: string;
  nomTitulaire: string;
  prenom1Titulaire: string;
}

export type IdentityResolution =
  | { kind: 'titulaire'; titulaire: Titulaire }
  | { kind: 'dossierFormation'; dossierFormation: DossierFormation }
  | {
      kind: 'blocked';
      /** Fields missing for a `titulaire` identification, and for a `dossierFormation` one. */
      missingForTitulaire: string[];
      missingForDossier: string[];
      /** Every issue (missing, too long, invalid) of both ways. */
      issues: CdcIssue[];
    };

/** The birth place field reported when neither the INSEE code nor the postal code is known. */
export const BIRTH_PLACE_FIELD = 'birthInseeCode|birthPostalCode';

function resolveTitulaire(identity: CandidateIdentity, issues: CdcIssue[]): Titulaire | null {
  const before = issues.length;
  const nomNaissance = fit('birthName', identity.birthName, CDC_LIMITS.nomNaissance, issues);
  const nomUsage = fit('usageName', identity.usageName, CDC_LIMITS.nomUsage, issues, false);
  const prenom1 = fit('firstName', identity.firstName, CDC_LIMITS.prenom, issues);
  const prenom2 = fit('firstName2', identity.firstName2, CDC_LIMITS.prenom, issues, false);
  const prenom3 = fit('firstName3', identity.firstName3, CDC_LIMITS.prenom, issues, false);
  const libelleCommuneNaissance = fit('birthCity', identity.birthCity, CDC_LIMITS.libelleCommuneNaissance, issues, false);
  let year = 0;
  let month = 0;
  let day = 0;
  if (!identity.birthDate || Number.isNaN(identity.birthDate.getTime())) issues.push({ field: 'birthDate', code: 'MISSING' });
  else {
    // @db.Date: midnight UTC of the birth day.
    year = identity.birthDate.getUTCFullYear();
    month = identity.birthDate.getUTCMonth() + 1;
    day = identity.birthDate.getUTCDate();
    if (year < 1900 || year > 2099) issues.push({ field: 'birthDate', code: 'INVALID' });
  }
  if (identity.sex !== 'M' && identity.sex !== 'F') issues.push({ field: 'sex', code: 'MISSING' });
  const insee = normaliseText(identity.birthInseeCode);
  const postal = normaliseText(identity.birthPostalCode);
  let codeInsee: string | null = null;
  let codePostal: string | null = null;
  // The INSEE commune code when valid, else the postal code; an invalid INSEE code is reported only when
  // no postal code can stand in for it.
  if (insee !== null && charLength(insee) === 5) codeInsee = insee.toUpperCase();
  else if (postal !== null) codePostal = fit('birthPostalCode', postal, CDC_LIMITS.codePostal, issues);
  else if (insee !== null) issues.push({ field: 'birthInseeCode', code: 'INVALID' });
  else issues.push({ field: BIRTH_PLACE_FIELD, code: 'MISSING' });
  if (issues.length > before) return null;
  return {
    nomNaissance: nomNaissance!,
    nomUsage,
    prenom1: prenom1!,
    prenom2,
    prenom3,
    anneeNaissance: year,
    moisNaissance: month,
    jourNaissance: day,
    sexe: identity.sex!,
    codeInsee,
    codePostal,
    libelleCommuneNaissance,
  };
}

function resolveDossier(identity: CandidateIdentity, issues: CdcIssue[]): DossierFormation | null {
  const before = issues.length;
  const idDossier = fit('cpfFileNumber', identity.cpfFileNumber, CDC_LIMITS.idDossier, issues);
  // dossierFormation carries the birth name in 30 characters and the first name in 20.
  const nomTitulaire = fit('birthName', identity.birthName, CDC_LIMITS.nomTitulaire, issues);
  const prenom1Titulaire = fit('firstName', identity.firstName, CDC_LIMITS.prenom1Titulaire, issues);
  if (issues.length > before) return null;
  return { idDossier: idDossier!, nomTitulaire: nomTitulaire!, prenom1Titulaire: prenom1Titulaire! };
}

const issueKey = (issue: CdcIssue) => `${issue.field}:${issue.code}:${issue.max ?? ''}`;

/**
 * `titulaire` when the birth identity is complete and fits the XSD; else `dossierFormation` when the CPF
 * file number is known and fits; else blocked, with what each way lacks.
 */
export function resolveIdentity(identity: CandidateIdentity): IdentityResolution {
  const titulaireIssues: CdcIssue[] = [];
  const titulaire = resolveTitulaire(identity, titulaireIssues);
  if (titulaire) return { kind: 'titulaire', titulaire };
  const dossierIssues: CdcIssue[] = [];
  const dossier = resolveDossier(identity, dossierIssues);
  if (dossier) return { kind: 'dossierFormation', dossierFormation: dossier };
  const seen = new Set<string>();
  const issues = [...titulaireIssues, ...dossierIssues].filter((issue) => {
    const key = issueKey(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    kind: 'blocked',
    missingForTitulaire: titulaireIssues.filter((i) => i.code === 'MISSING').map((i) => i.field),
    missingForDossier: dossierIssues.filter((i) => i.code === 'MISSING').map((i) => i.field),
    issues,
  };
}

// ───────────────────────────── Passage mapping ─────────────────────────────

/** `modaliteAcces` for each access route (written nil when unknown: the element is required and nillable). */
export const MODALITE_ACCES: Record<AccessRoute, string> = {
  INITIAL_TRAINING: 'FORMATION_INITIALE_HORS_APPRENTISSAGE',
  APPRENTICESHIP: 'FORMATION_INITIALE_APPRENTISSAGE',
  CONTINUING_TRAINING: 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION',
  PROFESSIONALISATION: 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION',
  VAE: 'VAE',
  INDEPENDENT_CANDIDATE: 'CANDIDAT_LIBRE',
};

/** Registries the CDC accepts passages for (CQP and CléA are not in the SI-CPF this way). */
export const TRANSMITTED_REGISTRIES: readonly Registry[] = ['RNCP', 'RS'];

export interface PassageRow extends CandidateIdentity {
  passageId: string;
  idTechnique: string;
  juryDate: Date;
  accessRoute: AccessRoute | null;
}

export interface ResolvedPassage {
  passageId: string;
  idTechnique: string;
  /** YYYY-MM-DD, the jury date in Europe/Paris: `dateDebutValidite`. */
  dateDebutValidite: string;
  modaliteAcces: string | null;
  identity: Exclude<IdentityResolution, { kind: 'blocked' }>;
}

export interface BlockedPassage {
  passageId: string;
  idTechnique: string;
  missingForTitulaire: string[];
  missingForDossier: string[];
  issues: CdcIssue[];
}

const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of an instant in Europe/Paris. */
export const parisDay = (date: Date) => parisDate.format(date);

/** What the XML writer gets for one passage, or what must be corrected. */
export function resolvePassage(row: PassageRow): ResolvedPassage | BlockedPassage {
  const issues: CdcIssue[] = [];
  const idTechnique = fit('idTechnique', row.idTechnique, CDC_LIMITS.idTechnique, issues);
  const dateDebutValidite = parisDay(row.juryDate);
  if (!/^(19|20)\d{2}-/.test(dateDebutValidite)) issues.push({ field: 'juryDate', code: 'INVALID' });
  const identity = resolveIdentity(row);
  if (identity.kind === 'blocked' || issues.length > 0) {
    return {
      passageId: row.passageId,
      idTechnique: row.idTechnique,
      missingForTitulaire: identity.kind === 'blocked' ? identity.missingForTitulaire : [],
      missingForDossier: identity.kind === 'blocked' ? identity.missingForDossier : [],
      issues: [...issues, ...(identity.kind === 'blocked' ? identity.issues : [])],
    };
  }
  return {
    passageId: row.passageId,
    idTechnique: idTechnique!,
    dateDebutValidite,
    modaliteAcces: row.accessRoute ? MODALITE_ACCES[row.accessRoute] : null,
    identity,
  };
}

export const isBlocked = (value: ResolvedPassage | BlockedPassage): value is BlockedPassage => 'issues' in value;

/** Settings the emitter block needs: client id of exactly 8 characters, contract id of 1 to 20. */
export function settingsIssues(settings: { cdcClientId: string | null; cdcContractId: string | null }): CdcIssue[] {
  const issues: CdcIssue[] = [];
  const clientId = normaliseText(settings.cdcClientId);
  if (clientId === null) issues.push({ field: 'clientId', code: 'MISSING' });
  else if (charLength(clientId) !== 8) issues.push({ field: 'clientId', code: 'INVALID', max: 8, length: charLength(clientId) });
  fit('contractId', settings.cdcContractId, CDC_LIMITS.idContrat, issues);
  return issues;
}

// ───────────────────────────── Deadlines ─────────────────────────────

/** The certifier transmits each holder within 3 months of the jury. */
export const TRANSMIT_WITHIN_MONTHS = 3;
/** A passage is at risk when fewer than this many days are left. */
export const AT_RISK_DAYS = 30;

/**
 * Jury date + 3 calendar months, same time of day (UTC); a day that does not exist in the target month
 * is clamped to its last day (30 November → 28/29 February).
 */
export function transmitByFor(juryDate: Date, months = TRANSMIT_WITHIN_MONTHS): Date {
  const year = juryDate.getUTCFullYear();
  const month = juryDate.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(juryDate.getTime());
  result.setUTCDate(1);
  result.setUTCFullYear(year, month, Math.min(juryDate.getUTCDate(), lastDay));
  return result;
}

/** The product's stable technical id of a passage (≤ 255 in the XSD), derived from the attempt: it comes back in the CDC's report. */
export const idTechniqueFor = (attemptId: string) => `CJ-${attemptId.replace(/-/g, '').toUpperCase()}`;

/** Statuses that still owe a transmission: never sent, or rejected by the CDC. */
export const OUTSTANDING_STATUSES: readonly CdcPassageStatus[] = ['PENDING', 'REJECTED'];

export interface DeadlineStatus {
  transmitBy: Date;
  /** Whole days left (negative when late); null once transmitted (SENT or ACCEPTED). */
  daysLeft: number | null;
  /** Outstanding and past its deadline (exactly at the deadline is on time). */
  late: boolean;
  /** Outstanding and late, or fewer than 30 days left. */
  atRisk: boolean;
}

export function deadlineStatus(passage: { status: CdcPassageStatus; transmitBy: Date }, now: Date = new Date()): DeadlineStatus {
  const { late, atRisk, daysLeft } = deadline(passage.transmitBy, !OUTSTANDING_STATUSES.includes(passage.status), AT_RISK_DAYS, now);
  return { transmitBy: passage.transmitBy, daysLeft, late, atRisk };
}

/** The `transmitBy` bound below which an outstanding passage is at risk. */
export const atRiskBefore = (now: Date = new Date()) => atRiskCutoff(AT_RISK_DAYS, now);

// ───────────────────────────── Processing report ─────────────────────────────

export interface CdcReport {
  nomFichier: string | null;
  idFlux: string;
  idTraitement: string;
  ok: string[];
  ko: { idTechnique: string; messageErreur: string }[];
}

export interface PassageState {
  id: string;
  idTechnique: string;
  status: CdcPassageStatus;
  lastBatchId: string | null;
}

export type UnknownReason = 'UNKNOWN_ID' | 'NOT_IN_BATCH' | 'ALREADY_ACCEPTED' | 'DUPLICATE_IN_REPORT';

export interface ReportPlan {
  accept: PassageState[];
  reject: { passage: PassageState; message: string }[];
  unknown: { idTechnique: string; reason: UnknownReason }[];
}

/**
 * What a report does to the passages it names. Only passages SENT in this batch change: OK → ACCEPTED,
 * KO → REJECTED with the CDC's message. An unknown idTechnique, a passage of another batch, or one already
 * accepted (an OK passage is final) is reported, never fatal. An idTechnique named twice counts once (the
 * first mention wins; the others are reported).
 */
export function planReport(report: CdcReport, passages: Map<string, PassageState>, batchId: string): ReportPlan {
  const plan: ReportPlan = { accept: [], reject: [], unknown: [] };
  const seen = new Set<string>();
  const take = (idTechnique: string): PassageState | null => {
    if (seen.has(idTechnique)) {
      plan.unknown.push({ idTechnique, reason: 'DUPLICATE_IN_REPORT' });
      return null;
    }
    seen.add(idTechnique);
    const passage = passages.get(idTechnique);
    if (!passage) plan.unknown.push({ idTechnique, reason: 'UNKNOWN_ID' });
    else if (passage.status === 'ACCEPTED') plan.unknown.push({ idTechnique, reason: 'ALREADY_ACCEPTED' });
    else if (passage.lastBatchId !== batchId || passage.status !== 'SENT') plan.unknown.push({ idTechnique, reason: 'NOT_IN_BATCH' });
    else return passage;
    return null;
  };
  for (const idTechnique of report.ok) {
    const passage = take(idTechnique);
    if (passage) plan.accept.push(passage);
  }
  for (const ko of report.ko) {
    const passage = take(ko.idTechnique);
    if (passage) plan.reject.push({ passage, message: ko.messageErreur });
  }
  return plan;
}
