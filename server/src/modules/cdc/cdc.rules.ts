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

/** Whether a text holds characters XML 1.0 refuses (control characters, lone surrogates). */
export const hasNonXml = (value: string) => {
  NON_XML.lastIndex = 0;
  const found = NON_XML.test(value);
  NON_XML.lastIndex = 0;
  return found;
};

/**
 * Normalises a value that must fit `max` characters: the value, or an issue (never a truncated value, never
 * one with characters dropped: a character XML refuses is INVALID, to correct).
 */
export function fit(field: string, value: string | null | undefined, max: number, issues: CdcIssue[], required = true): string | null {
  if (value !== null && value !== undefined && hasNonXml(value)) {
    issues.push({ field, code: 'INVALID' });
    return null;
  }
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
  libellePaysNaissance: 60,
  urlPreuve: 255,
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
  /** INSEE country code (99xxx) when born abroad, and the country's name. */
  birthCountryCode?: string | null;
  birthCountryName?: string | null;
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
  /** At most one of the two; both null when born abroad (the postal code is then written nil). */
  codeInsee: string | null;
  codePostal: string | null;
  libelleCommuneNaissance: string | null;
  /** Born abroad: the INSEE country code without its leading 99 (3 characters), and the country's name. */
  codePaysNaissance: string | null;
  libellePaysNaissance: string | null;
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

/** An INSEE commune code: 5 digits (Corsica 2A/2B), not 00000, not a country code (99xxx). */
export const INSEE_COMMUNE = /^(?!00000)(?!99)(\d{5}|2[AB]\d{3})$/i;
/** An INSEE country code: 99 then 3 digits; 99100 is France itself. */
export const INSEE_COUNTRY = /^99\d{3}$/;
export const FRANCE_INSEE_COUNTRY = '99100';

/**
 * The INSEE country code of a birth abroad: the candidate's country code (99xxx, not France), or an INSEE code
 * given in the commune field that is a country's (99350 = Morocco); null when born in France or unknown.
 */
export function birthCountryOf(identity: Pick<CandidateIdentity, 'birthInseeCode' | 'birthCountryCode'>): string | null {
  for (const value of [identity.birthCountryCode, identity.birthInseeCode]) {
    const code = normaliseText(value);
    if (code !== null && INSEE_COUNTRY.test(code) && code !== FRANCE_INSEE_COUNTRY) return code;
  }
  return null;
}

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
  const abroad = birthCountryOf(identity);
  let codeInsee: string | null = null;
  let codePostal: string | null = null;
  let codePaysNaissance: string | null = null;
  let libellePaysNaissance: string | null = null;
  if (abroad) {
    // Born abroad (XSD 1.1.2): the commune element is there with a nil postal code, and the country is given by
    // its INSEE code without the leading 99 and its name.
    codePaysNaissance = abroad.slice(2);
    libellePaysNaissance = fit('birthCountryName', identity.birthCountryName, CDC_LIMITS.libellePaysNaissance, issues, false);
  }
  // The INSEE commune code when valid, else the postal code; an invalid INSEE code is reported only when
  // no postal code can stand in for it.
  else if (insee !== null && INSEE_COMMUNE.test(insee)) codeInsee = insee.toUpperCase();
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
    codePaysNaissance,
    libellePaysNaissance,
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
  /** The holder's current (unrevoked, latest) certificate of the whole certification, for `urlPreuve`. */
  certificateId?: string | null;
  /** The certification's validity in months (null = permanent), for `dateFinValidite`. */
  validityMonths?: number | null;
}

