// Transmission of holders to the Caisse des Dépôts, through a real server on the demo data: admin-only access,
// settings, the export preview with blocked passages and their reasons, an XSD-valid export (xmllint-wasm)
// with holders identified by titulaire and by dossierFormation, report import (OK, KO, unknown idTechnique,
// duplicate), correction and re-sending of KO passages only, deadlines, and the `pnpm cdc:export` CLI.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { databaseUrl, titled } from '../support/environment.ts';
import { validateCdcXml } from '../support/xsd.ts';

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startIsolatedServer();
  for (const who of ['admin', 'partner-a', 'juror1']) tokens[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
});
afterAll(() => server?.stop());

const admin = <T = any>(query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql<T>(server.graphqlUrl, query, variables, { token: tokens.admin, locale });

const PASSAGE = `id idTechnique status juryDate transmitBy daysLeft late atRisk acceptedAt rejectionMessage
  identification { kind issues { field code } }
  candidate { birthName firstName }`;

interface Passage {
  id: string;
  idTechnique: string;
  status: string;
  juryDate: string;
  transmitBy: string;
  daysLeft: number | null;
  late: boolean;
  atRisk: boolean;
  acceptedAt: string | null;
  rejectionMessage: string | null;
  identification: { kind: string; issues: { field: string; code: string }[] };
  candidate: { birthName: string; firstName: string };
}

async function passages(): Promise<Record<string, Passage>> {
  const result = await admin<{ cdcPassages: { edges: { node: Passage }[] } }>(`{ cdcPassages(first: 100) { edges { node { ${PASSAGE} } } } }`);
  expect(result.errors).toBeUndefined();
  return Object.fromEntries(result.data!.cdcPassages.edges.map(({ node }) => [node.candidate.birthName, node]));
}

const EXPORT = `mutation { exportCdcBatch { blockedCount blocked { idTechnique missingForTitulaire missingForDossier message }
  batch { id fileName passageCount schemaVersion sha256 sizeBytes downloadPath xml } } }`;

const report = (idFlux: string, idTraitement: string, ok: string[], ko: [string, string][]) => `<?xml version="1.0" encoding="UTF-8"?>
<rapport xmlns="urn:cdc:cpf:pc5:rapport:schema">
  <nomFichier>export.xml</nomFichier>
  <idFlux>${idFlux}</idFlux>
  <idTraitement>${idTraitement}</idTraitement>
  <PassagesKO>${ko.map(([id, message]) => `<passage><idTechnique>${id}</idTechnique><messageErreur>${message}</messageErreur></passage>`).join('')}</PassagesKO>
  <PassagesOK>${ok.map((id) => `<idTechnique>${id}</idTechnique>`).join('')}</PassagesOK>
</rapport>`;

const IMPORT = `mutation ($xml: String!) { importCdcReport(xml: $xml) { duplicate
  summary { accepted rejected unknownCount unknown { idTechnique reason message } }
  batch { id reportIdTraitement reportImportedAt reportXml } } }`;

describe('CDC transmission', () => {
  let first: { id: string; xml: string; downloadPath: string };
  let byName: Record<string, Passage>;

  it('is for admins only', async () => {
    for (const who of ['partner-a', 'juror1']) {
      for (const query of ['{ cdcExportPreview { ready } }', 'mutation { exportCdcBatch { blockedCount } }', '{ cdcDeadlines { late } }', '{ cdcPassages { edges { node { id } } } }']) {
        const result = await gql(server.graphqlUrl, query, undefined, { token: tokens[who] });
        expect(result.errors?.[0]?.extensions?.code, `${who}: ${query}`).toBe('FORBIDDEN');
      }
    }
  });

  it('validates the CDC settings (client id of exactly 8 characters), in both languages', async () => {
    const bad = await admin(`mutation { updateCdcSettings(clientId: "ABC", contractId: "") { clientId } }`, undefined, 'en');
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(bad.errors?.[0]?.extensions?.fields.map((f: { path: string[] }) => f.path[0])).toEqual(['clientId', 'contractId']);
    expect(bad.errors?.[0]?.message).toContain('exactly 8 characters');
    const fr = await admin(`mutation { updateCdcSettings(clientId: "ABC", contractId: "X") { clientId } }`);
    expect(fr.errors?.[0]?.message).toContain('exactement 8 caractères');
    const ok = await admin(`mutation { updateCdcSettings(clientId: " CJDEMO02 ", contractId: "MCFCER000124") { clientId contractId schemaVersion } }`);
    expect(ok.data?.updateCdcSettings).toEqual({ clientId: 'CJDEMO02', contractId: 'MCFCER000124', schemaVersion: '1.1.2' });
  });

  it('tracks the 3-month deadline of each passage', async () => {
    byName = await passages();
    expect(Object.keys(byName).sort()).toEqual(['FONTAINE', 'HADDAD', 'MOREAU', 'SIMON']);
    for (const passage of Object.values(byName)) {
      const jury = new Date(passage.juryDate);
      const expected = new Date(jury);
      expected.setUTCMonth(expected.getUTCMonth() + 3);
      expect(Math.abs(new Date(passage.transmitBy).getTime() - expected.getTime())).toBeLessThanOrEqual(3 * 86_400_000 + 3600_000);
      expect(passage.daysLeft).toBe(Math.floor((new Date(passage.transmitBy).getTime() - Date.now()) / 86_400_000));
      expect(passage.atRisk).toBe(passage.daysLeft! < 30);
      expect(passage.late).toBe(false);
    }
    const deadlines = await admin('{ cdcDeadlines { pending sent accepted rejected atRisk late } }');
    expect(deadlines.data?.cdcDeadlines).toMatchObject({ pending: 4, sent: 0, accepted: 0, rejected: 0, late: 0 });
    const atRisk = await admin('{ cdcPassages(atRisk: true) { edges { node { id atRisk } } } }');
    expect(atRisk.data?.cdcPassages.edges.every((e: { node: { atRisk: boolean } }) => e.node.atRisk)).toBe(true);
  });

  it('previews the export: incomplete identities are listed with exactly what is missing', async () => {
    const preview = await admin(`{ cdcExportPreview { ready blockedCount settingsIssues { field } blocked { idTechnique missingForTitulaire missingForDossier issues { field code } message passage { id } } } }`);
    expect(preview.errors).toBeUndefined();
    const p = preview.data!.cdcExportPreview;
    expect(p).toMatchObject({ ready: 3, blockedCount: 1, settingsIssues: [] });
    expect(p.blocked[0]).toMatchObject({
      idTechnique: byName.SIMON.idTechnique,
      missingForTitulaire: ['birthInseeCode|birthPostalCode'],
      missingForDossier: ['cpfFileNumber'],
      passage: { id: byName.SIMON.id },
    });
    expect(p.blocked[0].message).toContain('code INSEE ou code postal de la commune de naissance');
    expect(byName.SIMON.identification.kind).toBe('BLOCKED');
    expect(byName.MOREAU.identification.kind).toBe('DOSSIER_FORMATION');
    expect(byName.HADDAD.identification.kind).toBe('TITULAIRE');
  });

  it('exports one XSD-valid file with holders identified both ways and the nil elements, nothing for blocked ones', async () => {
    const result = await admin(EXPORT);
    expect(result.errors).toBeUndefined();
    const exported = result.data!.exportCdcBatch;
    expect(exported).toMatchObject({ blockedCount: 1, batch: { passageCount: 3, schemaVersion: '1.1.2' } });
    expect(exported.blocked[0].idTechnique).toBe(byName.SIMON.idTechnique);
    first = exported.batch;
    const xml = first.xml;
    const validation = await validateCdcXml(xml);
    expect(validation.errors).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(xml).toContain(`<cpf:idFlux>${first.id}</cpf:idFlux>`);
    expect(xml).toContain('<cpf:idClient>CJDEMO02</cpf:idClient>');
    expect(xml).toContain('<cpf:idContrat>MCFCER000124</cpf:idContrat>');
    expect(xml.match(/<cpf:certification>/g)).toHaveLength(1);
    expect(xml).toContain('<cpf:type>RS</cpf:type><cpf:code>RS5302</cpf:code>');
    expect(xml.match(/<cpf:titulaire>/g)).toHaveLength(2);
    expect(xml).toContain('<cpf:dossierFormation><cpf:idDossier>20741258963</cpf:idDossier><cpf:nomTitulaire>MOREAU</cpf:nomTitulaire><cpf:prenom1Titulaire>Maxime</cpf:prenom1Titulaire></cpf:dossierFormation>');
    expect(xml).toContain('<cpf:nomUsage>LAURENT</cpf:nomUsage>');
    expect(xml).toContain('<cpf:nomUsage xsi:nil="true"/>');
    for (const nil of ['dateFinValidite', 'scoring', 'mentionValidee']) expect(xml.split(`<cpf:${nil} xsi:nil="true"/>`)).toHaveLength(4);
    expect(xml).toContain('<cpf:obtentionCertification>PAR_ADMISSION</cpf:obtentionCertification>');
    expect(xml).toContain(`<cpf:dateDebutValidite>${new Date(byName.HADDAD.juryDate).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' })}</cpf:dateDebutValidite>`);
    expect(xml).not.toContain(byName.SIMON.idTechnique);
    expect(xml).not.toContain('SIMON');

    // The same file is downloadable by admins only.
    const download = await fetch(`${server.url}${first.downloadPath}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/xml');
    expect(await download.text()).toBe(xml);
    expect((await fetch(`${server.url}${first.downloadPath}`, { headers: { authorization: `Bearer ${tokens['partner-a']}` } })).status).toBe(403);
    expect((await fetch(`${server.url}${first.downloadPath}`)).status).toBe(401);

    byName = await passages();
    expect([byName.HADDAD, byName.FONTAINE, byName.MOREAU].map((p) => p.status)).toEqual(['SENT', 'SENT', 'SENT']);
    expect(byName.SIMON.status).toBe('PENDING');
    // The deadline runs until the CDC accepts: sent, the passage still counts its days, and its age awaiting the report.
    expect(byName.HADDAD.daysLeft).toBe(Math.floor((new Date(byName.HADDAD.transmitBy).getTime() - Date.now()) / 86_400_000));
  });

  it('does not export twice what is already sent', async () => {
    const again = await admin(EXPORT);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CDC_NOTHING_TO_EXPORT', blockedCount: 1 });
  });

  it('imports the processing report: OK accepted, KO rejected with the message, unknown reported; twice changes nothing', async () => {
    const xml = report(first.id, 'TRT-0001', [byName.HADDAD.idTechnique, byName.MOREAU.idTechnique, 'CJ-UNKNOWN'], [[byName.FONTAINE.idTechnique, 'Plusieurs titulaires ont été identifiés']]);
    const result = await admin(IMPORT, { xml });
    expect(result.errors).toBeUndefined();
    expect(result.data!.importCdcReport).toMatchObject({
      duplicate: false,
      summary: { accepted: 2, rejected: 1, unknownCount: 1, unknown: [{ idTechnique: 'CJ-UNKNOWN', reason: 'UNKNOWN_ID', message: 'identifiant technique inconnu' }] },
      batch: { id: first.id, reportIdTraitement: 'TRT-0001', reportXml: xml },
    });
    byName = await passages();
    expect(byName.HADDAD.status).toBe('ACCEPTED');
    expect(byName.HADDAD.acceptedAt).not.toBeNull();
    expect(byName.MOREAU.status).toBe('ACCEPTED');
    expect(byName.FONTAINE).toMatchObject({ status: 'REJECTED', rejectionMessage: 'Plusieurs titulaires ont été identifiés', atRisk: false });

    const history = `{ cdcBatch(id: "${first.id}") { events { kind } } }`;
    const before = (await admin(history)).data!.cdcBatch.events.length;
    const duplicate = await admin(IMPORT, { xml });
    expect(duplicate.errors).toBeUndefined();
    expect(duplicate.data!.importCdcReport).toMatchObject({ duplicate: true, summary: { accepted: 2, rejected: 1, unknownCount: 1 } });
    expect((await admin(history)).data!.cdcBatch.events.length).toBe(before);
    expect(await passages()).toEqual(byName);

    // A report for no exported batch, or not a CDC report at all, is refused with its reason.
    const unknownFlux = await admin(IMPORT, { xml: report('no-such-flux', 'TRT-9', [], []) });
    expect(unknownFlux.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['xml', 'idFlux'] }] });
    const notAReport = await admin(IMPORT, { xml: '<flux xmlns="urn:cdc:cpf:pc5:schema:1.0.0"/>' });
    expect(notAReport.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('re-sends only the KO and corrected passages; an OK passage is never sent again', async () => {
    const CORRECT = `mutation ($id: ID!, $identity: CdcIdentityInput) { correctCdcPassage(passageId: $id, identity: $identity) { ${PASSAGE} } }`;
    const accepted = await admin(CORRECT, { id: byName.HADDAD.id });
    expect(accepted.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', state: 'ACCEPTED' });
    // Still incomplete: refused with what is missing.
    const incomplete = await admin(CORRECT, { id: byName.SIMON.id, identity: { birthCity: 'Dijon' } });
    expect(incomplete.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(incomplete.errors?.[0]?.extensions?.fields).toContainEqual({ path: ['identity', 'birthInseeCode|birthPostalCode'], message: expect.any(String) });
    const invalid = await admin(CORRECT, { id: byName.SIMON.id, identity: { birthInseeCode: '123' } });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');

    const simon = await admin(CORRECT, { id: byName.SIMON.id, identity: { birthInseeCode: '21231', birthPostalCode: '21000' } });
    expect(simon.errors).toBeUndefined();
    expect(simon.data!.correctCdcPassage).toMatchObject({ status: 'PENDING', identification: { kind: 'TITULAIRE', issues: [] } });
    const fontaine = await admin(CORRECT, { id: byName.FONTAINE.id, identity: { firstName2: 'Anne' } });
    expect(fontaine.errors).toBeUndefined();
    expect(fontaine.data!.correctCdcPassage).toMatchObject({ status: 'PENDING', rejectionMessage: null });

    const second = await admin(EXPORT);
    expect(second.errors).toBeUndefined();
    const batch = second.data!.exportCdcBatch.batch;
    expect(second.data!.exportCdcBatch.blockedCount).toBe(0);
    expect(batch.passageCount).toBe(2);
    expect((await validateCdcXml(batch.xml)).valid).toBe(true);
    expect(batch.xml).toContain(byName.FONTAINE.idTechnique);
    expect(batch.xml).toContain(byName.SIMON.idTechnique);
    expect(batch.xml).toContain('<cpf:prenom2>Anne</cpf:prenom2>');
    expect(batch.xml).not.toContain(byName.HADDAD.idTechnique);
    expect(batch.xml).not.toContain(byName.MOREAU.idTechnique);

    // Each passage's history and the batches stay visible.
    const history = await admin(`{ cdcPassages(first: 10, status: SENT) { edges { node { idTechnique lastBatch { id } events { kind message batch { id } } } } } }`);
    const fontaineHistory = history.data!.cdcPassages.edges.find((e: any) => e.node.idTechnique === byName.FONTAINE.idTechnique).node;
    expect(fontaineHistory.lastBatch.id).toBe(batch.id);
    expect(fontaineHistory.events.map((e: { kind: string }) => e.kind)).toEqual(['SENT', 'REJECTED', 'CORRECTED', 'SENT']);
    expect(fontaineHistory.events[1]).toMatchObject({ message: 'Plusieurs titulaires ont été identifiés', batch: { id: first.id } });
    const batches = await admin(`{ cdcBatches(first: 10) { edges { node { id passageCount reportIdTraitement report { accepted rejected } } } } }`);
    expect(batches.data!.cdcBatches.edges.map((e: any) => e.node)).toEqual([
      { id: batch.id, passageCount: 2, reportIdTraitement: null, report: null },
      { id: first.id, passageCount: 3, reportIdTraitement: 'TRT-0001', report: { accepted: 2, rejected: 1 } },
    ]);
  });
});


// ───────────────────────────── Issue 23: the CDC as it really receives ─────────────────────────────

const REPORT_NS = 'urn:cdc:cpf:pc5:rapport:schema';
/** Report fixtures in every documented shape. */
const reportIn = (shape: 'seed002' | 'unnamespaced' | 'default' | 'prefixed' | 'prefixedRoot', idFlux: string, idTraitement: string, ok: string[], ko: [string, string[]][]) => {
  const p = shape === 'prefixed' ? 'r:' : '';
  const root = { seed002: `rapport xmlns="${REPORT_NS}"`, unnamespaced: 'rapport', default: `rapport xmlns="${REPORT_NS}"`, prefixed: `r:rapport xmlns:r="${REPORT_NS}"`, prefixedRoot: `cdc:rapport xmlns:cdc="${REPORT_NS}"` }[shape];
  const close = { seed002: 'rapport', unnamespaced: 'rapport', default: 'rapport', prefixed: 'r:rapport', prefixedRoot: 'cdc:rapport' }[shape];
  // Seed 002 shows the KO lines as plain, un-namespaced elements inside the report.
  const line = shape === 'seed002' ? '<passage xmlns="">' : `<${p}passage>`;
  const kos = ko
    .map(([id, messages]) => `${line}<${shape === 'seed002' ? '' : p}idTechnique>${id}</${shape === 'seed002' ? '' : p}idTechnique>${messages.map((m) => `<${shape === 'seed002' ? '' : p}messageErreur>${m}</${shape === 'seed002' ? '' : p}messageErreur>`).join('')}</${shape === 'seed002' ? '' : p}passage>`)
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root}>
  <${p}nomFichier>cdc-export.xml</${p}nomFichier>
  <${p}idFlux>${idFlux}</${p}idFlux>
  <${p}idTraitement>${idTraitement}</${p}idTraitement>
  <${p}PassagesKO>
    ${kos}
  </${p}PassagesKO>
  <${p}PassagesOK>${ok.map((id) => `<${p}idTechnique>${id}</${p}idTechnique>`).join('')}</${p}PassagesOK>
</${close}>`;
};

/** POST /uploads/cdc-report, multipart, as the client's CDC page sends it. */
async function uploadReport(url: string, xml: string, token?: string, locale = 'fr') {
  const form = new FormData();
  form.append('file', new Blob([xml], { type: 'application/xml' }), 'rapport.xml');
  const response = await fetch(`${url}/uploads/cdc-report`, { method: 'POST', headers: { 'accept-language': locale, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

const PASSAGE23 = `${PASSAGE} sentAt awaitingReportDays portalAction portalActionReason portalActionMessage portalValues { element value }
  attempt { id certification { id } certificates { id } } events { kind message batch { id } }`;

describe('CDC transmission as the CDC really receives it (issue 23)', () => {
  let list: Record<string, any>;
  const refresh = async () => {
    const result = await admin(`{ cdcPassages(first: 100) { edges { node { ${PASSAGE23} } } } }`);
    expect(result.errors).toBeUndefined();
    list = Object.fromEntries(result.data!.cdcPassages.edges.map(({ node }: any) => [node.candidate.birthName, node]));
    return list;
  };
  const latestBatch = async () => (await admin(`{ cdcBatches(first: 1) { edges { node { id passageCount xml exportId } } } }`)).data!.cdcBatches.edges[0].node;

  it('keeps counting the deadline of sent passages and shows their age awaiting the report', async () => {
    await refresh();
    expect(list.FONTAINE.status).toBe('SENT');
    expect(list.FONTAINE.daysLeft).toBe(Math.floor((new Date(list.FONTAINE.transmitBy).getTime() - Date.now()) / 86_400_000));
    expect(list.FONTAINE.awaitingReportDays).toBe(0);
    expect(list.HADDAD.awaitingReportDays).toBeNull();
    const deadlines = await admin('{ cdcDeadlines { sent awaitingReport oldestAwaitingDays late portalActions } }');
    expect(deadlines.data!.cdcDeadlines).toMatchObject({ sent: 2, awaitingReport: 2, oldestAwaitingDays: 0, late: 0, portalActions: 0 });
  });

  it('takes the report file over HTTP (multipart), in the seed 002 shape, keeping every messageErreur; refuses DOCTYPE, foreign namespaces and non-admins', async () => {
    const batch = await latestBatch();
    const xml = reportIn('seed002', batch.id, 'TRT-0002', [list.FONTAINE.idTechnique], [[list.SIMON.idTechnique, ['Aucun titulaire ne correspond aux critères obligatoires', 'Date de naissance incohérente']]]);
    expect((await uploadReport(server.url, xml)).status).toBe(401);
    expect((await uploadReport(server.url, xml, tokens['partner-a'])).status).toBe(403);
    const doctype = await uploadReport(server.url, xml.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE rapport [<!ENTITY e SYSTEM "file:///etc/passwd">]>'), tokens.admin);
    expect(doctype.status).toBe(400);
    expect(doctype.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(doctype.body.errors[0].extensions.fields[0].message).toContain('DOCTYPE');
    const foreign = await uploadReport(server.url, xml.replace(`xmlns="${REPORT_NS}"`, 'xmlns="urn:other"'), tokens.admin, 'en');
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].extensions.fields[0].message).toBe('Unexpected namespace "urn:other" (expected: urn:cdc:cpf:pc5:rapport:schema).');
    const notXml = await uploadReport(server.url, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n', tokens.admin);
    expect([400, 415]).toContain(notXml.status);

    const imported = await uploadReport(server.url, xml, tokens.admin);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ batchId: batch.id, duplicate: false, summary: { accepted: 1, rejected: 1, unknownCount: 0 } });
    await refresh();
    expect(list.FONTAINE.status).toBe('ACCEPTED');
    expect(list.SIMON).toMatchObject({ status: 'REJECTED', rejectionMessage: 'Aucun titulaire ne correspond aux critères obligatoires | Date de naissance incohérente' });
    const again = await uploadReport(server.url, xml, tokens.admin);
    expect(again.body).toMatchObject({ duplicate: true });
  });

  it('sends people born abroad as titulaire: nil postal code, codePaysNaissance and libellePaysNaissance; dateFinValidite follows the validity period', async () => {
    const CORRECT = `mutation ($id: ID!, $identity: CdcIdentityInput) { correctCdcPassage(passageId: $id, identity: $identity) { ${PASSAGE} } }`;
    const france = await admin(CORRECT, { id: list.SIMON.id, identity: { birthCountryCode: '99100' } });
    expect(france.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const tooLong = await admin(CORRECT, { id: list.SIMON.id, identity: { birthCity: 'C'.repeat(61) } });
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const control = await admin(CORRECT, { id: list.SIMON.id, identity: { birthCity: 'Dijon\u0007' } });
    expect(control.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const abroad = await admin(CORRECT, { id: list.SIMON.id, identity: { birthInseeCode: null, birthPostalCode: null, birthCity: 'Casablanca', birthCountryCode: '99350', birthCountryName: 'Maroc' } });
    expect(abroad.errors).toBeUndefined();
    expect(abroad.data!.correctCdcPassage).toMatchObject({ status: 'PENDING', identification: { kind: 'TITULAIRE', issues: [] } });

    // The certification has a validity period of 3 years: dateFinValidite = jury date + 36 months.
    const certificationId = list.SIMON.attempt.certification.id;
    const current = await admin(`{ certifications { id version } }`);
    const updated = await admin(`mutation ($id: ID!, $version: Int!) { updateCertification(id: $id, version: $version, input: { validityMonths: 36 }) { id validityMonths } }`, {
      id: certificationId,
      version: current.data!.certifications.find((c: any) => c.id === certificationId).version,
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateCertification.validityMonths).toBe(36);

    const exported = await admin(`mutation { exportCdcBatch { batch { id xml passageCount } batches { id } } }`);
    expect(exported.errors).toBeUndefined();
    const { xml, passageCount } = exported.data!.exportCdcBatch.batch;
    expect(passageCount).toBe(1);
    expect((await validateCdcXml(xml)).errors).toEqual([]);
    expect(xml).toContain('<cpf:codeCommuneNaissance><cpf:codePostalNaissance><cpf:codePostal xsi:nil="true"/></cpf:codePostalNaissance></cpf:codeCommuneNaissance>');
    expect(xml).toContain('<cpf:libelleCommuneNaissance>Casablanca</cpf:libelleCommuneNaissance><cpf:codePaysNaissance>350</cpf:codePaysNaissance><cpf:libellePaysNaissance>Maroc</cpf:libellePaysNaissance>');
    const jury = new Date(list.SIMON.juryDate);
    const end = new Date(jury);
    end.setUTCFullYear(end.getUTCFullYear() + 3);
    expect(xml).toContain(`<cpf:dateFinValidite>${end.toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' })}</cpf:dateFinValidite>`);
  });

  it('collects the birth country at registration, with the CDC limits at entry', async () => {
    const REGISTER = `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id birthInseeCode } }`;
    const base = { certificationCode: 'RS5302', email: 'ne.a.rabat@example.fr', birthName: 'BENANI', firstName: 'Youssef', birthDate: '1991-05-04T00:00:00.000Z', sex: 'M' };
    const as = (input: Record<string, unknown>) => gql(server.graphqlUrl, REGISTER, { input }, { token: tokens['partner-a'] });
    for (const bad of [{ birthCountryCode: '99100' }, { birthCountryCode: '350' }, { birthInseeCode: '00000' }, { birthCity: 'R'.repeat(61) }, { birthCountryName: 'Maroc\u0001' }]) {
      const refused = await as({ ...base, fileNumber: `ABROAD-BAD-${Object.keys(bad)[0]}`, ...bad });
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(bad)).toBe('VALIDATION_FAILED');
    }
    const ok = await as({ ...base, fileNumber: 'ABROAD-1', birthCity: 'Rabat', birthCountryCode: '99350', birthCountryName: 'Maroc' });
    expect(ok.errors).toBeUndefined();
  });

  it('checks birth communes against the official geographic code: unknown refused unless an admin confirms it, the label derived from the code', async () => {
    const REGISTER = `mutation ($input: RegisterCandidateInput!, $partnerId: ID) { registerCandidate(input: $input, partnerId: $partnerId) { id birthInseeCode birthCity partner { id } } }`;
    const base = { certificationCode: 'RS5302', email: 'ne.a.dijon@example.fr', birthName: 'MOREL', firstName: 'Léa', birthDate: '1992-05-04T00:00:00.000Z', sex: 'F' };
    const partner = (input: Record<string, unknown>) => gql<any>(server.graphqlUrl, REGISTER, { input }, { token: tokens['partner-a'] });
    const derived = await partner({ ...base, fileNumber: 'GEO-1', birthInseeCode: '21231' });
    expect(derived.errors).toBeUndefined();
    expect(derived.data!.registerCandidate).toMatchObject({ birthInseeCode: '21231', birthCity: 'Dijon' });
    // An arrondissement code is in the official code too.
    expect((await partner({ ...base, fileNumber: 'GEO-2', birthInseeCode: '75115' })).data!.registerCandidate.birthCity).toBe('Paris 15e Arrondissement');
    const unknown = await partner({ ...base, fileNumber: 'GEO-3', birthInseeCode: '75999' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: ['birthInseeCode'] }] });
    expect(unknown.errors?.[0]?.extensions?.fields[0].message).toContain("Le code INSEE 75999 n'existe pas dans le code officiel géographique");
    expect((await partner({ ...base, fileNumber: 'GEO-3', birthInseeCode: '75999', birthPlaceConfirmed: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const confirmed = await gql<any>(server.graphqlUrl, REGISTER, { input: { ...base, fileNumber: 'GEO-3', birthInseeCode: '75999', birthCity: 'Ancienne commune', birthPlaceConfirmed: true }, partnerId: derived.data!.registerCandidate.partner.id }, { token: tokens.admin });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.registerCandidate).toMatchObject({ birthInseeCode: '75999', birthCity: 'Ancienne commune' });
    const audit = await admin(`{ auditEntries(entityType: "Candidate", entityId: "${confirmed.data!.registerCandidate.id}") { action data } }`);
    expect(audit.data!.auditEntries[0]).toMatchObject({ action: 'candidate.registered', data: { birthPlaceConfirmed: '75999' } });
  });

  it('lets the admin mark a whole file rejected by the CDC: its passages go back to the queue, its report is refused', async () => {
    const batch = await latestBatch();
    const REJECT = `mutation ($id: ID!, $message: String!) { rejectCdcBatch(batchId: $id, message: $message) { id rejectedAt rejectionMessage } }`;
    expect((await admin(REJECT, { id: batch.id, message: '  ' })).errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const rejected = await admin(REJECT, { id: batch.id, message: 'Fichier rejeté : contrat inconnu' });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.rejectCdcBatch).toMatchObject({ id: batch.id, rejectionMessage: 'Fichier rejeté : contrat inconnu' });
    expect((await admin(REJECT, { id: batch.id, message: 'encore' })).errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    await refresh();
    expect(list.SIMON).toMatchObject({ status: 'PENDING', rejectionMessage: 'Fichier rejeté : contrat inconnu', awaitingReportDays: null });
    expect(list.SIMON.events.map((e: any) => e.kind)).toContain('BATCH_REJECTED');
    const late = await uploadReport(server.url, reportIn('default', batch.id, 'TRT-LATE', [list.SIMON.idTechnique], []), tokens.admin);
    expect(late.status).toBe(409);
    expect(late.body.errors[0].extensions).toMatchObject({ code: 'INVALID_STATE', state: 'BATCH_REJECTED' });

    // Sent again in the next export, and accepted by a report whose root is prefixed and children are not.
    const again = await admin(`mutation { exportCdcBatch { batch { id xml } } }`);
    expect(again.errors).toBeUndefined();
    expect(again.data!.exportCdcBatch.batch.xml).toContain(list.SIMON.idTechnique);
    const ok = await uploadReport(server.url, reportIn('prefixedRoot', again.data!.exportCdcBatch.batch.id, 'TRT-0004', [list.SIMON.idTechnique], []), tokens.admin);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.summary).toMatchObject({ accepted: 1 });
  });

  it('puts accepted passages that change on the portal worklist with the exact values; the admin records it done', async () => {
    await refresh();
    const CORRECT = `mutation ($id: ID!, $identity: CdcIdentityInput) { correctCdcPassage(passageId: $id, identity: $identity) { id } }`;
    // Identity rectified after acceptance: to MODIFY on the CDC portal.
    const rectified = await admin(CORRECT, { id: list.HADDAD.id, identity: { usageName: 'MARTIN' } });
    expect(rectified.errors).toBeUndefined();
    await refresh();
    expect(list.HADDAD).toMatchObject({ status: 'ACCEPTED', portalAction: 'MODIFY', portalActionReason: 'IDENTITY_RECTIFIED' });
    expect(list.HADDAD.portalActionMessage).toBe('à modifier sur le portail de la CDC : identité du titulaire rectifiée');
    expect(list.HADDAD.portalValues).toContainEqual({ element: 'idTechnique', value: list.HADDAD.idTechnique });
    expect(list.HADDAD.portalValues).toContainEqual({ element: 'nomUsage', value: 'MARTIN' });
    const worklist = await admin(`{ cdcPassages(first: 10, portalWorklist: true) { edges { node { idTechnique } } } }`);
    expect(worklist.data!.cdcPassages.edges.map((e: any) => e.node.idTechnique)).toEqual([list.HADDAD.idTechnique]);
    expect((await admin('{ cdcDeadlines { portalActions } }')).data!.cdcDeadlines.portalActions).toBe(1);

    const RECORD = `mutation ($id: ID!) { recordCdcPortalAction(passageId: $id, note: "fait le jour même") { status portalAction events { kind message } } }`;
    const done = await admin(RECORD, { id: list.HADDAD.id });
    expect(done.errors).toBeUndefined();
    expect(done.data!.recordCdcPortalAction).toMatchObject({ status: 'ACCEPTED', portalAction: null });
    expect(done.data!.recordCdcPortalAction.events.map((e: any) => e.kind)).toEqual(['SENT', 'ACCEPTED', 'CORRECTED', 'TO_MODIFY', 'PORTAL_MODIFIED']);
    expect((await admin(RECORD, { id: list.HADDAD.id })).errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    const audit = await admin(`{ auditEntries(entityType: "CdcPassage", entityId: "${list.HADDAD.id}") { action } }`);
    expect(audit.data!.auditEntries.map((e: any) => e.action)).toEqual(['cdc.passageCorrected', 'cdc.portalModified']);

    // A certificate revoked after acceptance: to DELETE on the portal; recorded, the passage is withdrawn.
    const holder = Object.values(list).find((p: any) => p.status === 'ACCEPTED' && p.attempt.certificates.length > 0) as any;
    expect(holder, 'an accepted passage whose holder has a certificate').toBeDefined();
    // urlPreuve: the public verification page of the holder's certificate was sent.
    const batches = await admin(`{ cdcBatches(first: 20) { edges { node { xml } } } }`);
    const sentWith = batches.data!.cdcBatches.edges.map((e: any) => e.node.xml as string).find((x: string) => x.includes(holder.idTechnique));
    expect(sentWith).toContain(`/verify/${holder.attempt.certificates[0].id}</cpf:urlPreuve>`);
    const revoked = await admin(`mutation ($id: ID!) { revokeCertificate(id: $id, reason: "Fraude avérée") { id } }`, { id: holder.attempt.certificates[0].id });
    expect(revoked.errors).toBeUndefined();
    await refresh();
    const after = Object.values(list).find((p: any) => p.id === holder.id) as any;
    expect(after).toMatchObject({ status: 'ACCEPTED', portalAction: 'DELETE', portalActionReason: 'CERTIFICATE_REVOKED', portalValues: [{ element: 'idTechnique', value: holder.idTechnique }] });
    const deleted = await admin(RECORD, { id: holder.id });
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data!.recordCdcPortalAction).toMatchObject({ status: 'WITHDRAWN', portalAction: null });
    expect(deleted.data!.recordCdcPortalAction.events.map((e: any) => e.kind).slice(-2)).toEqual(['TO_DELETE', 'PORTAL_DELETED']);
  });
});

describe('CDC files split by size, and the report size limit (issue 23)', () => {
  let small: TestServer;
  let token: string;
  beforeAll(async () => {
    small = await startIsolatedServer({ env: { CDC_MAX_PASSAGES_PER_FILE: '2', CDC_REPORT_MAX_BYTES: '4096' } });
    token = await loginAs(small.graphqlUrl, 'admin@demo.certijury.fr');
  });
  afterAll(() => small?.stop());

  it('splits an export into files of at most N passages, each with its own idFlux, all valid and listed', async () => {
    const exported = await gql<any>(small.graphqlUrl, `mutation { exportCdcBatch { blockedCount batch { id } batches { id exportId passageCount xml } } }`, {}, { token });
    expect(exported.errors).toBeUndefined();
    const files = exported.data!.exportCdcBatch.batches;
    expect(files.map((f: any) => f.passageCount)).toEqual([2, 1]);
    expect(new Set(files.map((f: any) => f.exportId)).size).toBe(1);
    expect(new Set(files.map((f: any) => f.id)).size).toBe(2);
    for (const file of files) {
      expect((await validateCdcXml(file.xml)).errors).toEqual([]);
      expect(file.xml).toContain(`<cpf:idFlux>${file.id}</cpf:idFlux>`);
    }
    const listed = await gql<any>(small.graphqlUrl, `{ cdcBatches(first: 10) { edges { node { id exportId } } } }`, {}, { token });
    expect(listed.data!.cdcBatches.edges).toHaveLength(2);
  });

  it('a passage not accepted yet follows a revoked certificate by itself: a KO report withdraws it, it is never sent again', async () => {
    const listed = await gql<any>(small.graphqlUrl, `{ cdcPassages(first: 10, status: SENT) { edges { node { id idTechnique status lastBatch { id } attempt { certificates { id } } } } } }`, {}, { token });
    const holder = listed.data!.cdcPassages.edges.map((e: any) => e.node).find((p: any) => p.attempt.certificates.length > 0);
    expect(holder, 'a sent passage whose holder has a certificate').toBeDefined();
    const revoked = await gql<any>(small.graphqlUrl, `mutation ($id: ID!) { revokeCertificate(id: $id, reason: "Fraude avérée") { id } }`, { id: holder.attempt.certificates[0].id }, { token });
    expect(revoked.errors).toBeUndefined();
    const PASSAGES = `{ cdcPassages(first: 10) { edges { node { id status portalAction events { kind } } } } }`;
    const find = async () => (await gql<any>(small.graphqlUrl, PASSAGES, {}, { token })).data!.cdcPassages.edges.map((e: any) => e.node).find((p: any) => p.id === holder.id);
    // Still awaiting its report: marked for deletion should the CDC accept it.
    expect(await find()).toMatchObject({ status: 'SENT', portalAction: 'DELETE' });
    const report = reportIn('prefixed', holder.lastBatch.id, 'TRT-S1', [], [[holder.idTechnique, ['Aucun titulaire ne correspond aux critères obligatoires']]]);
    const answer = await uploadReport(small.url, report, token);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const after = await find();
    expect(after).toMatchObject({ status: 'WITHDRAWN', portalAction: null });
    expect(after.events.map((e: any) => e.kind)).toEqual(['SENT', 'TO_DELETE', 'REJECTED', 'WITHDRAWN']);
    const CORRECT = `mutation ($id: ID!) { correctCdcPassage(passageId: $id, identity: { firstName2: "Anne" }) { id } }`;
    expect((await gql<any>(small.graphqlUrl, CORRECT, { id: holder.id }, { token })).errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });

  it('refuses a report over CDC_REPORT_MAX_BYTES with 413', async () => {
    const big = reportIn('default', 'x', 'T', Array.from({ length: 200 }, (_, i) => `CJ-${i}`), []);
    const answer = await uploadReport(small.url, big, token);
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

// The command always runs on its own embedded database here (DATABASE_URL cleared): once per CI run is enough.
const cliSkip = databaseUrl ? 'already run in the embedded-database pass (the command is tested on its own PGlite folder)' : '';
describe.skipIf(Boolean(cliSkip))(titled('pnpm cdc:export', cliSkip), () => {
  it('writes the same file from a seeded embedded database and records the batch', { timeout: 120_000 }, async () => {
    const root = resolve(import.meta.dirname, '../..');
    const dataDir = await mkdtemp(join(tmpdir(), 'certijury-cdc-cli-'));
    const out = join(dataDir, 'export.xml');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; output: string }>((resolveRun) => {
        const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
          cwd: root,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', NODE_ENV: 'test', INIT_CWD: root },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', (code) => resolveRun({ code, output }));
      });
    try {
      // The seed applies the migrations first, as `pnpm start` does.
      const seed = await run(['prisma/seed.ts']);
      expect(seed.code, seed.output).toBe(0);
      const exported = await run(['server/src/modules/cdc/cdc-export-cli.ts', '--out', out]);
      expect(exported.code, exported.output).toBe(0);
      expect(exported.output).toMatch(/3 passage\(s\) written/);
      expect(exported.output).toContain('1 passage(s) left out');
      const xml = await readFile(out, 'utf8');
      expect((await validateCdcXml(xml)).valid).toBe(true);
      // Recorded as the API does: a second run has nothing left to send.
      const again = await run(['server/src/modules/cdc/cdc-export-cli.ts', '--out', out]);
      expect(again.code).toBe(1);
      expect(again.output).toContain('CDC_NOTHING_TO_EXPORT');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
