// Verifiable certificates through a real server: the 30-day issue deadline (certificatesToIssue), issue on
// publication with the candidate's notification, the signed JSON-LD download and its verification (valid;
// tampered or foreign-signed → invalid; revoked → invalid with the reason), key rotation (old certificates keep
// verifying, new ones use the new key), the public documents (status, issuer profile, PDF), the LinkedIn link,
// and who sees which certificates. The fraud-confirmed revocation runs in-process (certificate.service.test.ts):
// no API path puts a fraud report on an attempt that already holds a certificate.
import { generateKeyPairSync } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { collect, gql, loginAs, wsClient } from '../support/graphql.ts';
import { signCredential, verifyCredentialOffline } from '../../server/src/modules/certificate/certificate.rules.ts';

let server: TestServer;
const token: Record<string, string> = {};
let attempt07 = '';
let candidate07 = '';
let certificateId = '';
let credential: any;

const DAY = 24 * 3600_000;
const as = (who: string | null, query: string, variables?: Record<string, unknown>, locale?: string) =>
  gql(server.graphqlUrl, query, variables, { token: who ? token[who] : undefined, locale });
const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) => result.errors?.[0]?.extensions?.code;

const CERTIFICATE_FIELDS = `id name scope blockCodes holderName certificationCode certificationTitle issuerName issuedAt issueBy revoked revokedAt revocationReason credentialUrl pdfPath verificationUrl linkedInAddUrl`;
const TO_ISSUE = `query ($atRisk: Boolean) { certificatesToIssue(atRisk: $atRisk) { decisionId attemptId candidateName certificationCode outcome juryDate issueBy missingScopes resultPublished daysLeft late atRisk } }`;
const VERIFY_CREDENTIAL = `query ($credential: JSON!) { verifyCredential(credential: $credential) { valid certificateId revoked revokedAt revocationReason issuerName holderName achievementName issuedAt checks { name ok message } } }`;
const VERIFY_ID = `query ($id: ID!) { verifyCertificate(id: $id) { valid revoked revocationReason holderName checks { name ok message } } }`;
const PUBLIC_CERTIFICATE = `query ($id: ID!) { certificate(id: $id) { ${CERTIFICATE_FIELDS} } }`;
const ISSUE = `mutation ($attemptId: ID!) { issueCertificates(attemptId: $attemptId) { id scope credential } }`;
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { id revoked revokedAt revocationReason } }`;
const ROTATE = `mutation { rotateSigningKey { id publicKeyMultibase verificationMethod createdAt retiredAt } }`;
const CANDIDATE_CERTIFICATES = `query ($id: ID!) { candidate(id: $id) { id attempts { id certificates { id scope } } } }`;

async function myCertificates(who: string) {
  const attempts = (await as(who, `{ myAttempts { id certificates { ${CERTIFICATE_FIELDS} } } }`)).data!.myAttempts as any[];
  return attempts.find((attempt) => attempt.id === attempt07).certificates as any[];
}

async function download(id: string) {
  const response = await fetch(`${server.url}/credentials/${id}`);
  expect(response.status).toBe(200);
  return response.json();
}

/** Every Flate stream of a PDF, inflated (the page content, with its hex-encoded text). */
function pageText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  let text = '';
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    try {
      text += inflateSync(pdf.subarray(start, source.indexOf('endstream', start))).toString('latin1');
    } catch {
      // not a Flate stream (an image, for instance)
    }
  }
  return text;
}

beforeAll(async () => {
  server = await startIsolatedServer();
  const logins = { admin: 'admin', partnerA: 'partner-a', partnerB: 'partner-b', juror1: 'juror1', c07: 'candidate07' };
  await Promise.all(Object.entries(logins).map(async ([key, login]) => (token[key] = await loginAs(server.graphqlUrl, `${login}@demo.certijury.fr`))));
  attempt07 = (await as('c07', `{ myAttempts { id state } }`)).data!.myAttempts[0].id;
  const candidates = (await as('partnerA', `{ candidates(first: 100) { edges { node { id attempts { id } } } } }`)).data!.candidates.edges;
  candidate07 = candidates.find((edge: any) => edge.node.attempts.some((a: any) => a.id === attempt07)).node.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('certificates to issue (30 days after the jury)', () => {
  it("lists Sarah DURAND's signed positive decision (unpublished) and a published result without certificate, with the deadline", async () => {
    const rows = (await as('admin', TO_ISSUE)).data!.certificatesToIssue as any[];
    const sarah = rows.find((row) => row.attemptId === attempt07);
    expect(sarah).toMatchObject({ candidateName: 'Sarah DURAND', outcome: 'CERTIFIED', missingScopes: ['ALL'], resultPublished: false });
    const now = Date.now();
    for (const row of rows) {
      const issueBy = new Date(row.issueBy).getTime();
      expect(issueBy - new Date(row.juryDate).getTime()).toBe(30 * DAY);
      expect(row.late).toBe(issueBy < now);
      expect(row.atRisk).toBe(issueBy < now + 7 * DAY);
      expect(Math.abs(row.daysLeft - Math.floor((issueBy - now) / DAY))).toBeLessThanOrEqual(1);
    }
    // The demo leaves one published positive result from before certificates existed, to issue by hand.
    const published = rows.filter((row) => row.resultPublished);
    expect(published.length).toBe(1);
    expect(published[0].missingScopes.length).toBeGreaterThan(0);
    const juryDates = rows.map((row) => new Date(row.juryDate).getTime());
    expect(juryDates).toEqual([...juryDates].sort((a, b) => a - b));

    const atRisk = (await as('admin', TO_ISSUE, { atRisk: true })).data!.certificatesToIssue as any[];
    expect(atRisk.every((row) => row.atRisk)).toBe(true);
    expect(atRisk.map((row) => row.decisionId).sort()).toEqual(rows.filter((row) => row.atRisk).map((row) => row.decisionId).sort());
  });

  it('is for admins only, and so are issue, revocation and key rotation', async () => {
    for (const who of ['partnerA', 'c07', 'juror1', null]) {
      expect(codeOf(await as(who, TO_ISSUE))).toBe(who ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(codeOf(await as(who, ROTATE))).toBe(who ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(codeOf(await as(who, ISSUE, { attemptId: attempt07 }))).toBe(who ? 'FORBIDDEN' : 'UNAUTHENTICATED');
    }
  });

  it('issueCertificates refuses an unpublished result and an unknown attempt', async () => {
    expect(codeOf(await as('admin', ISSUE, { attemptId: attempt07 }))).toBe('INVALID_STATE');
    expect(codeOf(await as('admin', ISSUE, { attemptId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
    expect(await myCertificates('c07')).toEqual([]);
  });
});

const HOLDER_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('issue on publication', () => {
  it('the candidate may give her own DID (holder binding); only a DID, only her', async () => {
    const SET = `mutation ($did: String) { setMyHolderDid(did: $did) }`;
    expect(codeOf(await as('c07', SET, { did: 'not a did' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await as('c07', SET, { did: 'did:key:z6Mk#fragment' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(await as('partnerA', SET, { did: HOLDER_DID }))).toBe('FORBIDDEN');
    expect((await as('c07', SET, { did: null })).data!.setMyHolderDid).toBeNull();
    expect((await as('c07', SET, { did: HOLDER_DID })).data!.setMyHolderDid).toBe(HOLDER_DID);
  });

  it('publishing the result issues one certificate for the whole certification and notifies the candidate', async () => {
    const toPublish = (await as('admin', `{ resultsToPublish { id attempt { id } } }`)).data!.resultsToPublish as any[];
    const resultId = toPublish.find((row) => row.attempt.id === attempt07).id;
    const published = await as('admin', `mutation ($id: ID!) { publishResult(resultId: $id) { id publishedAt } }`, { id: resultId });
    expect(published.errors).toBeUndefined();

    const certificates = await myCertificates('c07');
    expect(certificates).toHaveLength(1);
    const [certificate] = certificates;
    expect(certificate).toMatchObject({ scope: 'ALL', blockCodes: [], holderName: 'Sarah DURAND', revoked: false, revokedAt: null, pdfPath: `/certificates/${certificate.id}.pdf` });
    expect(certificate.credentialUrl).toBe(`${server.url}/credentials/${certificate.id}`);
    expect(certificate.verificationUrl).toBe(`${server.url}/verify/${certificate.id}`);
    certificateId = certificate.id;

    const notifications = (await as('c07', `{ myNotifications(first: 20) { edges { node { template subject text path } } } }`)).data!.myNotifications.edges.map((edge: any) => edge.node);
    const issued = notifications.find((n: any) => n.template === 'CERTIFICATE_ISSUED');
    expect(issued).toMatchObject({ path: '/candidate' });
    expect(issued.subject).toContain('Votre certificat est disponible');
    expect(issued.text).toContain(certificate.name);

    // No longer owed; publishing again changes nothing (one certificate per decision and scope).
    const rows = (await as('admin', TO_ISSUE)).data!.certificatesToIssue as any[];
    expect(rows.some((row) => row.attemptId === attempt07)).toBe(false);
    expect(codeOf(await as('admin', ISSUE, { attemptId: attempt07 }))).toBeUndefined();
    expect(await myCertificates('c07')).toHaveLength(1);
  });

  it('serves the signed JSON-LD credential, publicly, and it verifies (by id, uploaded, and offline)', async () => {
    const response = await fetch(`${server.url}/credentials/${certificateId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vc; charset=utf-8');
    credential = await response.json();
    expect(credential).toMatchObject({
      id: `${server.url}/credentials/${certificateId}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: expect.stringMatching(/^did:web:[^:]+:issuers:[0-9a-f-]{36}$/), type: ['Profile'] },
      credentialSubject: {
        identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Sarah DURAND' }, { identityType: 'emailAddress', hashed: true }],
        achievement: { type: ['Achievement'] },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${server.url}/issuers/${credential.issuer.id.split(':').pop()}/status/revocation` },
      proof: [
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: expect.stringMatching(/^did:web:.*#z6Mk/) },
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: expect.stringMatching(/^did:web:.*#z6Mk/) },
      ],
    });
    expect(credential.credentialSubject.name).toBeUndefined();
    // Holder binding: the DID she gave.
    expect(credential.credentialSubject.id).toBe(HOLDER_DID);
    // The holder's e-mail only ever appears hashed.
    expect(JSON.stringify(credential)).not.toContain('candidate07@');

    const verified = (await as(null, VERIFY_CREDENTIAL, { credential })).data!.verifyCredential;
    expect(verified).toMatchObject({ valid: true, certificateId, revoked: false, holderName: 'Sarah DURAND', issuerName: credential.issuer.name, achievementName: credential.name });
    expect(verified.checks.map((check: any) => [check.name, check.ok])).toEqual([
      ['FORMAT', true],
      ['SIGNATURE', true],
      ['KNOWN_KEY', true],
      ['NOT_REVOKED', true],
      ['MATCHES_RECORD', true],
    ]);
    expect(verified.checks[1].message).toContain('Signature Ed25519 valide');
    const english = (await as(null, VERIFY_CREDENTIAL, { credential }, 'en')).data!.verifyCredential;
    expect(english.checks[1].message).toContain('Valid Ed25519 signature');

    expect((await as(null, VERIFY_ID, { id: certificateId })).data!.verifyCertificate).toMatchObject({ valid: true, holderName: 'Sarah DURAND' });
    expect((await as(null, VERIFY_ID, { id: '00000000-0000-4000-8000-000000000000' })).data!.verifyCertificate).toBeNull();
    // With nothing but the JSON: the key comes from the proof's verification method (its multibase fragment).
    expect(verifyCredentialOffline(credential).valid).toBe(true);
  });

  it('a tampered credential fails, and so does one re-signed with a key that is not the issuer’s', async () => {
    const tampers: ((c: any) => void)[] = [
      (c) => (c.credentialSubject.identifier[0].identityHash = 'Mallory DURAND'),
      (c) => (c.credentialSubject.achievement.name = 'Expert-comptable'),
      (c) => (c.name = 'Expert-comptable'),
      (c) => (c.validFrom = '2020-01-01T00:00:00Z'),
    ];
    for (const tamper of tampers) {
      const changed = structuredClone(credential);
      tamper(changed);
      const verified = (await as(null, VERIFY_CREDENTIAL, { credential: changed })).data!.verifyCredential;
      expect(verified.valid).toBe(false);
      expect(verified.checks.find((check: any) => check.name === 'SIGNATURE')).toMatchObject({ ok: false });
      expect(verified.checks.find((check: any) => check.name === 'MATCHES_RECORD')).toMatchObject({ ok: false });
    }
    const forger = generateKeyPairSync('ed25519');
    const forged = structuredClone(credential);
    forged.credentialSubject.identifier[0].identityHash = 'Mallory DURAND';
    delete forged.proof;
    const resigned = signCredential(forged, forger.privateKey, forger.publicKey, new Date());
    const verified = (await as(null, VERIFY_CREDENTIAL, { credential: resigned })).data!.verifyCredential;
    expect(verified.valid).toBe(false);
    expect(Object.fromEntries(verified.checks.map((check: any) => [check.name, check.ok]))).toMatchObject({ SIGNATURE: true, KNOWN_KEY: false, MATCHES_RECORD: false });
    // Not even a JSON object.
    expect((await as(null, VERIFY_CREDENTIAL, { credential: 'hello' })).data!.verifyCredential.valid).toBe(false);
  });

  it('the issuer profile lists the key that signed', async () => {
    const response = await fetch(credential.issuer.url);
    expect(response.status).toBe(200);
    const profile = await response.json();
    expect(profile).toMatchObject({ id: credential.issuer.id, type: ['Profile'], name: credential.issuer.name });
    expect(profile.verificationMethod.map((method: any) => method.id)).toContain(credential.proof[0].verificationMethod);
  });

  it('the LinkedIn link is prefilled with the certification name, issuer, date and verification URL', async () => {
    const [certificate] = await myCertificates('c07');
    const url = new URL(certificate.linkedInAddUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add');
    const issuedAt = new Date(certificate.issuedAt);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: certificate.name,
      organizationName: certificate.issuerName,
      issueYear: String(issuedAt.getUTCFullYear()),
      issueMonth: String(issuedAt.getUTCMonth() + 1),
      certUrl: `${server.url}/verify/${certificate.id}`,
      certId: certificate.id,
    });
    expect(certificate.name).toBe(certificate.certificationTitle);
  });
});

