import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, mergeImportedBlocks, readFranceCompetencesExport } from './france-competences.rules.ts';

const fixtures = resolve(import.meta.dirname, '../../../../test/fixtures/france-competences');
const read = (name: string) => readFileSync(resolve(fixtures, name), 'utf8');
const standard = read('export_fiches_CSV_Standard_2026_11_20.csv');
const blocks = read('export_fiches_CSV_Blocs_De_Compétences_2026_11_20.csv');

describe('readFranceCompetencesExport', () => {
  it('reads the requested fiches with their blocks (BOM, quoted ";", levels, partial validation)', () => {
    const { fiches, issues } = readFranceCompetencesExport(standard, blocks, ['RNCP38596', 'rncp36004', 'RS6142']);
    expect(issues).toEqual([]);
    expect(fiches.map((f) => [f.code, f.registry, f.level, f.active, f.partialValidation, f.blocks.length])).toEqual([
      ['RNCP38596', 'RNCP', 6, true, true, 3],
      ['RNCP36004', 'RNCP', 5, true, false, 2],
      ['RS6142', 'RS', null, true, false, 0],
    ]);
    expect(fiches[1].title).toBe('Technicien supérieur en méthodes ; industrialisation');
    expect(fiches[0].blocks[2]).toEqual({ code: 'RNCP38596BC03', title: 'Manager une équipe de techniciens ; animer la sécurité' });
  });

  it('reports every bad row of the requested fiches with its line number', () => {
    const { fiches, issues } = readFranceCompetencesExport(standard, read('export_fiches_CSV_Blocs_De_Compétences_bad.csv'), ['RNCP38596', 'RNCP36004']);
    expect(fiches).toEqual([]);
    expect(issues.map((issue) => issue.path)).toEqual([['blocksCsv', 4], ['blocksCsv', 6]]);
    expect(issues[0].message).toMatch(/ligne 4 .*RNCP99999BC03.*RNCP38596/);
    expect(issues[1].message).toMatch(/ligne 6 : Bloc_Competences_Libelle est vide/);
  });

  it('refuses a structurally malformed file, a missing column, a missing fiche and an oversized file', () => {
    const malformed = readFranceCompetencesExport(read('export_fiches_CSV_Standard_malformed.csv'), blocks, ['RNCP38596']);
    expect(malformed.issues).toHaveLength(1);
    expect(malformed.issues[0].path[0]).toBe('standardCsv');
    expect(malformed.issues[0].message).toMatch(/CSV mal formé/);
    const noColumn = readFranceCompetencesExport('Numero_Fiche;Intitule\nRNCP1;X\n', blocks, ['RNCP1']);
    expect(noColumn.issues[0].message).toMatch(/colonnes manquantes : Actif/);
    const missing = readFranceCompetencesExport(standard, blocks, ['RNCP38596', 'RNCP12345']);
    expect(missing.issues).toEqual([{ path: ['codes', 1], message: 'Fiche RNCP12345 absente du fichier Standard.' }]);
    const huge = readFranceCompetencesExport('x'.repeat(MAX_CSV_BYTES + 1), blocks, ['RNCP1']);
    expect(huge.issues[0].message).toMatch(/trop volumineux/);
  });
});

describe('mergeImportedBlocks', () => {
  it('keeps competences of kept blocks, reports created, updated, unchanged and removed blocks', () => {
    const current = [
      { code: 'B1', title: 'Un', competences: ['c1'] },
      { code: 'B2', title: 'Deux', competences: ['c2'] },
      { code: 'B3', title: 'Trois', competences: [] },
    ];
    const merged = mergeImportedBlocks(current, [
      { code: 'B1', title: 'Un' },
      { code: 'B2', title: 'Deux bis' },
      { code: 'B4', title: 'Quatre' },
    ]);
    expect(merged.changed).toBe(true);
    expect(merged.blocks).toEqual([
      { code: 'B1', title: 'Un', competences: ['c1'] },
      { code: 'B2', title: 'Deux bis', competences: ['c2'] },
      { code: 'B4', title: 'Quatre', competences: [] },
    ]);
    expect(merged.changes.map((c) => `${c.code}:${c.status}`)).toEqual(['B1:UNCHANGED', 'B2:UPDATED', 'B4:CREATED', 'B3:REMOVED']);
    expect(mergeImportedBlocks(current.slice(0, 1), [{ code: 'B1', title: 'Un' }]).changed).toBe(false);
  });
});
