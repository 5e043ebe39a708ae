import { describe, expect, it } from 'vitest';
import { acceptedMimeType, acknowledgmentDueAt, acknowledgmentStatus, safeFilename } from './project-file.rules.ts';

describe('acknowledgment deadline (5 days)', () => {
  const submittedAt = new Date('2026-03-27T10:15:00.000Z');
  const dueAt = acknowledgmentDueAt(submittedAt);

  it('is submission + 5 × 24 h, across a DST change', () => {
    expect(dueAt.toISOString()).toBe('2026-04-01T10:15:00.000Z');
  });

  it('is on time exactly at the deadline and late one millisecond after', () => {
    const file = { acknowledgeBy: dueAt, acknowledgedAt: null };
    expect(acknowledgmentStatus(file, dueAt)).toEqual({ dueAt, late: false, atRisk: true });
    expect(acknowledgmentStatus(file, new Date(dueAt.getTime() + 1)).late).toBe(true);
    expect(acknowledgmentStatus(file, new Date(dueAt.getTime() - 1)).late).toBe(false);
  });

  it('is at risk within the last 24 hours only', () => {
    const file = { acknowledgeBy: dueAt, acknowledgedAt: null };
    expect(acknowledgmentStatus(file, new Date(dueAt.getTime() - 24 * 3600_000)).atRisk).toBe(false);
    expect(acknowledgmentStatus(file, new Date(dueAt.getTime() - 24 * 3600_000 + 1)).atRisk).toBe(true);
  });

  it('is never late nor at risk once acknowledged', () => {
    const file = { acknowledgeBy: dueAt, acknowledgedAt: new Date(dueAt.getTime() + 3600_000) };
    expect(acknowledgmentStatus(file, new Date(dueAt.getTime() + 10 * 86_400_000))).toEqual({ dueAt, late: false, atRisk: false });
  });
});

describe('accepted types', () => {
  it('accepts PDF and office documents by detected content', () => {
    expect(acceptedMimeType('pdf', 'x.bin')).toBe('application/pdf');
    expect(acceptedMimeType('docx', 'x.docx')).toMatch(/wordprocessingml/);
    expect(acceptedMimeType('odt', 'x.odt')).toBe('application/vnd.oasis.opendocument.text');
    expect(acceptedMimeType('pptx', 'x.pptx')).toMatch(/presentationml/);
    expect(acceptedMimeType('cfb', 'dossier.DOC')).toBe('application/msword');
  });
  it('refuses anything else, and an OLE container not named .doc', () => {
    expect(acceptedMimeType(undefined, 'x.pdf')).toBeNull();
    expect(acceptedMimeType('png', 'x.pdf')).toBeNull();
    expect(acceptedMimeType('exe', 'x.pdf')).toBeNull();
    expect(acceptedMimeType('cfb', 'x.xls')).toBeNull();
  });
  it('keeps only a safe base name', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\léa\\Dossier projet.pdf')).toBe('Dossier projet.pdf');
    expect(safeFilename('')).toBe('dossier');
  });
});
