// Project file upload (POST /uploads/project-file), versions, acknowledgment, the files at risk, and the
// attempt's state changes as partner events — through a real server.
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';

const MAX_UPLOAD_BYTES = 64 * 1024;
let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startIsolatedServer({ env: { MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
  for (const who of ['admin', 'partner-a', 'partner-b', 'juror1', 'candidate01', 'candidate02', 'candidate03']) {
    tokens[who] = await loginAs(server.graphqlUrl, `${who}@demo.certijury.fr`);
  }
});
afterAll(() => server?.stop());

/** A zip archive with stored (uncompressed) entries: enough for DOCX/ODT detection. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const pdf = (padding = 0) => Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), Buffer.alloc(padding, 0x20), Buffer.from('\n%%EOF\n')]);
const docx = () =>
  zip([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'],
    ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'],
  ]);
const odt = () => zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]);
const png = () => Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function upload(attemptId: string, content: Buffer, filename: string, token?: string, locale?: string) {
  const form = new FormData();
  form.append('note', 'ignored');
  form.append('file', new Blob([content]), filename);
  const response = await fetch(`${server.url}/uploads/project-file?attemptId=${encodeURIComponent(attemptId)}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(locale ? { 'accept-language': locale } : {}) },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const attemptOf = async (who: string) => (await gql(server.graphqlUrl, '{ myAttempts { id state } }', {}, { token: tokens[who] })).data!.myAttempts[0] as { id: string; state: string };
const FILES = `query ($id: ID!) { projectFiles(attemptId: $id) { id version dueAt submittedAt acknowledgedAt late atRisk file { filename mimeType size sha256 } } }`;
const files = async (attemptId: string, token = tokens.admin) => (await gql(server.graphqlUrl, FILES, { id: attemptId }, { token })).data!.projectFiles as any[];

describe('POST /uploads/project-file', () => {
  it('stores a PDF for the candidate, as version 1 due 5 days later, and tells the partner the attempt changed state', async () => {
    const attempt = await attemptOf('candidate01');
    expect(attempt.state).toBe('REGISTERED');
    const client = wsClient(server.wsUrl, tokens['partner-a']);
    const events = collect(client, 'subscription { partnerCandidateEvents { type candidateId } }', {}, 1);
    await events.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const result = await upload(attempt.id, pdf(), 'Dossier projet.pdf', tokens.candidate01);
    expect(result).toMatchObject({ status: 201, body: { version: 1 } });
    const [event] = await events.done;
    expect(event.partnerCandidateEvents.type).toBe('ATTEMPT_STATE_CHANGED');
    await client.dispose();

    expect((await attemptOf('candidate01')).state).toBe('FILE_SUBMITTED');
    const [v1] = await files(attempt.id);
    expect(v1).toMatchObject({ id: result.body.projectFileId, version: 1, acknowledgedAt: null, late: false, file: { filename: 'Dossier projet.pdf', mimeType: 'application/pdf', size: pdf().length } });
    expect(new Date(v1.dueAt).getTime() - new Date(v1.submittedAt).getTime()).toBe(5 * 24 * 3600_000);
    expect(v1.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await gql(server.graphqlUrl, `{ auditEntries(entityType: "Attempt", entityId: "${attempt.id}") { action data } }`, {}, { token: tokens.admin });
    expect(audit.data!.auditEntries.map((e: any) => [e.action, e.data.from, e.data.to])).toEqual([['projectFile.submitted', 'REGISTERED', 'FILE_SUBMITTED']]);
  });

  it('accepts a re-upload (DOCX by the candidate, ODT by the partner) as new versions, older ones kept', async () => {
    const attempt = await attemptOf('candidate01');
    expect(await upload(attempt.id, docx(), 'dossier.docx', tokens.candidate01)).toMatchObject({ status: 201, body: { version: 2 } });
    expect(await upload(attempt.id, odt(), 'dossier.odt', tokens['partner-a'])).toMatchObject({ status: 201, body: { version: 3 } });
    const versions = await files(attempt.id, tokens['partner-a']);
    expect(versions.map((v) => [v.version, v.file.mimeType])).toEqual([
      [3, 'application/vnd.oasis.opendocument.text'],
      [2, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [1, 'application/pdf'],
    ]);
    expect((await attemptOf('candidate01')).state).toBe('FILE_SUBMITTED');
  });

  it('checks the type by content and the size, answering typed, translated errors and writing nothing', async () => {
    const attempt = await attemptOf('candidate02'); // FILE_SUBMITTED already (seed)
    const before = await files(attempt.id);
    const fake = await upload(attempt.id, png(), 'dossier.pdf', tokens.candidate02, 'en');
    expect(fake.status).toBe(415);
    expect(fake.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
    expect(fake.body.errors[0].message).toMatch(/File type not accepted/);
    const text = await upload(attempt.id, Buffer.from('Bonjour, voici mon dossier.'), 'dossier.docx', tokens.candidate02);
    expect(text.status).toBe(415);
    expect(text.body.errors[0].message).toMatch(/Type de fichier non accepté/);
    const big = await upload(attempt.id, pdf(MAX_UPLOAD_BYTES), 'gros.pdf', tokens.candidate02);
    expect(big.status).toBe(413);
    expect(big.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    // A body declared larger than the limit is answered before it is sent.
    const early = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(`${server.url}/uploads/project-file?attemptId=${attempt.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.candidate02}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * MAX_UPLOAD_BYTES) },
      });
      req.on('response', async (response) => {
        let body = '';
        for await (const chunk of response) body += chunk;
        resolve({ status: response.statusCode!, body: JSON.parse(body) });
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(early).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'LIMIT_EXCEEDED' } }] } });
    const justUnder = await upload(attempt.id, pdf(MAX_UPLOAD_BYTES - 200), 'limite.pdf', tokens.candidate02);
    expect(justUnder.status).toBe(201);
    expect((await files(attempt.id)).length).toBe(before.length + 1);
  });

  it('refuses other callers, other candidates and partners, and the wrong state', async () => {
    const attempt = await attemptOf('candidate01');
    const before = (await files(attempt.id)).length;
    expect((await upload(attempt.id, pdf(), 'x.pdf')).status).toBe(401);
    expect((await upload(attempt.id, pdf(), 'x.pdf', tokens.juror1)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await upload(attempt.id, pdf(), 'x.pdf', tokens.admin)).status).toBe(403);
    const otherPartner = await upload(attempt.id, pdf(), 'x.pdf', tokens['partner-b']);
    expect(otherPartner).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } });
    expect((await upload(attempt.id, pdf(), 'x.pdf', tokens.candidate02)).status).toBe(404);
    expect((await upload('00000000-0000-0000-0000-000000000000', pdf(), 'x.pdf', tokens.candidate01)).status).toBe(404);
    const acknowledged = await attemptOf('candidate03'); // FILE_ACKNOWLEDGED (seed)
    const wrongState = await upload(acknowledged.id, pdf(), 'x.pdf', tokens.candidate03);
    expect(wrongState).toMatchObject({ status: 409, body: { errors: [{ extensions: { code: 'INVALID_STATE' } }] } });
    expect((await files(attempt.id)).length).toBe(before);
    // Other partners do not see the versions either.
    expect(await files(attempt.id, tokens['partner-b'])).toEqual([]);
  });
});

const AT_RISK = '{ projectFilesAtRisk { id version dueAt late atRisk attempt { id } } }';
const ACK = 'mutation ($id: ID!) { acknowledgeProjectFile(id: $id) { id acknowledgedAt late atRisk } }';

describe('acknowledgment', () => {
  it('lists unacknowledged latest versions for admins, late ones flagged, and acknowledging moves the attempt on', async () => {
    const attempt = await attemptOf('candidate01');
    const atRisk = (await gql(server.graphqlUrl, AT_RISK, {}, { token: tokens.admin })).data!.projectFilesAtRisk as any[];
    const mine = atRisk.filter((f) => f.attempt.id === attempt.id);
    expect(mine.map((f) => f.version)).toEqual([3]); // superseded versions are not listed
    expect(atRisk.some((f) => f.late)).toBe(true); // the demo data has an overdue file (candidate12)
    expect(atRisk.map((f) => f.dueAt)).toEqual([...atRisk.map((f) => f.dueAt)].sort());

    const versions = await files(attempt.id);
    const superseded = await gql(server.graphqlUrl, ACK, { id: versions[2].id }, { token: tokens.admin });
    expect(superseded.errors![0].extensions!.code).toBe('INVALID_STATE');
    expect((await gql(server.graphqlUrl, ACK, { id: versions[0].id }, { token: tokens['partner-a'] })).errors![0].extensions!.code).toBe('FORBIDDEN');

    const acknowledged = await gql(server.graphqlUrl, ACK, { id: versions[0].id }, { token: tokens.admin });
    expect(acknowledged.errors).toBeUndefined();
    expect(acknowledged.data!.acknowledgeProjectFile).toMatchObject({ late: false, atRisk: false });
    expect((await attemptOf('candidate01')).state).toBe('FILE_ACKNOWLEDGED');
    const again = await gql(server.graphqlUrl, ACK, { id: versions[0].id }, { token: tokens.admin });
    expect(again.errors![0].extensions!.code).toBe('INVALID_STATE');
    const after = (await gql(server.graphqlUrl, AT_RISK, {}, { token: tokens.admin })).data!.projectFilesAtRisk as any[];
    expect(after.some((f) => f.attempt.id === attempt.id)).toBe(false);
    // A further upload is refused: the file is acknowledged.
    expect((await upload(attempt.id, pdf(), 'x.pdf', tokens.candidate01)).status).toBe(409);
    expect((await gql(server.graphqlUrl, AT_RISK, {}, { token: tokens['partner-a'] })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});

describe('staff review of project files (issue 19)', () => {
  const download = (path: string, token?: string) => fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const REVIEW = `query ($id: ID!) { projectFiles(attemptId: $id) { id version downloadPath returnedAt returnComment acknowledgedAt dueAt } }`;
  const RETURN = `mutation ($id: ID!, $comment: String!) { returnProjectFile(id: $id, comment: $comment) { returnedAt returnComment } }`;

  it('lets admins open every version, returns one as incomplete with a comment, and restarts the clock with the next version', async () => {
    const attempt = await attemptOf('candidate02');
    const first = await upload(attempt.id, pdf(), 'Dossier « projet » – v1.pdf', tokens.candidate02);
    expect(first.status).toBe(201);
    const [latest] = (await gql(server.graphqlUrl, REVIEW, { id: attempt.id }, { token: tokens.admin })).data!.projectFiles;
    expect(latest.downloadPath).toBe(`/downloads/project-files/${latest.id}`);

    const asAdmin = await download(latest.downloadPath, tokens.admin);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await asAdmin.arrayBuffer()).subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect((await download(latest.downloadPath, tokens.candidate02)).status).toBe(200);
    // Another partner, another candidate, nobody: as for an unknown id (401 without a credential).
    expect((await download(latest.downloadPath, tokens['partner-b'])).status).toBe(404);
    expect((await download(latest.downloadPath, tokens.candidate01)).status).toBe(404);
    expect((await download('/downloads/project-files/00000000-0000-4000-8000-000000000000', tokens.admin)).status).toBe(404);
    expect((await download(latest.downloadPath)).status).toBe(401);

    const tooShort = await gql(server.graphqlUrl, RETURN, { id: latest.id, comment: 'ok' }, { token: tokens.admin });
    expect(tooShort.errors![0].extensions!.code).toBe('VALIDATION_FAILED');
    expect((await gql(server.graphqlUrl, RETURN, { id: latest.id, comment: 'La partie 3 manque.' }, { token: tokens['partner-a'] })).errors![0].extensions!.code).toBe('FORBIDDEN');
    const returned = await gql(server.graphqlUrl, RETURN, { id: latest.id, comment: 'La partie 3 (mise en situation) manque.' }, { token: tokens.admin });
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnProjectFile.returnComment).toBe('La partie 3 (mise en situation) manque.');
    expect((await attemptOf('candidate02')).state).toBe('REGISTERED');
    // Told: the candidate (in-app) and the partner.
    const notes = await gql(server.graphqlUrl, '{ myNotifications(first: 5) { edges { node { subject text } } } }', {}, { token: tokens.candidate02 });
    expect(notes.data!.myNotifications.edges[0].node.subject).toMatch(/Dossier projet à compléter/);
    expect(notes.data!.myNotifications.edges[0].node.text).toMatch(/mise en situation/);
    // Twice: refused; the file left the acknowledgment queue.
    expect((await gql(server.graphqlUrl, RETURN, { id: latest.id, comment: 'Encore une fois.' }, { token: tokens.admin })).errors![0].extensions!.code).toBe('INVALID_STATE');
    const queue = (await gql(server.graphqlUrl, '{ projectFilesAtRisk { id } }', {}, { token: tokens.admin })).data!.projectFilesAtRisk.map((file: any) => file.id);
    expect(queue).not.toContain(latest.id);

    const second = await upload(attempt.id, pdf(10), 'Dossier projet v2.pdf', tokens.candidate02);
    expect(second.status).toBe(201);
    const versions = (await gql(server.graphqlUrl, REVIEW, { id: attempt.id }, { token: tokens.admin })).data!.projectFiles;
    expect(versions.map((v: any) => v.version).slice(0, 2)).toEqual([latest.version + 1, latest.version]);
    expect(Date.parse(versions[0].dueAt)).toBeGreaterThan(Date.parse(latest.dueAt));
    expect((await attemptOf('candidate02')).state).toBe('FILE_SUBMITTED');
    // Every version stays readable for the jury and the admins.
    expect((await download(versions[1].downloadPath, tokens.admin)).status).toBe(200);
  }, 60_000);
});
