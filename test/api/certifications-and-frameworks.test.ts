// Certifications administration, versioned frameworks and the France Compétences CSV import, through the
// GraphQL API of a real server.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';

let server: TestServer;
let admin: string;
let partnerA: string;

beforeAll(async () => {
  server = await startIsolatedServer();
  [admin, partnerA] = await Promise.all([
    loginAs(server.graphqlUrl, 'admin@demo.certijury.fr'),
    loginAs(server.graphqlUrl, 'partner-a@demo.certijury.fr'),
  ]);
});
afterAll(() => server?.stop());

const CERT_FIELDS = 'id code registry title decisionRule aggregationMethod oralTotalMinutes oralPresentationMinutes oralQuestionsMinutes minJurySize active version';
const CREATE = `mutation ($input: CreateCertificationInput!) { createCertification(input: $input) { ${CERT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateCertificationInput!) { updateCertification(id: $id, version: $version, input: $input) { ${CERT_FIELDS} } }`;
const AUDIT_COUNT = `{ certifications(activeOnly: false) { code } }`;

const fieldsOf = (error: any) => Object.fromEntries((error.extensions.fields ?? []).map((f: any) => [f.path.join('.'), f.message]));

async function certificationCodes() {
  return (await gql(server.graphqlUrl, AUDIT_COUNT, {}, { token: admin })).data!.certifications.map((c: any) => c.code).sort();
}

