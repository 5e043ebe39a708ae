import { describe, expect, it } from 'vitest';
import {
  BIRTH_PLACE_FIELD,
  awaitingReportDays,
  birthCountryOf,
  deadlineStatus,
  portalValuesOf,
  fit,
  isBlocked,
  normaliseText,
  planReport,
  resolveIdentity,
  resolvePassage,
  settingsIssues,
  transmitByFor,
  type CandidateIdentity,
  type CdcIssue,
  type PassageState,
} from './cdc.rules.ts';
import { decodeReport, parseCdcReport } from './cdc.report.ts';
import { cdcWriter, escapeXml, horodatage } from './cdc.xml.ts';
import { validateCdcXml } from '../../../../test/support/xsd.ts';

const complete: CandidateIdentity = {
  birthName: 'DUPONT',
  usageName: null,
  firstName: 'Jeanne',
  firstName2: 'Marie',
  firstName3: null,
  birthDate: new Date('1990-03-04T00:00:00Z'),
  sex: 'F',
  birthInseeCode: '75056',
  birthPostalCode: '75001',
  birthCity: 'Paris',
  cpfFileNumber: null,
};

describe('identity resolution', () => {
  it('identifies by titulaire when the birth identity is complete', () => {
    const identity = resolveIdentity(complete);
    expect(identity.kind).toBe('titulaire');
    if (identity.kind !== 'titulaire') return;
    expect(identity.titulaire).toMatchObject({ nomNaissance: 'DUPONT', nomUsage: null, prenom1: 'Jeanne', prenom2: 'Marie', anneeNaissance: 1990, moisNaissance: 3, jourNaissance: 4, sexe: 'F', codeInsee: '75056', codePostal: null });
  });

  it('falls back to the postal code, then to dossierFormation, else lists exactly what is missing', () => {
    const postal = resolveIdentity({ ...complete, birthInseeCode: null });
    expect(postal.kind === 'titulaire' && postal.titulaire.codePostal).toBe('75001');
    const dossier = resolveIdentity({ ...complete, birthDate: null, cpfFileNumber: '20741258963' });
    expect(dossier).toEqual({ kind: 'dossierFormation', dossierFormation: { idDossier: '20741258963', nomTitulaire: 'DUPONT', prenom1Titulaire: 'Jeanne' } });
    const blocked = resolveIdentity({ ...complete, birthDate: null, sex: null, birthInseeCode: null, birthPostalCode: null });
    expect(blocked.kind).toBe('blocked');
    if (blocked.kind !== 'blocked') return;
    expect(blocked.missingForTitulaire).toEqual(['birthDate', 'sex', BIRTH_PLACE_FIELD]);
    expect(blocked.missingForDossier).toEqual(['cpfFileNumber']);
  });

  it('reports a value too long instead of truncating it', () => {
    const long = 'A'.repeat(61);
    const identity = resolveIdentity({ ...complete, birthName: long });
    expect(identity.kind).toBe('blocked');
    if (identity.kind !== 'blocked') return;
    expect(identity.issues).toContainEqual({ field: 'birthName', code: 'TOO_LONG', max: 60, length: 61 });
    // dossierFormation allows 30 for the name: a 31-character name with a CPF file is reported too.
    const dossier = resolveIdentity({ ...complete, birthDate: null, birthName: 'B'.repeat(31), cpfFileNumber: '123' });
    expect(dossier.kind === 'blocked' && dossier.issues).toContainEqual({ field: 'birthName', code: 'TOO_LONG', max: 30, length: 31 });
  });

  it('normalises whitespace, Unicode and characters XML refuses, counting code points', () => {
    expect(normaliseText('  Jean \u0007  Pierre\t ')).toBe('Jean Pierre');
    expect(normaliseText('E\u0301lodie')).toBe('Élodie');
    expect(normaliseText('   ')).toBeNull();
    const issues: CdcIssue[] = [];
    expect(fit('x', '😀'.repeat(3), 3, issues)).toBe('😀😀😀');
    expect(issues).toEqual([]);
  });
});

describe('settings', () => {
  it('needs a client id of exactly 8 characters and a contract id of at most 20', () => {
    expect(settingsIssues({ cdcClientId: 'CJDEMO01', cdcContractId: 'MCFCER000123' })).toEqual([]);
    expect(settingsIssues({ cdcClientId: 'SHORT', cdcContractId: null })).toEqual([
      { field: 'clientId', code: 'INVALID', max: 8, length: 5 },
      { field: 'contractId', code: 'MISSING' },
    ]);
  });
});

