import { describe, expect, it } from 'vitest';
import { contestPathFor, contestUntilFor, decisionView, publicationStatus, publishByFor, type StoredDecision } from './result.rules.ts';

const H = 3600_000;
const D = 24 * H;

describe('publication deadline (oral + 10 days)', () => {
  const oralAt = new Date('2026-03-24T09:00:00.000Z');
  const publishBy = publishByFor(oralAt);

  it('is the oral + 10 × 24 h, across a DST change', () => {
    expect(publishBy.toISOString()).toBe('2026-04-03T09:00:00.000Z');
  });

  it('counts whole days left, and is late one millisecond after the deadline', () => {
    const result = { publishBy, publishedAt: null };
    expect(publicationStatus(result, new Date(publishBy.getTime() - 5 * D))).toEqual({ publishBy, late: false, atRisk: false, daysLeft: 5 });
    expect(publicationStatus(result, publishBy)).toEqual({ publishBy, late: false, atRisk: true, daysLeft: 0 });
    expect(publicationStatus(result, new Date(publishBy.getTime() + 1))).toMatchObject({ late: true, atRisk: true, daysLeft: -1 });
    expect(publicationStatus(result, new Date(publishBy.getTime() + 3 * D + H))).toMatchObject({ late: true, daysLeft: -4 });
  });

  it('is at risk within the last 2 days only', () => {
    const result = { publishBy, publishedAt: null };
    expect(publicationStatus(result, new Date(publishBy.getTime() - 2 * D)).atRisk).toBe(false);
    expect(publicationStatus(result, new Date(publishBy.getTime() - 2 * D + 1))).toMatchObject({ atRisk: true, late: false, daysLeft: 1 });
  });

  it('is neither late nor at risk once published, even after the deadline', () => {
    expect(publicationStatus({ publishBy, publishedAt: publishBy }, new Date(publishBy.getTime() + 9 * D))).toEqual({
      publishBy,
      late: false,
      atRisk: false,
      daysLeft: null,
    });
  });
});

describe('contesting a result', () => {
  it('is open for the appeal window after publication, at a stable path', () => {
    expect(contestUntilFor(new Date('2026-05-01T10:00:00Z'), 30).toISOString()).toBe('2026-05-31T10:00:00.000Z');
    expect(contestPathFor('a1')).toBe('/candidate/attempts/a1/appeal');
  });
});

describe('what a candidate sees of a decision', () => {
  const decision: StoredDecision = {
    outcome: 'PARTIALLY_CERTIFIED',
    validatedBlockCodes: ['B1'],
    juryDate: new Date('2026-05-01T12:00:00Z'),
    details: {
      blocks: [
        {
          code: 'B1',
          title: 'Bloc 1',
          inScope: true,
          acquiredEarlier: false,
          validated: true,
          competences: [{ competenceId: 'c1', code: 'C1', title: 'Compétence 1', score: 3.5, minimum: 2, validated: true, byJuror: { j1: 4, j2: 3 } }],
        },
        { code: 'B2', title: 'Bloc 2', inScope: true, acquiredEarlier: false, validated: false, competences: [{ code: 'C2', title: 'C 2', score: 1, minimum: 2, validated: false }] },
      ],
      explanation: { fr: 'Bloc B1 validé.', en: 'Block B1 validated.' },
      jurors: [{ name: 'Secret Juror', scores: { c1: 4 } }],
    },
  };

  it('AGREED_SCORES: validated flags and agreed scores, no names, nothing it does not know', () => {
    const view = decisionView(decision, 'AGREED_SCORES', ['Alice Martin', 'Bruno Petit']);
    expect(view.juryNames).toBeNull();
    expect(view.blocks.map((block) => [block.code, block.validated])).toEqual([['B1', true], ['B2', false]]);
    expect(view.blocks[0].competences[0]).toEqual({ code: 'C1', title: 'Compétence 1', validated: true, minimumScore: 2, agreedScore: 3.5 });
    expect(view.explanation).toEqual({ fr: 'Bloc B1 validé.', en: 'Block B1 validated.' });
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/byJuror|j1|Secret|competenceId/);
  });

  it('DECISION_ONLY hides the agreed scores', () => {
    const view = decisionView(decision, 'DECISION_ONLY', ['Alice Martin']);
    expect(view.blocks.flatMap((block) => block.competences.map((competence) => competence.agreedScore))).toEqual([null, null]);
    expect(view.blocks[0].competences[0].validated).toBe(true);
    expect(view.juryNames).toBeNull();
  });

  it('AGREED_SCORES_AND_JURY_NAMES adds the jury names', () => {
    const view = decisionView(decision, 'AGREED_SCORES_AND_JURY_NAMES', ['Alice Martin', 'Bruno Petit']);
    expect(view.juryNames).toEqual(['Alice Martin', 'Bruno Petit']);
    expect(view.blocks[1].competences[0].agreedScore).toBe(1);
  });

  it('survives malformed details', () => {
    const view = decisionView({ ...decision, details: null }, 'AGREED_SCORES', []);
    expect(view.blocks).toEqual([]);
    expect(view.explanation).toEqual({ fr: '', en: '' });
  });
});
