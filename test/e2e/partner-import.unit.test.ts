// The CSV side of the partner's bulk registration, without a browser (client/src/areas/partner/import/candidate-csv.ts):
// French and English headers, `;` and `,`, line numbers, the checks made before sending, the template.
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseBirthDate, parseCandidateCsv, templateCsv } from '../../client/src/areas/partner/import/candidate-csv.ts';

describe('parseCandidateCsv', () => {
  it('reads French headers (any case, accents, spacing) with ";" and maps values to the API enums', () => {
    const csv = [
      '\uFEFFN° de dossier;Code certification;NOM;Prénom;E-mail;Date de naissance;Sexe;Voie d’accès;Financement;Code INSEE',
      'D-1;rs5302;Durand;Zoé;zoe@example.fr;14/03/1994;femme;Formation continue;employeur;69123',
      '',
      'D-2;RS5302;Martin;Léo;leo@example.fr;1990-01-31;M;VAE;CPF;',
    ].join('\r\n');
    const parsed = parseCandidateCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 4]); // the blank line 3 is skipped but counted
    expect(parsed.rows[0].problems).toEqual([]);
    expect(parsed.rows[0].input).toMatchObject({
      fileNumber: 'D-1',
      certificationCode: 'RS5302',
      birthName: 'Durand',
      firstName: 'Zoé',
      email: 'zoe@example.fr',
      birthDate: '1994-03-14T00:00:00.000Z',
      sex: 'F',
      accessRoute: 'CONTINUING_TRAINING',
      funding: 'EMPLOYER',
      birthInseeCode: '69123',
    });
    expect(parsed.rows[1].input).toMatchObject({ birthDate: '1990-01-31T00:00:00.000Z', sex: 'M', accessRoute: 'VAE', funding: 'CPF', birthInseeCode: null });
  });

  it('reads English headers with ","', () => {
    const parsed = parseCandidateCsv('file number,certification code,birth name,first name,email,date of birth\nE-1,RS5302,Smith,Ann,ann@example.org,02/11/1988\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.rows[0].input).toMatchObject({ fileNumber: 'E-1', birthName: 'Smith', firstName: 'Ann', birthDate: '1988-11-02T00:00:00.000Z' });
  });

  it('names the missing required columns, and lists ignored and accommodation columns', () => {
    const parsed = parseCandidateCsv('nom;prénom;courriel;couleur préférée;aménagements\nDurand;Zoé;z@example.fr;bleu;tiers temps\n');
    expect(parsed.problems).toEqual([{ kind: 'missingColumns', fields: ['fileNumber', 'certificationCode'] }]);
    expect(parsed.ignoredHeaders).toEqual(['couleur préférée']);
    expect(parsed.accommodationHeaders).toEqual(['aménagements']);
  });

  it('flags, per row, empty required cells, unknown values and repeated file numbers, with their lines', () => {
    const parsed = parseCandidateCsv(
      [
        'dossier;certification;nom;prénom;email;sexe;date de naissance;financement',
        'A-1;RS5302;Durand;Zoé;z@example.fr;F;;',
        'A-2;RS5302;;Léo;l@example.fr;X;31/02/1990;mécénat',
        'A-1;RS5302;Petit;Max;m@example.fr;;;',
      ].join('\n'),
    );
    expect(parsed.rows.map((row) => [row.line, row.problems])).toEqual([
      [2, []],
      [
        3,
        [
          { kind: 'required', field: 'birthName' },
          { kind: 'invalidValue', field: 'birthDate', value: '31/02/1990' },
          { kind: 'invalidValue', field: 'sex', value: 'X' },
          { kind: 'invalidValue', field: 'funding', value: 'mécénat' },
        ],
      ],
      [4, [{ kind: 'duplicateFileNumber', firstLine: 2 }]],
    ]);
  });

  it('refuses an empty file and more than 1,000 rows', () => {
    expect(parseCandidateCsv('').problems).toEqual([{ kind: 'empty' }]);
    expect(parseCandidateCsv('dossier;certification;nom;prénom;email\n').problems).toEqual([{ kind: 'empty' }]);
    const many = ['dossier;certification;nom;prénom;email', ...Array.from({ length: 1001 }, (_, i) => `F-${i};RS5302;N;P;p${i}@example.fr`)].join('\n');
    expect(parseCandidateCsv(many).problems).toEqual([{ kind: 'tooManyRows', count: 1001, max: 1000 }]);
  });
});

describe('helpers', () => {
  it('parses real dates only', () => {
    expect(parseBirthDate('1.2.2000')).toBe('2000-02-01T00:00:00.000Z');
    expect(parseBirthDate('2000-02-30')).toBeNull();
    expect(parseBirthDate('hier')).toBeNull();
  });

  it('decodes Windows-1252 files written by Excel', () => {
    const bytes = new Uint8Array([0x70, 0x72, 0xe9, 0x6e, 0x6f, 0x6d]); // "prénom" in Windows-1252
    expect(decodeCsvBytes(bytes.buffer)).toBe('prénom');
    expect(decodeCsvBytes(new TextEncoder().encode('prénom').buffer as ArrayBuffer)).toBe('prénom');
  });

  it('offers a template that parses back without problems', () => {
    const parsed = parseCandidateCsv(templateCsv('RS5302'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.ignoredHeaders).toEqual([]);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows.every((row) => row.problems.length === 0)).toBe(true);
    expect(parsed.rows[1].input).toMatchObject({ usageName: 'Bernard', accessRoute: 'VAE', funding: 'OPCO', birthCountryCode: '99243' });
  });
});
