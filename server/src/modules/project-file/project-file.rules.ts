// Pure rules for project files ("dossier projet"): the acknowledgment deadline and the accepted types.
import { addDays, atRiskBefore, deadline } from '../../lib/deadlines.ts';

/** The certifier acknowledges a project file within 5 days of its submission (DOMAIN.md, seed 000). */
export const ACKNOWLEDGE_WITHIN_DAYS = 5;
/** A file is "at risk" when its deadline is less than a day away. */
export const AT_RISK_WITHIN_DAYS = 1;

/** Deadline = submission + 5 × 24 h, to the millisecond (elapsed time: DST changes do not shift it). */
export function acknowledgmentDueAt(submittedAt: Date): Date {
  return addDays(submittedAt, ACKNOWLEDGE_WITHIN_DAYS);
}

export interface AcknowledgmentStatus {
  dueAt: Date;
  /** Not acknowledged and the deadline has passed (exactly at the deadline is still on time). */
  late: boolean;
  /** Not acknowledged and late, or due within AT_RISK_WITHIN_DAYS. */
  atRisk: boolean;
}

export function acknowledgmentStatus(
  file: { acknowledgeBy: Date; acknowledgedAt: Date | null },
  now: Date = new Date(),
): AcknowledgmentStatus {
  const { late, atRisk } = deadline(file.acknowledgeBy, file.acknowledgedAt !== null, AT_RISK_WITHIN_DAYS, now);
  return { dueAt: file.acknowledgeBy, late, atRisk };
}

/** Files due before this instant are at risk (the database filter matching `acknowledgmentStatus().atRisk`). */
export const acknowledgmentAtRiskBefore = (now: Date = new Date()) => atRiskBefore(AT_RISK_WITHIN_DAYS, now);

export const ACCEPTED_PROJECT_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  doc: 'application/msword',
};

/**
 * The stored MIME type for content detected as `detectedExt` (by file-type, from the bytes), or null when
 * refused. Legacy .doc files are OLE compound files ("cfb"), a container also used by .xls and .msi: they
 * are accepted only when the name also ends in .doc.
 */
export function acceptedMimeType(detectedExt: string | undefined, filename: string): string | null {
  if (!detectedExt) return null;
  if (detectedExt === 'cfb') return /\.doc$/i.test(filename) ? ACCEPTED_PROJECT_FILE_TYPES.doc : null;
  if (detectedExt === 'doc') return ACCEPTED_PROJECT_FILE_TYPES.doc;
  return ACCEPTED_PROJECT_FILE_TYPES[detectedExt] ?? null;
}

/** A safe display name: no path, no control characters, at most 200 characters. */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'dossier';
}