describe('certifications (admin)', () => {
  it('creates a certification, with the code checked per registry and the timings adding up', async () => {
    const created = await gql(server.graphqlUrl, CREATE, {
      input: { registry: 'RNCP', code: 'rncp37001', title: 'Titre de test', decisionRule: 'BY_BLOCK', oralTotalMinutes: 40, oralPresentationMinutes: 20, oralQuestionsMinutes: 20 },
    }, { token: admin });
    expect(created.errors).toBeUndefined();
    expect(created.data!.createCertification).toMatchObject({ code: 'RNCP37001', registry: 'RNCP', oralTotalMinutes: 40, minJurySize: 2, version: 1, active: true });

    const before = await certificationCodes();
    const invalid = await gql(server.graphqlUrl, CREATE, {
      input: { registry: 'RS', code: 'RNCP1', title: 'X', decisionRule: 'ALL_COMPETENCES', minJurySize: 1, oralTotalMinutes: 30, oralPresentationMinutes: 10, oralQuestionsMinutes: 10 },
    }, { token: admin, locale: 'en' });
    expect(invalid.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    const fields = fieldsOf(invalid.errors![0]);
    expect(Object.keys(fields).sort()).toEqual(['input.code', 'input.minJurySize', 'input.oralTotalMinutes']);
    expect(fields['input.code']).toMatch(/Invalid code for the RS registry/);
    const duplicate = await gql(server.graphqlUrl, CREATE, { input: { registry: 'RS', code: 'RS5302', title: 'X', decisionRule: 'ALL_COMPETENCES' } }, { token: admin });
    expect(duplicate.errors![0].extensions!.code).toBe('ALREADY_EXISTS');
    expect(await certificationCodes()).toEqual(before);
  });

  it('updates with optimistic concurrency: a stale version gets CONFLICT with the current state, and nothing changes', async () => {
    const { data } = await gql(server.graphqlUrl, CREATE, { input: { registry: 'CQP', code: 'CQP0077', title: 'CQP test', decisionRule: 'BY_BLOCK' } }, { token: admin });
    const id = data!.createCertification.id;
    const first = await gql(server.graphqlUrl, UPDATE, { id, version: 1, input: { title: 'CQP test renommé', active: false } }, { token: admin });
    expect(first.data!.updateCertification).toMatchObject({ title: 'CQP test renommé', active: false, version: 2 });
    const stale = await gql(server.graphqlUrl, UPDATE, { id, version: 1, input: { title: 'Écrasé ?' } }, { token: admin });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', current: { title: 'CQP test renommé', version: 2, active: false } });
    // Timings are checked against the stored row: 30 ≠ 20 + 15.
    const timings = await gql(server.graphqlUrl, UPDATE, { id, version: 2, input: { oralPresentationMinutes: 20 } }, { token: admin });
    expect(timings.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    const after = await gql(server.graphqlUrl, `query { certifications(activeOnly: false) { code title version oralPresentationMinutes } }`, {}, { token: admin });
    expect(after.data!.certifications.find((c: any) => c.code === 'CQP0077')).toEqual({ code: 'CQP0077', title: 'CQP test renommé', version: 2, oralPresentationMinutes: 15 });
    const audit = await gql(server.graphqlUrl, `{ auditEntries(entityType: "Certification", entityId: "${id}") { action } }`, {}, { token: admin });
    expect(audit.data!.auditEntries.map((e: any) => e.action)).toEqual(['certification.created', 'certification.updated']);
  });

  it('records the RNCP code of a CQP or a CléA (which opens VAE), never of an RNCP or RS certification', async () => {
    const created = await gql(server.graphqlUrl, CREATE, { input: { registry: 'CQP', code: 'CQP0078', title: 'CQP au RNCP', decisionRule: 'BY_BLOCK', rncpCode: 'rncp37859' } }, { token: admin });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createCertification.id;
    const read = async () => (await gql(server.graphqlUrl, `{ certifications(activeOnly: false) { id rncpCode vaeOpen version } }`, {}, { token: admin })).data!.certifications.find((c: any) => c.id === id);
    expect(await read()).toMatchObject({ rncpCode: 'RNCP37859', vaeOpen: true });
    const bad = await gql(server.graphqlUrl, UPDATE, { id, version: 1, input: { rncpCode: 'RS5302' } }, { token: admin, locale: 'en' });
    expect(bad.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad.errors![0])['input.rncpCode']).toMatch(/RNCP code expected/);
    const rs = await gql(server.graphqlUrl, CREATE, { input: { registry: 'RS', code: 'RS9901', title: 'RS test', decisionRule: 'ALL_COMPETENCES', rncpCode: 'RNCP1234' } }, { token: admin });
    expect(Object.keys(fieldsOf(rs.errors![0]))).toEqual(['input.rncpCode']);
    const cleared = await gql(server.graphqlUrl, UPDATE, { id, version: 1, input: { rncpCode: '' } }, { token: admin });
    expect(cleared.errors).toBeUndefined();
    expect(await read()).toMatchObject({ rncpCode: null, vaeOpen: false, version: 2 });
    expect((await gql(server.graphqlUrl, UPDATE, { id, version: 2, input: { rncpCode: 'RNCP37859' } }, { token: partnerA })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('publishes the success rate in the public catalogue only from the configured number of results', async () => {
    const CATALOGUE = '{ certifications { id code version successRate { rate certified published } currentFramework { blocks { code } } } }';
    const rs = (await gql(server.graphqlUrl, CATALOGUE)).data!.certifications.find((c: any) => c.code === 'RS5302');
    expect(rs.successRate).toBeNull(); // the demo has fewer than 10 published RS5302 results
    expect(rs.currentFramework.blocks.length).toBeGreaterThan(0);
    const lowered = await gql(server.graphqlUrl, UPDATE, { id: rs.id, version: rs.version, input: { successRateMinCandidates: 2 } }, { token: admin });
    expect(lowered.errors).toBeUndefined();
    const after = (await gql(server.graphqlUrl, CATALOGUE)).data!.certifications.find((c: any) => c.code === 'RS5302');
    const { rate, certified, published } = after.successRate;
    expect(published).toBeGreaterThanOrEqual(2);
    expect(certified).toBeLessThanOrEqual(published);
    expect(rate).toBeCloseTo(certified / published, 3);
  });

  it('is refused to partners', async () => {
    const result = await gql(server.graphqlUrl, CREATE, { input: { registry: 'RS', code: 'RS1', title: 'X', decisionRule: 'ALL_COMPETENCES' } }, { token: partnerA });
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

const FRAMEWORK = 'id version status scaleMin scaleMax blocks { code title competences { code modality minimumScore criteria { code } } }';
const DRAFT = `mutation ($id: ID!, $copy: Boolean) { createFrameworkDraft(certificationId: $id, copyFromLatest: $copy) { ${FRAMEWORK} } }`;
const EDIT = `mutation ($id: ID!, $input: FrameworkContentInput!) { updateFrameworkDraft(id: $id, input: $input) { ${FRAMEWORK} } }`;
const PUBLISH = `mutation ($id: ID!) { publishFramework(id: $id) { ${FRAMEWORK} publishedAt } }`;

const content = (title: string) => ({
  scaleMin: 0,
  scaleMax: 4,
  scaleLabels: { '0': 'Non acquis', '4': 'Maîtrisé' },
  blocks: [
    {
      code: 'RS5302BC01',
      title,
      competences: [
        { code: 'C1', title: 'Analyser', modality: 'ORAL', minimumScore: 2, criteria: [{ code: 'C1.1', description: 'Analyse pertinente' }] },
        { code: 'C2', title: 'Rédiger', modality: 'PROJECT_FILE', minimumScore: 3, criteria: [{ code: 'C2.1', description: 'Dossier clair' }] },
      ],
    },
  ],
});

describe('versioned frameworks', () => {
  it('drafts a copy of the latest version, edits it, publishes it, then freezes it — and past attempts keep their version', async () => {
    const catalogue = await gql(server.graphqlUrl, '{ certifications { id code currentFramework { id version } } }');
    const rs = catalogue.data!.certifications.find((c: any) => c.code === 'RS5302');
    const v1 = rs.currentFramework;

    const draft = await gql(server.graphqlUrl, DRAFT, { id: rs.id }, { token: admin });
    expect(draft.errors).toBeUndefined();
    const copied = draft.data!.createFrameworkDraft;
    expect(copied).toMatchObject({ version: v1.version + 1, status: 'DRAFT' });
    expect(copied.blocks.map((b: any) => b.code)).toEqual(['RS5302BC01', 'RS5302BC02', 'RS5302BC03', 'RS5302BC04']);
    expect(copied.blocks[0].competences[0].criteria.length).toBeGreaterThan(0);

    // One draft at a time.
    expect((await gql(server.graphqlUrl, DRAFT, { id: rs.id }, { token: admin })).errors![0].extensions!.code).toBe('INVALID_STATE');

    // Invalid content is refused field by field and changes nothing.
    const bad = await gql(server.graphqlUrl, EDIT, { id: copied.id, input: { ...content('Bloc'), scaleMax: 0 } }, { token: admin });
    expect(bad.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(fieldsOf(bad.errors![0]))).toEqual(expect.arrayContaining(['input.scaleMax']));
    const unchanged = await gql(server.graphqlUrl, `{ frameworkVersion(id: "${copied.id}") { blocks { code } } }`, {}, { token: admin });
    expect(unchanged.data!.frameworkVersion.blocks).toHaveLength(4);

    const edited = await gql(server.graphqlUrl, EDIT, { id: copied.id, input: content('Bloc refondu') }, { token: admin });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateFrameworkDraft.blocks).toEqual([
      { code: 'RS5302BC01', title: 'Bloc refondu', competences: [
        { code: 'C1', modality: 'ORAL', minimumScore: 2, criteria: [{ code: 'C1.1' }] },
        { code: 'C2', modality: 'PROJECT_FILE', minimumScore: 3, criteria: [{ code: 'C2.1' }] },
      ] },
    ]);
    // Drafts are invisible to the public catalogue.
    const stillV1 = await gql(server.graphqlUrl, '{ certifications { code currentFramework { version } } }');
    expect(stillV1.data!.certifications.find((c: any) => c.code === 'RS5302').currentFramework.version).toBe(v1.version);

    const published = await gql(server.graphqlUrl, PUBLISH, { id: copied.id }, { token: admin });
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishFramework).toMatchObject({ status: 'PUBLISHED', version: v1.version + 1 });

    // Frozen: a published version can no longer be edited nor published again.
    const frozen = await gql(server.graphqlUrl, EDIT, { id: copied.id, input: content('Encore') }, { token: admin });
    expect(frozen.errors![0].extensions!.code).toBe('INVALID_STATE');
    expect((await gql(server.graphqlUrl, PUBLISH, { id: copied.id }, { token: admin })).errors![0].extensions!.code).toBe('INVALID_STATE');
    const versions = await gql(server.graphqlUrl, `{ frameworkVersions(certificationId: "${rs.id}") { version status } }`, {}, { token: admin });
    expect(versions.data!.frameworkVersions).toEqual([
      { version: v1.version + 1, status: 'PUBLISHED' },
      { version: v1.version, status: 'RETIRED' },
    ]);

    // New registrations get the new version; existing attempts and decisions keep the old one.
    const registered = await gql(
      server.graphqlUrl,
      `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }`,
      { input: { certificationCode: 'RS5302', fileNumber: 'FW-NEW-1', email: 'fw-new-1@example.fr', birthName: 'Nouveau', firstName: 'Référentiel' } },
      { token: partnerA },
    );
    expect(registered.errors).toBeUndefined();
    const frameworks = await gql(server.graphqlUrl, `{ attemptFrameworks: candidates(first: 100) { edges { node { fileNumber attempts { id state framework { version } } } } } }`, {}, { token: admin });
    expect(frameworks.errors).toBeUndefined();
    const rows = frameworks.data!.attemptFrameworks.edges.map((e: any) => e.node);
    expect(rows.find((c: any) => c.fileNumber === 'FW-NEW-1').attempts[0].framework.version).toBe(v1.version + 1);
    const old = rows.filter((c: any) => c.fileNumber !== 'FW-NEW-1' && c.attempts.some((a: any) => a.state === 'RESULT_PUBLISHED'));
    expect(old.length).toBeGreaterThan(0);
    // Past attempts of RS5302 still point at version 1 (CQP attempts have their own framework).
    for (const candidate of old) for (const attempt of candidate.attempts) expect(attempt.framework.version).toBe(1);
  });

  it('refuses to publish an incomplete draft', async () => {
    const { data } = await gql(server.graphqlUrl, CREATE, { input: { registry: 'RS', code: 'RS7001', title: 'Vide', decisionRule: 'ALL_COMPETENCES' } }, { token: admin });
    const draft = await gql(server.graphqlUrl, DRAFT, { id: data!.createCertification.id }, { token: admin });
    expect(draft.data!.createFrameworkDraft).toMatchObject({ version: 1, status: 'DRAFT', blocks: [] });
    const refused = await gql(server.graphqlUrl, PUBLISH, { id: draft.data!.createFrameworkDraft.id }, { token: admin });
    expect(refused.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect(refused.errors![0].message).toMatch(/0 bloc/);
  });
});

const fixtures = resolve(import.meta.dirname, '../fixtures/france-competences');
const fixture = (name: string) => readFileSync(resolve(fixtures, name), 'utf8');
const IMPORT = `mutation ($standardCsv: String!, $blocksCsv: String!, $codes: [String!]!) {
  importFranceCompetences(standardCsv: $standardCsv, blocksCsv: $blocksCsv, codes: $codes) {
    certifications { code certificationId status changedFields draft { id version created } blocks { code title status } }
  }
}`;

describe('France Compétences CSV import', () => {
  const standardCsv = fixture('export_fiches_CSV_Standard_2026_11_20.csv');

  it('refuses a file with bad rows, with their line numbers, importing nothing', async () => {
    const before = await certificationCodes();
    const result = await gql(server.graphqlUrl, IMPORT, {
      standardCsv,
      blocksCsv: fixture('export_fiches_CSV_Blocs_De_Compétences_bad.csv'),
      codes: ['RNCP38596', 'RNCP36004'],
    }, { token: admin, locale: 'en' });
    expect(result.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    const fields = result.errors![0].extensions!.fields;
    expect(fields.map((f: any) => f.path)).toEqual([['blocksCsv', 4], ['blocksCsv', 6]]);
    expect(fields[0].message).toMatch(/line 4/);
    const malformed = await gql(server.graphqlUrl, IMPORT, {
      standardCsv: fixture('export_fiches_CSV_Standard_malformed.csv'),
      blocksCsv: fixture('export_fiches_CSV_Blocs_De_Compétences_2026_11_20.csv'),
      codes: ['RNCP38596'],
    }, { token: admin });
    expect(malformed.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect(await certificationCodes()).toEqual(before);
  });

  it('creates certifications and a draft of their blocks, then reports unchanged, then a changed block as a new draft version', async () => {
    const first = await gql(server.graphqlUrl, IMPORT, {
      standardCsv,
      blocksCsv: fixture('export_fiches_CSV_Blocs_De_Compétences_2026_11_20.csv'),
      codes: ['RNCP38596', 'RS6142'],
    }, { token: admin });
    expect(first.errors).toBeUndefined();
    const [rncp, rs] = first.data!.importFranceCompetences.certifications;
    expect(rncp).toMatchObject({ code: 'RNCP38596', status: 'CREATED', draft: { version: 1, created: true } });
    expect(rncp.blocks.map((b: any) => `${b.code}:${b.status}`)).toEqual(['RNCP38596BC01:CREATED', 'RNCP38596BC02:CREATED', 'RNCP38596BC03:CREATED']);
    expect(rs).toMatchObject({ code: 'RS6142', status: 'CREATED', draft: null, blocks: [] });
    const created = await gql(server.graphqlUrl, '{ certifications(activeOnly: false) { code registry decisionRule title } }', {}, { token: admin });
    expect(created.data!.certifications.find((c: any) => c.code === 'RNCP38596')).toEqual({
      code: 'RNCP38596', registry: 'RNCP', decisionRule: 'BY_BLOCK', title: 'Responsable de la maintenance industrielle',
    });

    const again = await gql(server.graphqlUrl, IMPORT, {
      standardCsv,
      blocksCsv: fixture('export_fiches_CSV_Blocs_De_Compétences_2026_11_20.csv'),
      codes: ['RNCP38596'],
    }, { token: admin });
    expect(again.data!.importFranceCompetences.certifications[0]).toMatchObject({ status: 'UNCHANGED', changedFields: [], draft: null });

    // Complete and publish v1, then import the next export: the change lands in a new draft v2.
    const v1 = rncp.draft.id;
    const tree = {
      scaleMin: 0,
      scaleMax: 4,
      blocks: rncp.blocks.map((b: any, i: number) => ({
        code: b.code,
        title: b.title,
        competences: [{ code: `C${i + 1}`, title: 'Compétence', modality: 'ORAL', minimumScore: 2, criteria: [{ code: `C${i + 1}.1`, description: 'Critère' }] }],
      })),
    };
    expect((await gql(server.graphqlUrl, EDIT, { id: v1, input: tree }, { token: admin })).errors).toBeUndefined();
    expect((await gql(server.graphqlUrl, PUBLISH, { id: v1 }, { token: admin })).errors).toBeUndefined();

    const next = await gql(server.graphqlUrl, IMPORT, {
      standardCsv,
      blocksCsv: fixture('export_fiches_CSV_Blocs_De_Compétences_2026_12_01.csv'),
      codes: ['RNCP38596'],
    }, { token: admin });
    expect(next.errors).toBeUndefined();
    const report = next.data!.importFranceCompetences.certifications[0];
    expect(report).toMatchObject({ status: 'UPDATED', draft: { version: 2, created: true } });
    expect(report.blocks.map((b: any) => `${b.code}:${b.status}`)).toEqual([
      'RNCP38596BC01:UNCHANGED', 'RNCP38596BC02:UPDATED', 'RNCP38596BC03:UNCHANGED', 'RNCP38596BC04:CREATED',
    ]);
    const v2 = await gql(server.graphqlUrl, `{ frameworkVersion(id: "${report.draft.id}") { status blocks { code title competences { code } } } }`, {}, { token: admin });
    expect(v2.data!.frameworkVersion.status).toBe('DRAFT');
    // Kept blocks keep their competences; the published v1 is untouched.
    expect(v2.data!.frameworkVersion.blocks.map((b: any) => [b.code, b.competences.length])).toEqual([
      ['RNCP38596BC01', 1], ['RNCP38596BC02', 1], ['RNCP38596BC03', 1], ['RNCP38596BC04', 0],
    ]);
    const published = await gql(server.graphqlUrl, `{ frameworkVersion(id: "${v1}") { status blocks { title } } }`, {}, { token: admin });
    expect(published.data!.frameworkVersion).toMatchObject({ status: 'PUBLISHED' });
    expect(published.data!.frameworkVersion.blocks[1].title).toBe('Diagnostiquer les défaillances des équipements');
  });

  it('is admin only', async () => {
    const result = await gql(server.graphqlUrl, IMPORT, { standardCsv, blocksCsv: '', codes: ['RNCP38596'] }, { token: partnerA });
    expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