export interface ResolvedPassage {
  passageId: string;
  idTechnique: string;
  /** YYYY-MM-DD, the jury date in Europe/Paris: `dateDebutValidite`. */
  dateDebutValidite: string;
  /** YYYY-MM-DD: the jury date + the certification's validity; null (written nil) when permanent. */
  dateFinValidite: string | null;
  /** The public verification page of the holder's current certificate (≤ 255), when there is one. */
  urlPreuve: string | null;
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

/** The public verification page of a certificate (certificate module's `/verify/<id>`), when it is an http(s) URL that fits. */
export function urlPreuveFor(publicUrl: string | null | undefined, certificateId: string | null | undefined): string | null {
  if (!publicUrl || !certificateId || !/^https?:\/\//.test(publicUrl)) return null;
  const url = `${publicUrl.replace(/\/+$/, '')}/verify/${certificateId}`;
  return charLength(url) <= CDC_LIMITS.urlPreuve ? url : null;
}

/** What the XML writer gets for one passage, or what must be corrected. */
export function resolvePassage(row: PassageRow, options: { publicUrl?: string | null } = {}): ResolvedPassage | BlockedPassage {
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
    dateFinValidite: row.validityMonths && row.validityMonths > 0 ? parisDay(transmitByFor(row.juryDate, row.validityMonths)) : null,
    urlPreuve: urlPreuveFor(options.publicUrl, row.certificateId),
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
/**
 * Statuses whose deadline still runs: the deadline is met only when a report accepts the passage, so a passage
 * sent and awaiting its report is still owed (and late when no report accepted it by its deadline).
 */
export const OWED_STATUSES: readonly CdcPassageStatus[] = ['PENDING', 'REJECTED', 'SENT'];

export interface DeadlineStatus {
  transmitBy: Date;
  /** Whole days left (negative when late); null once accepted (or withdrawn). */
  daysLeft: number | null;
  /** Not accepted by its deadline (exactly at the deadline is on time). */
  late: boolean;
  /** Not accepted yet, and late or with fewer than 30 days left. */
  atRisk: boolean;
}

export function deadlineStatus(passage: { status: CdcPassageStatus; transmitBy: Date }, now: Date = new Date()): DeadlineStatus {
  const { late, atRisk, daysLeft } = deadline(passage.transmitBy, !OWED_STATUSES.includes(passage.status), AT_RISK_DAYS, now);
  return { transmitBy: passage.transmitBy, daysLeft, late, atRisk };
}

/** Whole days a SENT passage has been awaiting its report (null for any other status). */
export function awaitingReportDays(passage: { status: CdcPassageStatus; sentAt: Date | null }, now: Date = new Date()): number | null {
  if (passage.status !== 'SENT' || !passage.sentAt) return null;
  return Math.max(0, Math.floor((now.getTime() - passage.sentAt.getTime()) / 86_400_000));
}

/** The `transmitBy` bound below which an outstanding passage is at risk. */
export const atRiskBefore = (now: Date = new Date()) => atRiskCutoff(AT_RISK_DAYS, now);

// ───────────────────────────── Processing report ─────────────────────────────

export interface CdcReport {
  nomFichier: string | null;
  idFlux: string;
  idTraitement: string;
  ok: string[];
  /** Every `messageErreur` of a KO line, in order (joined with " | " as the passage's rejection message). */
  ko: { idTechnique: string; messageErreur: string; messages?: string[] }[];
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

// ───────────────────────────── Portal worklist ─────────────────────────────

export interface PortalValue {
  /** The XSD element name, as the CDC's portal labels its fields. */
  element: string;
  /** null = to leave empty. */
  value: string | null;
}

/**
 * The values to enter on the CDC's portal ("Modifier un passage de certification", found by its idTechnique):
 * what the export would write today for this passage, element by element.
 */
export function portalValuesOf(resolved: ResolvedPassage): PortalValue[] {
  const values: PortalValue[] = [
    { element: 'idTechnique', value: resolved.idTechnique },
    { element: 'urlPreuve', value: resolved.urlPreuve },
    { element: 'obtentionCertification', value: 'PAR_ADMISSION' },
    { element: 'dateDebutValidite', value: resolved.dateDebutValidite },
    { element: 'dateFinValidite', value: resolved.dateFinValidite },
    { element: 'modaliteAcces', value: resolved.modaliteAcces },
  ];
  if (resolved.identity.kind === 'titulaire') {
    const t = resolved.identity.titulaire;
    values.push(
      { element: 'nomNaissance', value: t.nomNaissance },
      { element: 'nomUsage', value: t.nomUsage },
      { element: 'prenom1', value: t.prenom1 },
      { element: 'prenom2', value: t.prenom2 },
      { element: 'prenom3', value: t.prenom3 },
      { element: 'anneeNaissance', value: String(t.anneeNaissance) },
      { element: 'moisNaissance', value: String(t.moisNaissance) },
      { element: 'jourNaissance', value: String(t.jourNaissance) },
      { element: 'sexe', value: t.sexe },
      { element: 'codeInsee', value: t.codeInsee },
      { element: 'codePostal', value: t.codePostal },
      { element: 'libelleCommuneNaissance', value: t.libelleCommuneNaissance },
      { element: 'codePaysNaissance', value: t.codePaysNaissance },
      { element: 'libellePaysNaissance', value: t.libellePaysNaissance },
    );
  } else {
    const d = resolved.identity.dossierFormation;
    values.push({ element: 'idDossier', value: d.idDossier }, { element: 'nomTitulaire', value: d.nomTitulaire }, { element: 'prenom1Titulaire', value: d.prenom1Titulaire });
  }
  return values;
}