describe('deadline', () => {
  it('is the jury date + 3 calendar months, clamped to the end of the month', () => {
    expect(transmitByFor(new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-04-15T12:00:00.000Z');
    expect(transmitByFor(new Date('2026-11-30T10:00:00Z')).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(transmitByFor(new Date('2027-11-30T10:00:00Z')).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(transmitByFor(new Date('2026-10-31T10:00:00Z')).toISOString()).toBe('2027-01-31T10:00:00.000Z');
  });

  it('is at risk under 30 days, late after the deadline, and settled once transmitted', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * 86_400_000);
    expect(deadlineStatus({ status: 'PENDING', transmitBy: at(45) }, now)).toMatchObject({ daysLeft: 45, atRisk: false, late: false });
    expect(deadlineStatus({ status: 'PENDING', transmitBy: at(29.5) }, now)).toMatchObject({ daysLeft: 29, atRisk: true, late: false });
    expect(deadlineStatus({ status: 'REJECTED', transmitBy: at(-2) }, now)).toMatchObject({ daysLeft: -2, atRisk: true, late: true });
    expect(deadlineStatus({ status: 'PENDING', transmitBy: now }, now)).toMatchObject({ late: false, atRisk: true });
    expect(deadlineStatus({ status: 'ACCEPTED', transmitBy: at(-10) }, now)).toMatchObject({ daysLeft: null, atRisk: false, late: false });
    // The deadline runs until the CDC accepts: sent and awaiting the report is still owed.
    expect(deadlineStatus({ status: 'SENT', transmitBy: at(5) }, now)).toMatchObject({ daysLeft: 5, atRisk: true, late: false });
    expect(deadlineStatus({ status: 'SENT', transmitBy: at(-3) }, now)).toMatchObject({ daysLeft: -3, atRisk: true, late: true });
    expect(deadlineStatus({ status: 'WITHDRAWN', transmitBy: at(-3) }, now)).toMatchObject({ daysLeft: null, late: false });
    expect(awaitingReportDays({ status: 'SENT', sentAt: at(-12.5) }, now)).toBe(12);
    expect(awaitingReportDays({ status: 'ACCEPTED', sentAt: at(-12.5) }, now)).toBeNull();
  });
});

describe('processing report', () => {
  const report = `<?xml version="1.0" encoding="UTF-8"?>
<rapport xmlns="urn:cdc:cpf:pc5:rapport:schema">
  <nomFichier>cdc.xml</nomFichier><idFlux>B1</idFlux><idTraitement>T1</idTraitement>
  <PassagesKO><passage><idTechnique>P2</idTechnique><messageErreur>Aucun titulaire ne correspond aux critères obligatoires</messageErreur></passage></PassagesKO>
  <PassagesOK><idTechnique>P1</idTechnique><idTechnique>P9</idTechnique><idTechnique>P3</idTechnique></PassagesOK>
</rapport>`;

  it('parses OK and KO passages, and refuses what is not a CDC report', () => {
    const parsed = parseCdcReport(report);
    expect(parsed).toEqual({
      report: { nomFichier: 'cdc.xml', idFlux: 'B1', idTraitement: 'T1', ok: ['P1', 'P9', 'P3'], ko: [{ idTechnique: 'P2', messageErreur: 'Aucun titulaire ne correspond aux critères obligatoires', messages: ['Aucun titulaire ne correspond aux critères obligatoires'] }] },
    });
    expect(parseCdcReport('<rapport xmlns="urn:other"><idFlux>x</idFlux></rapport>')).toEqual({ problems: [{ code: 'NAMESPACE', found: 'urn:other' }] });
    expect(parseCdcReport('<flux/>')).toEqual({ problems: [{ code: 'ROOT', found: 'flux' }] });
    expect('problems' in parseCdcReport('<rapport')).toBe(true);
    const prefixed = parseCdcReport('<r:rapport xmlns:r="urn:cdc:cpf:pc5:rapport:schema"><r:idFlux>B</r:idFlux><r:idTraitement>T</r:idTraitement><r:PassagesOK><r:idTechnique>P</r:idTechnique></r:PassagesOK></r:rapport>');
    expect(prefixed).toMatchObject({ report: { idFlux: 'B', idTraitement: 'T', ok: ['P'], ko: [] } });
  });

  it('changes only passages SENT in the batch; unknown, other-batch and accepted ones are reported', () => {
    const parsed = parseCdcReport(report);
    if (!('report' in parsed)) throw new Error('unparsed');
    const passages = new Map<string, PassageState>([
      ['P1', { id: '1', idTechnique: 'P1', status: 'SENT', lastBatchId: 'B1' }],
      ['P2', { id: '2', idTechnique: 'P2', status: 'SENT', lastBatchId: 'B1' }],
      ['P3', { id: '3', idTechnique: 'P3', status: 'ACCEPTED', lastBatchId: 'B0' }],
    ]);
    const plan = planReport(parsed.report, passages, 'B1');
    expect(plan.accept.map((p) => p.id)).toEqual(['1']);
    expect(plan.reject).toEqual([{ passage: passages.get('P2'), message: 'Aucun titulaire ne correspond aux critères obligatoires' }]);
    expect(plan.unknown).toEqual([
      { idTechnique: 'P9', reason: 'UNKNOWN_ID' },
      { idTechnique: 'P3', reason: 'ALREADY_ACCEPTED' },
    ]);
  });
});

describe('XML writer 1.1.2', () => {
  it('escapes text and writes a Paris timestamp with its offset', () => {
    expect(escapeXml(`O'Brien & <Fils> "x"`)).toBe('O&apos;Brien &amp; &lt;Fils&gt; &quot;x&quot;');
    expect(horodatage(new Date('2026-01-15T10:00:05Z'))).toBe('2026-01-15T11:00:05+01:00');
    expect(horodatage(new Date('2026-07-15T10:00:05Z'))).toBe('2026-07-15T12:00:05+02:00');
  });

  it('writes a file valid against the XSD, with both identifications and the required nil elements', async () => {
    const writer = cdcWriter('1.1.2');
    const row = (n: number, identity: Partial<CandidateIdentity>) => ({
      ...complete,
      ...identity,
      passageId: `id-${n}`,
      idTechnique: `CJ-${n}`,
      juryDate: new Date('2026-11-20T11:00:00Z'),
      accessRoute: n === 3 ? null : ('CONTINUING_TRAINING' as const),
    });
    const passages = [
      resolvePassage(row(1, { birthName: "D'ARC & <FILS>" })),
      resolvePassage(row(2, { birthDate: null, cpfFileNumber: '20741258963' })),
      resolvePassage(row(3, { birthInseeCode: null, usageName: 'MARTIN' })),
    ];
    expect(passages.some(isBlocked)).toBe(false);
    const xml =
      writer.header({ idFlux: 'batch-1', at: new Date('2026-12-01T09:00:00Z'), clientId: 'CJDEMO01', contractId: 'MCFCER000123' }) +
      writer.openCertification({ type: 'RS', code: 'RS5302' }) +
      passages.map((p) => writer.passage(p as never)).join('') +
      writer.closeCertification() +
      writer.footer();
    const result = await validateCdcXml(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<cpf:titulaire>');
    expect(xml).toContain('<cpf:dossierFormation><cpf:idDossier>20741258963</cpf:idDossier>');
    expect(xml).toContain('<cpf:nomNaissance>D&apos;ARC &amp; &lt;FILS&gt;</cpf:nomNaissance>');
    for (const nil of ['dateFinValidite', 'scoring', 'mentionValidee', 'nomUsage', 'modaliteAcces']) expect(xml).toContain(`<cpf:${nil} xsi:nil="true"/>`);
    expect(xml).toContain('<cpf:dateDebutValidite>2026-11-20</cpf:dateDebutValidite>');
    expect(xml).toContain('<cpf:codePostalNaissance><cpf:codePostal>75001</cpf:codePostal></cpf:codePostalNaissance>');
    // A file without its nil elements is invalid: they are required.
    expect((await validateCdcXml(xml.replaceAll('<cpf:scoring xsi:nil="true"/>', ''))).valid).toBe(false);
  });
});

describe('births abroad (issue 23)', () => {
  const abroad = { ...complete, birthInseeCode: null, birthPostalCode: null, birthCity: 'Casablanca', birthCountryCode: '99350', birthCountryName: 'Maroc' };

  it('are identified by titulaire with a nil postal code and the country, never blocked for lack of a French commune', () => {
    const identity = resolveIdentity(abroad);
    expect(identity).toMatchObject({ kind: 'titulaire', titulaire: { codeInsee: null, codePostal: null, codePaysNaissance: '350', libellePaysNaissance: 'Maroc', libelleCommuneNaissance: 'Casablanca' } });
    // A country INSEE code given in the commune field is a country too; 99100 is France, not abroad.
    expect(birthCountryOf({ birthInseeCode: '99350', birthCountryCode: null })).toBe('99350');
    expect(birthCountryOf({ birthInseeCode: null, birthCountryCode: '99100' })).toBeNull();
    expect(resolveIdentity({ ...complete, birthInseeCode: '99350', birthPostalCode: null })).toMatchObject({ kind: 'titulaire', titulaire: { codeInsee: null, codePaysNaissance: '350' } });
    // A country name over 60 characters is reported, never cut.
    expect(resolveIdentity({ ...abroad, cpfFileNumber: null, birthCountryName: 'X'.repeat(61) })).toMatchObject({ kind: 'blocked', issues: expect.arrayContaining([{ field: 'birthCountryName', code: 'TOO_LONG', max: 60, length: 61 }]) });
  });

  it('writes a valid file: commune element with a nil postal code, codePaysNaissance and libellePaysNaissance', async () => {
    const writer = cdcWriter('1.1.2');
    const passage = resolvePassage({ ...abroad, passageId: 'p', idTechnique: 'CJ-ABROAD', juryDate: new Date('2026-11-20T11:00:00Z'), accessRoute: null });
    if (isBlocked(passage)) throw new Error('blocked');
    const xml =
      writer.header({ idFlux: 'b', at: new Date('2026-12-01T09:00:00Z'), clientId: 'CJDEMO01', contractId: 'C1' }) +
      writer.openCertification({ type: 'RS', code: 'RS5302' }) +
      writer.passage(passage) +
      writer.closeCertification() +
      writer.footer();
    expect((await validateCdcXml(xml)).errors).toEqual([]);
    expect(xml).toContain('<cpf:codeCommuneNaissance><cpf:codePostalNaissance><cpf:codePostal xsi:nil="true"/></cpf:codePostalNaissance></cpf:codeCommuneNaissance>');
    expect(xml).toContain('<cpf:codePaysNaissance>350</cpf:codePaysNaissance><cpf:libellePaysNaissance>Maroc</cpf:libellePaysNaissance>');
  });
});

describe('values never changed on their way out (issue 23)', () => {
  it('reports a control character or an impossible INSEE code instead of dropping or sending it', () => {
    expect(resolveIdentity({ ...complete, cpfFileNumber: null, birthCity: 'Dijon\u0007' })).toMatchObject({ kind: 'blocked', issues: expect.arrayContaining([{ field: 'birthCity', code: 'INVALID' }]) });
    expect(resolveIdentity({ ...complete, cpfFileNumber: null, birthPostalCode: null, birthInseeCode: '00000' })).toMatchObject({ kind: 'blocked', issues: expect.arrayContaining([{ field: 'birthInseeCode', code: 'INVALID' }]) });
  });

  it('writes urlPreuve (the certificate verification page) and dateFinValidite (jury + validity) when known', async () => {
    const row = { ...complete, passageId: 'p', idTechnique: 'CJ-1', juryDate: new Date('2026-11-30T11:00:00Z'), accessRoute: null, certificateId: 'c-1', validityMonths: 36 };
    const passage = resolvePassage(row, { publicUrl: 'https://certification.example.fr' });
    if (isBlocked(passage)) throw new Error('blocked');
    expect(passage).toMatchObject({ urlPreuve: 'https://certification.example.fr/verify/c-1', dateFinValidite: '2029-11-30' });
    const xml = cdcWriter().passage(passage);
    expect(xml).toContain('<cpf:urlPreuve>https://certification.example.fr/verify/c-1</cpf:urlPreuve>');
    expect(xml).toContain('<cpf:dateFinValidite>2029-11-30</cpf:dateFinValidite>');
    expect(portalValuesOf(passage)).toContainEqual({ element: 'dateFinValidite', value: '2029-11-30' });
    const permanent = resolvePassage({ ...row, certificateId: null, validityMonths: null }, { publicUrl: 'https://certification.example.fr' });
    expect(permanent).toMatchObject({ urlPreuve: null, dateFinValidite: null });
  });
});

describe('processing reports in every documented shape (issue 23)', () => {
  const NS = 'urn:cdc:cpf:pc5:rapport:schema';
  const body = (p: string) =>
    `<${p}nomFichier>f.xml</${p}nomFichier><${p}idFlux>B1</${p}idFlux><${p}idTraitement>T1</${p}idTraitement>` +
    `<${p}PassagesKO><${p}passage><${p}idTechnique>P2</${p}idTechnique><${p}messageErreur>Aucun titulaire ne correspond aux critères obligatoires</${p}messageErreur><${p}messageErreur>Date de naissance incohérente</${p}messageErreur></${p}passage></${p}PassagesKO>` +
    `<${p}PassagesOK><${p}idTechnique>P1</${p}idTechnique></${p}PassagesOK>`;
  const expected = { idFlux: 'B1', idTraitement: 'T1', ok: ['P1'], ko: [{ idTechnique: 'P2', messageErreur: 'Aucun titulaire ne correspond aux critères obligatoires | Date de naissance incohérente' }] };
  const shapes: Record<string, string> = {
    'un-namespaced (seed 002)': `<rapport>${body('')}</rapport>`,
    'default namespace': `<rapport xmlns="${NS}">${body('')}</rapport>`,
    'prefixed throughout': `<r:rapport xmlns:r="${NS}">${body('r:')}</r:rapport>`,
    'prefixed root, unprefixed children': `<?xml version="1.0" encoding="UTF-8"?>\n<cdc:rapport xmlns:cdc="${NS}">${body('')}</cdc:rapport>`,
  };
  for (const [shape, xml] of Object.entries(shapes)) {
    it(`accepts ${shape}, keeping every messageErreur`, () => {
      expect(parseCdcReport(xml)).toMatchObject({ report: expected });
    });
  }

  it('refuses a DOCTYPE, another namespace, a prefix bound elsewhere, naming what it found', () => {
    expect(parseCdcReport(`<?xml version="1.0"?><!DOCTYPE rapport [<!ENTITY x "y">]><rapport>${body('')}</rapport>`)).toEqual({ problems: [{ code: 'DOCTYPE' }] });
    expect(parseCdcReport(`<r:rapport xmlns:r="urn:other">${body('r:')}</r:rapport>`)).toEqual({ problems: [{ code: 'NAMESPACE', found: 'urn:other' }] });
    expect(parseCdcReport(`<r:rapport>${body('r:')}</r:rapport>`)).toMatchObject({ problems: [{ code: 'NAMESPACE', found: 'r:' }] });
    expect(parseCdcReport(`<rapport xmlns="${NS}" xmlns:o="urn:other">${body('o:')}</rapport>`)).toEqual({ problems: [{ code: 'PREFIX', prefix: 'o', found: 'urn:other' }] });
    // Entities are decoded by hand (predefined and character references only).
    expect(parseCdcReport(`<rapport><idFlux>B&amp;1</idFlux><idTraitement>T&#49;</idTraitement></rapport>`)).toMatchObject({ report: { idFlux: 'B&1', idTraitement: 'T1' } });
  });
});

describe('birth communes against the official geographic code (issue 23)', () => {
  it('refuses an unknown INSEE code unless confirmed, derives the label from the code, leaves countries alone', async () => {
    const { checkBirthPlace } = await import('../candidate/candidate.rules.ts');
    const { communeName } = await import('../../lib/communes.ts');
    expect(communeName('21231')).toBe('Dijon');
    expect(communeName('2a004')).toBe('Ajaccio');
    expect(checkBirthPlace({ birthInseeCode: '21231' }, communeName, false)).toEqual({ refusal: null, derivedCity: 'Dijon', confirmedCode: null });
    expect(checkBirthPlace({ birthInseeCode: '21231', birthCity: 'Dijon (Côte-d’Or)' }, communeName, false).derivedCity).toBeNull();
    expect(checkBirthPlace({ birthInseeCode: '75999' }, communeName, false).refusal).toContain('75999');
    expect(checkBirthPlace({ birthInseeCode: '75999' }, communeName, true)).toEqual({ refusal: null, derivedCity: null, confirmedCode: '75999' });
    expect(checkBirthPlace({ birthInseeCode: '99350' }, communeName, false)).toEqual({ refusal: null, derivedCity: null, confirmedCode: null });
  });
});

describe('report text (issue 23)', () => {
  it('decodes UTF-8 (BOM dropped) and Latin-1 reports by their XML declaration', () => {
    expect(decodeReport(Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?><rapport>é</rapport>', 'utf8'))).toBe('<?xml version="1.0" encoding="UTF-8"?><rapport>é</rapport>');
    expect(decodeReport(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rapport>critères</rapport>', 'latin1'))).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><rapport>critères</rapport>');
  });
});
