// Pure rules for project files ("dossier projet"): the acknowledgment deadline and the accepted types.

/** The certifier acknowledges a project file within 5 days of its submission (DOMAIN.md, seed 000). */
export const ACKNOWLEDGE_WITHIN_DAYS = 5;
/** A file is "at risk" when its deadline is less than this far away. */
export const AT_RISK_WITHIN_MS = 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Deadline = submission + 5 × 24 h, to the millisecond (elapsed time: DST changes do not shift it). */
export function acknowledgmentDueAt(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + ACKNOWLEDGE_WITHIN_DAYS * DAY_MS);
}

export interface AcknowledgmentStatus {
  dueAt: Date;
  /** Not acknowledged and the deadline has passed (exactly at the deadline is still on time). */
  late: boolean;
  /** Not acknowledged and late, or due within AT_RISK_WITHIN_MS. */
  atRisk: boolean;
}

export function acknowledgmentStatus(
  file: { acknowledgeBy: Date; acknowledgedAt: Date | null },
  now: Date = new Date(),
): AcknowledgmentStatus {
  const dueAt = file.acknowledgeBy;
  if (file.acknowledgedAt) return { dueAt, late: false, atRisk: false };
  const remaining = dueAt.getTime() - now.getTime();
  return { dueAt, late: remaining < 0, atRisk: remaining < AT_RISK_WITHIN_MS };
}

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
