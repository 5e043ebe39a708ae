import { describe, expect, it } from 'vitest';
import {
  publishedSuccessRate,
  createCertificationSchema,
  frameworkContentSchema,
  isValidCertificationCode,
  publicationProblems,
  registryOfFiche,
  updateCertificationSchema,
} from './certification.rules.ts';

const base = { registry: 'RNCP', code: 'RNCP36004', title: 'Titre', decisionRule: 'ALL_COMPETENCES' } as const;

describe('certification codes per registry', () => {
  it.each([
    ['RNCP', 'RNCP36004', true],
    ['RNCP', 'RS5302', false],
    ['RNCP', 'RNCP', false],
    ['RS', 'RS5302', true],
    ['RS', 'RS53O2', false],
    ['CQP', 'CQP0042', true],
    ['CQP', 'CQPM0281', true],
    ['CQP', 'RNCP1', false],
    ['CLEA', 'CLEA', true],
    ['CLEA', 'CLEA-NUMERIQUE', true],
    ['CLEA', 'CLE', false],
  ] as const)('%s %s → %s', (registry, code, valid) => {
    expect(isValidCertificationCode(registry, code)).toBe(valid);
  });

  it('tells the registry of a fiche number', () => {
    expect(registryOfFiche('RNCP38596')).toBe('RNCP');
    expect(registryOfFiche('RS5302')).toBe('RS');
    expect(registryOfFiche('CQP0042')).toBeNull();
  });
});

describe('createCertificationSchema', () => {
  it('accepts a valid certification with defaults, upper-casing the code', () => {
    const parsed = createCertificationSchema.parse({ ...base, code: 'rncp36004' });
    expect(parsed).toMatchObject({ code: 'RNCP36004', oralTotalMinutes: 30, minJurySize: 2, aggregationMethod: 'MEAN', active: true });
  });
  it('reports each broken rule on its field', () => {
    const result = createCertificationSchema.safeParse({
      ...base,
      code: 'RS12',
      minJurySize: 1,
      oralTotalMinutes: 30,
      oralPresentationMinutes: 10,
      oralQuestionsMinutes: 15,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['code', 'minJurySize', 'oralTotalMinutes']);
  });
  it('checks timings in a partial update only when all three are given', () => {
    expect(updateCertificationSchema.safeParse({ oralTotalMinutes: 40 }).success).toBe(true);
    expect(updateCertificationSchema.safeParse({ oralTotalMinutes: 40, oralPresentationMinutes: 20, oralQuestionsMinutes: 15 }).success).toBe(false);
  });
});

describe('framework content', () => {
  const competence = { code: 'C1', title: 'Compétence', modality: 'ORAL', minimumScore: 2, criteria: [{ code: 'C1.1', description: 'x' }] };
  const content = { scaleMin: 0, scaleMax: 4, blocks: [{ code: 'RNCP1BC01', title: 'Bloc', competences: [competence] }] };

  it('accepts a consistent framework', () => {
    expect(frameworkContentSchema.safeParse(content).success).toBe(true);
    expect(publicationProblems(content)).toEqual([]);
  });
  it('refuses duplicate codes, a minimum outside the scale and an empty scale', () => {
    const result = frameworkContentSchema.safeParse({
      scaleMin: 4,
      scaleMax: 4,
      blocks: [
        { code: 'B1', title: 'B', competences: [competence, { ...competence, minimumScore: 9 }] },
        { code: 'B1', title: 'B', competences: [] },
      ],
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'blocks.0.competences.0.minimumScore',
      'blocks.0.competences.1.code',
      'blocks.0.competences.1.minimumScore',
      'blocks.1.code',
      'scaleMax',
    ]);
  });
  it('lists what blocks publication', () => {
    expect(publicationProblems({ blocks: [] })).toEqual(['0 bloc']);
    expect(publicationProblems({ blocks: [{ code: 'B1', competences: [{ code: 'C1', criteria: [] }] }, { code: 'B2', competences: [] }] })).toEqual([
      'B1/C1 : 0 critère',
      'B2 : 0 compétence',
    ]);
  });
});

describe('published success rate', () => {
  it('is withheld below the minimum number of published results', () => {
    expect(publishedSuccessRate({ certified: 9, published: 9 }, 10)).toBeNull();
    expect(publishedSuccessRate({ certified: 0, published: 0 }, 1)).toBeNull();
  });
  it('is certified / published, rounded to 0.1 %, from the minimum on', () => {
    expect(publishedSuccessRate({ certified: 7, published: 10 }, 10)).toEqual({ rate: 0.7, certified: 7, published: 10 });
    expect(publishedSuccessRate({ certified: 2, published: 3 }, 3)).toEqual({ rate: 0.667, certified: 2, published: 3 });
  });
});