describe('who sees certificates', () => {
  it('the candidate and their partner; not another partner, not a juror; anyone reads the public view by id', async () => {
    const asPartnerA = (await as('partnerA', CANDIDATE_CERTIFICATES, { id: candidate07 })).data!.candidate;
    expect(asPartnerA.attempts[0].certificates.map((c: any) => c.id)).toEqual([certificateId]);
    expect((await as('partnerB', CANDIDATE_CERTIFICATES, { id: candidate07 })).data!.candidate).toBeNull();
    // The same through the partner's API key.
    const created = await as('partnerA', 'mutation { createApiKey(name: "ERP certificats") { secret } }');
    token.partnerAKey = created.data!.createApiKey.secret;
    const asKey = (await as('partnerAKey', CANDIDATE_CERTIFICATES, { id: candidate07 })).data!.candidate;
    expect(asKey.attempts[0].certificates.map((c: any) => c.id)).toEqual([certificateId]);
    const asJuror = (await as('juror1', CANDIDATE_CERTIFICATES, { id: candidate07 })).data?.candidate;
    if (asJuror) expect(asJuror.attempts.flatMap((a: any) => a.certificates)).toEqual([]);
    const asAdmin = (await as('admin', CANDIDATE_CERTIFICATES, { id: candidate07 })).data!.candidate;
    expect(asAdmin.attempts[0].certificates.map((c: any) => c.id)).toEqual([certificateId]);
    // Partner B's own candidates' certificates never include Sarah's.
    const partnerB = (await as('partnerB', `{ candidates(first: 100) { edges { node { attempts { certificates { id } } } } } }`)).data!.candidates.edges;
    expect(JSON.stringify(partnerB)).not.toContain(certificateId);

    const publicView = (await as(null, PUBLIC_CERTIFICATE, { id: certificateId })).data!.certificate;
    expect(publicView).toMatchObject({ id: certificateId, holderName: 'Sarah DURAND', revoked: false });
    expect((await as(null, PUBLIC_CERTIFICATE, { id: 'not-an-id' })).data!.certificate).toBeNull();
  });
});

describe('the PDF', () => {
  it('is served for a known id (%PDF) and 404 for an unknown one', async () => {
    const response = await fetch(`${server.url}/certificates/${certificateId}.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    // The page's text (pdf-lib writes standard-font text as hex strings in Flate streams): holder, title, id.
    const text = pageText(bytes);
    const [certificate] = await myCertificates('c07');
    for (const expected of ['Sarah DURAND', certificate.certificationTitle, certificateId, `${server.url}/verify/${certificateId}`]) {
      expect(text).toContain(Buffer.from(expected, 'latin1').toString('hex').toUpperCase());
    }
    const unknown = await fetch(`${server.url}/certificates/00000000-0000-4000-8000-000000000000.pdf`, { headers: { 'accept-language': 'en' } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await fetch(`${server.url}/certificates/nothing.pdf`)).status).toBe(404);
    expect((await fetch(`${server.url}/credentials/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('key rotation', () => {
  it('retires the key; old certificates still verify; the next certificates use the new key', async () => {
    const keys = (await as('admin', ROTATE)).data!.rotateSigningKey as any[];
    expect(keys).toHaveLength(2);
    expect(keys[0].retiredAt).not.toBeNull();
    expect(keys[1].retiredAt).toBeNull();
    expect(keys[0].verificationMethod).toBe(credential.proof[0].verificationMethod);
    expect((await as(null, VERIFY_CREDENTIAL, { credential })).data!.verifyCredential.valid).toBe(true);

    // The demo's published result from before certificates existed: issued now, with the new key.
    const owed = ((await as('admin', TO_ISSUE)).data!.certificatesToIssue as any[]).find((row) => row.resultPublished);
    const issued = await as('admin', ISSUE, { attemptId: owed.attemptId });
    expect(issued.errors).toBeUndefined();
    const certificates = issued.data!.issueCertificates as any[];
    expect(certificates.map((c) => c.scope).sort()).toEqual([...owed.missingScopes].sort());
    for (const certificate of certificates) {
      expect(certificate.credential.proof.map((proof: any) => proof.verificationMethod)).toEqual([keys[1].verificationMethod, keys[1].verificationMethod]);
      const downloaded = await download(certificate.id);
      expect((await as(null, VERIFY_CREDENTIAL, { credential: downloaded })).data!.verifyCredential.valid).toBe(true);
    }
    // Idempotent, and no longer owed.
    expect(((await as('admin', ISSUE, { attemptId: owed.attemptId })).data!.issueCertificates as any[]).map((c) => c.id)).toEqual(certificates.map((c) => c.id));
    expect(((await as('admin', TO_ISSUE)).data!.certificatesToIssue as any[]).some((row) => row.attemptId === owed.attemptId)).toBe(false);

    const profile = await (await fetch(credential.issuer.url)).json();
    expect(profile.verificationMethod.map((method: any) => method.id)).toEqual(keys.map((key) => key.verificationMethod));
  });
});

describe('revocation', () => {
  it('needs a reason, is for admins, and makes verification fail with its public code (the reason stays with admins)', async () => {
    const short = await as('admin', REVOKE, { id: certificateId, reason: ' ' });
    expect(codeOf(short)).toBe('VALIDATION_FAILED');
    for (const who of ['partnerA', 'c07', 'juror1']) expect(codeOf(await as(who, REVOKE, { id: certificateId, reason: 'Fraude au dossier' }))).toBe('FORBIDDEN');
    expect(codeOf(await as('admin', REVOKE, { id: '00000000-0000-4000-8000-000000000000', reason: 'Fraude au dossier' }))).toBe('NOT_FOUND');
    expect((await myCertificates('c07'))[0].revoked).toBe(false);

    // Sarah's journey page is told live (it reloads her certificates).
    const socket = wsClient(server.wsUrl, token.c07);
    try {
      const events = collect(socket, `subscription { scheduleEvents { type attemptId payload } }`, {}, 1);
      await events.ready;
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscription register
      const revoked = (await as('admin', REVOKE, { id: certificateId, reason: 'Fraude au dossier projet (plagiat)' })).data!.revokeCertificate;
      expect(revoked).toMatchObject({ id: certificateId, revoked: true, revocationReason: 'Fraude au dossier projet (plagiat)' });
      const [event] = await events.done;
      expect(event.scheduleEvents).toMatchObject({ type: 'CERTIFICATE_REVOKED', attemptId: attempt07, payload: { certificateId } });
    } finally {
      await socket.dispose();
    }

    const verified = (await as(null, VERIFY_CREDENTIAL, { credential })).data!.verifyCredential;
    expect(verified).toMatchObject({ valid: false, revoked: true, revocationReason: 'décision de l’organisme certificateur' });
    const notRevoked = verified.checks.find((check: any) => check.name === 'NOT_REVOKED');
    expect(notRevoked.ok).toBe(false);
    expect(notRevoked.message).toContain('décision de l’organisme certificateur');
    expect(JSON.stringify(verified)).not.toContain('plagiat');
    // The signature itself is still right: revocation is a status, not a change of the document.
    expect(verified.checks.find((check: any) => check.name === 'SIGNATURE').ok).toBe(true);
    expect((await as(null, VERIFY_ID, { id: certificateId })).data!.verifyCertificate).toMatchObject({ valid: false, revoked: true });

    // The legacy per-credential status (credentials issued before the status list) publishes the code only.
    const status = await (await fetch(`${server.url}/credentials/${certificateId}/status`)).json();
    expect(status.revokedCredentials).toEqual([expect.objectContaining({ id: credential.id, revocationReason: 'ISSUER_DECISION' })]);
    const list = await (await fetch(credential.credentialStatus.statusListCredential)).text();
    expect(list).not.toContain('plagiat');
    expect((await myCertificates('c07'))[0]).toMatchObject({ revoked: true, revocationReason: 'décision de l’organisme certificateur' });
    // The certifier's admins keep the words they wrote.
    const adminView = ((await as('admin', `query { recentCertificates(first: 50) { id revocationReason revocationCode } }`)).data!.recentCertificates as any[]).find((c) => c.id === certificateId);
    expect(adminView).toMatchObject({ revocationReason: 'Fraude au dossier projet (plagiat)', revocationCode: 'ISSUER_DECISION' });

    const audit = (await as('admin', `query ($id: ID!) { auditEntries(entityType: "Certificate", entityId: $id) { action actorKind data } }`, { id: certificateId })).data!.auditEntries as any[];
    expect(audit.map((entry) => entry.action)).toEqual(['certificate.issued', 'certificate.revoked']);

    expect(codeOf(await as('admin', REVOKE, { id: certificateId, reason: 'Encore' }))).toBe('INVALID_STATE');
  });
});
