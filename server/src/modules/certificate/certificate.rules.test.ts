// The credential, its eddsa-jcs-2022 proof and offline verification, with nothing but the JSON and a key.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appSecretFrom } from '../../lib/secrets.ts';
import { decryptPrivateKey, encryptPrivateKey } from './certificate.keys.ts';
import {
  buildCredential,
  certificateIdOf,
  certificateScopes,
  franceCompetencesUrl,
  hashedEmailIdentifier,
  linkedInAddUrl,
  publicKeyFromMultibase,
  publicKeyMultibase,
  signCredential,
  verifyCredentialOffline,
  type CredentialInput,
  type JsonObject,
} from './certificate.rules.ts';
import { certifierIdOfDid, didWebDocumentUrl, issuerDid } from './certificate.jsonld.ts';
import { prefersJson } from './certificate.http.ts';

const input: CredentialInput = {
  publicUrl: 'https://certijury.example',
  certificateId: '5f0c2a3e-8d1b-4c7a-9e2f-1a2b3c4d5e6f',
  issuedAt: new Date('2026-05-04T10:00:00.123Z'),
  issuer: {
    id: 'did:web:certijury.example:issuers:0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    certifierId: '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    name: 'Certif’Expert',
    siret: '12345678900011',
    image: 'https://certijury.example/issuers/0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d/logo.svg',
  },
  holder: { name: 'Élodie MARTIN', email: 'Elodie.Martin@example.fr' },
  credentialStatus: {
    id: 'https://certijury.example/issuers/0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d/status/revocation#4242',
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '4242',
    statusListCredential: 'https://certijury.example/issuers/0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d/status/revocation',
  },
  achievementImage: 'https://certijury.example/issuers/0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d/badge.svg',
  holderSalt: 'a1b2c3',
  certification: { registry: 'RNCP', code: 'RNCP36004', title: 'Responsable de la relation client' },
  block: null,
  validatedBlocks: [
    { code: 'RNCP36004BC01', title: 'Piloter la relation client' },
    { code: 'RNCP36004BC02', title: 'Manager une équipe' },
  ],
  juryDate: new Date('2026-04-20T10:00:00Z'),
};

const keys = () => generateKeyPairSync('ed25519');

function signed(overrides: Partial<CredentialInput> = {}) {
  const { publicKey, privateKey } = keys();
  const credential = signCredential(buildCredential({ ...input, ...overrides }), privateKey, publicKey, input.issuedAt);
  return { credential, publicKey, multibase: publicKeyMultibase(publicKey) };
}

const clone = (value: JsonObject): any => JSON.parse(JSON.stringify(value));
const check = (result: ReturnType<typeof verifyCredentialOffline>, name: string) => result.checks.find((c) => c.name === name);

describe('the credential', () => {
  it('is an OpenBadgeCredential with an eddsa-jcs-2022 DataIntegrityProof by a did:key', () => {
    const { credential, multibase } = signed();
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      id: `https://certijury.example/credentials/${input.certificateId}`,
      name: 'Responsable de la relation client',
      validFrom: '2026-05-04T10:00:00Z',
      issuer: {
        id: input.issuer.id,
        type: ['Profile'],
        name: 'Certif’Expert',
        url: `https://certijury.example/issuers/${input.issuer.certifierId}`,
        image: { id: input.issuer.image, type: 'Image' },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '4242' },
      credentialSubject: {
        type: ['AchievementSubject'],
        // OB 3.0 has no AchievementSubject.name: the name is an IdentityObject.
        identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Élodie MARTIN' }, { identityType: 'emailAddress', hashed: true }],
        achievement: {
          type: ['Achievement'],
          image: { id: input.achievementImage, type: 'Image' },
          achievementType: 'Certification',
          name: 'Responsable de la relation client',
          alignment: [{ targetUrl: 'https://www.francecompetences.fr/recherche/rncp/36004/', targetCode: 'RNCP36004' }],
        },
      },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod', verificationMethod: `did:key:${multibase}#${multibase}` },
    });
    expect((credential.proof as JsonObject)['@context']).toEqual(credential['@context']);
    expect(multibase).toMatch(/^z6Mk/);
    expect((credential.proof as JsonObject).proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(JSON.stringify(credential.issuer)).toContain('12345678900011');
    const subject = credential.credentialSubject as any;
    expect(subject.result.map((r: any) => r.resultDescription)).toEqual(subject.achievement.resultDescription.map((d: any) => d.id));
    expect(subject.achievement.resultDescription.map((d: any) => d.name)).toEqual(['RNCP36004BC01 — Piloter la relation client', 'RNCP36004BC02 — Manager une équipe']);
  });

  it('hashes the holder e-mail (OB3 IdentityObject) and never carries it in clear', () => {
    const { credential } = signed();
    expect(JSON.stringify(credential).toLowerCase()).not.toContain('elodie.martin@example.fr');
    const identifier = (credential.credentialSubject as any).identifier[1];
    expect(identifier).toEqual(hashedEmailIdentifier(' elodie.martin@EXAMPLE.fr', 'a1b2c3'));
    expect(identifier).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'a1b2c3' });
    expect(identifier.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
  });

  it('for a block: names the block, a Certificate, aligned to the fiche', () => {
    const block = { code: 'RNCP36004BC02', title: 'Manager une équipe' };
    const credential = buildCredential({ ...input, block, validatedBlocks: [block] }) as any;
    expect(credential.name).toBe('Responsable de la relation client — RNCP36004BC02 Manager une équipe');
    expect(credential.credentialSubject.achievement).toMatchObject({ achievementType: 'Certificate', humanCode: 'RNCP36004BC02' });
    expect(credential.credentialSubject.achievement.id).toBe('https://certijury.example/achievements/RNCP36004/RNCP36004BC02');
  });

  it('aligns RNCP and RS fiches to their France Compétences page, nothing else', () => {
    expect(franceCompetencesUrl('RNCP', 'RNCP36004')).toBe('https://www.francecompetences.fr/recherche/rncp/36004/');
    expect(franceCompetencesUrl('RS', 'RS5678')).toBe('https://www.francecompetences.fr/recherche/rs/5678/');
    expect(franceCompetencesUrl('CQP', 'CQP-LOG-01')).toBeNull();
    expect((buildCredential({ ...input, certification: { registry: 'CLEA', code: 'CLEA', title: 'CléA' } }) as any).credentialSubject.achievement.alignment).toBeUndefined();
  });

  it('finds the certificate id in the credential id, whatever the host', () => {
    expect(certificateIdOf(`http://localhost:4000/credentials/${input.certificateId}`)).toBe(input.certificateId);
    expect(certificateIdOf('https://evil.example/other/123')).toBeNull();
    expect(certificateIdOf(42)).toBeNull();
  });
});

describe('offline verification', () => {
  it('accepts the signed credential with its own did:key, and with the trusted key', () => {
    const { credential, multibase } = signed();
    const result = verifyCredentialOffline(clone(credential));
    expect(result).toMatchObject({ valid: true, publicKeyMultibase: multibase, certificateId: input.certificateId, holderName: 'Élodie MARTIN', issuerName: 'Certif’Expert' });
    expect(result.checks).toEqual([{ name: 'FORMAT', ok: true }, { name: 'SIGNATURE', ok: true }]);
    expect(verifyCredentialOffline(clone(credential), multibase).valid).toBe(true);
  });

  it('verifies the eddsa-jcs-2022 example of the W3C vc-di-eddsa specification (interoperability)', () => {
    const context = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'];
    const key = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
    const example = {
      '@context': context,
      id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
      type: ['VerifiableCredential', 'AlumniCredential'],
      name: 'Alumni Credential',
      description: 'A minimum viable example of an Alumni Credential.',
      issuer: `did:key:${key}`,
      validFrom: '2023-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
      proof: {
        type: 'DataIntegrityProof',
        created: '2023-02-24T23:36:38Z',
        verificationMethod: `did:key:${key}#${key}`,
        cryptosuite: 'eddsa-jcs-2022',
        proofPurpose: 'assertionMethod',
        '@context': context,
        proofValue: 'z5EhYRJkfPLkoT92FPXN8KK6M9rsBhq3xs19GBSsA6VdNYH4QMKSyNuA2Gfznz9QthVD7Rz3HTAfqxxay23htUpTg',
      },
    };
    // Not an Open Badge (FORMAT), but its signature is right: our hashing is the specification's.
    expect(check(verifyCredentialOffline(example, key), 'SIGNATURE')).toEqual({ name: 'SIGNATURE', ok: true });
    const changed = clone(example);
    changed.credentialSubject.alumniOf = 'Another School';
    expect(check(verifyCredentialOffline(changed, key), 'SIGNATURE')?.ok).toBe(false);
  });

  it('does not depend on key order (JCS)', () => {
    const { credential } = signed();
    const reversed = Object.fromEntries(Object.entries(clone(credential)).reverse());
    expect(verifyCredentialOffline(reversed).valid).toBe(true);
  });

  const tampers: [string, (c: any) => void][] = [
    ['the holder name', (c) => (c.credentialSubject.identifier[0].identityHash = 'Mallory MARTIN')],
    ['the achievement name', (c) => (c.credentialSubject.achievement.name = 'Directeur général')],
    ['a validated block', (c) => c.credentialSubject.result.push({ type: ['Result'], resultDescription: 'x', status: 'Completed' })],
    ['the issuer', (c) => (c.issuer.name = 'Autre organisme')],
    ['the date', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['the status', (c) => delete c.credentialStatus],
    ['the proof date', (c) => (c.proof.created = '2020-01-01T00:00:00Z')],
    ['the context', (c) => c['@context'].push('https://example.org/extra')],
    ['an added field', (c) => (c.credentialSubject.extra = true)],
  ];
  for (const [what, tamper] of tampers) {
    it(`rejects a change of ${what}`, () => {
      const { credential } = signed();
      const changed = clone(credential);
      tamper(changed);
      const result = verifyCredentialOffline(changed);
      expect(result.valid).toBe(false);
      expect(check(result, 'SIGNATURE')?.ok).toBe(false);
    });
  }

  it('rejects a forged proof value, a missing proof and what is not a credential', () => {
    const { credential } = signed();
    const forged = clone(credential);
    const value: string = forged.proof.proofValue;
    forged.proof.proofValue = value.slice(0, -2) + (value.endsWith('1') ? '22' : '11');
    expect(verifyCredentialOffline(forged).valid).toBe(false);
    const bare = clone(credential);
    delete bare.proof;
    expect(check(verifyCredentialOffline(bare), 'FORMAT')?.ok).toBe(false);
    expect(verifyCredentialOffline('hello').valid).toBe(false);
    expect(verifyCredentialOffline(null).valid).toBe(false);
  });

  it('rejects a credential re-signed by another key when a key is trusted, and a swapped verification method', () => {
    const { credential, multibase } = signed();
    const other = keys();
    const resigned = signCredential(clone(credential), other.privateKey, other.publicKey, input.issuedAt);
    // Self-consistent (its own did:key), but not the issuer's trusted key.
    expect(verifyCredentialOffline(resigned).valid).toBe(true);
    expect(verifyCredentialOffline(resigned, multibase).valid).toBe(false);
    // Naming another key without re-signing breaks the signature.
    const swapped = clone(credential);
    const otherMultibase = publicKeyMultibase(other.publicKey);
    swapped.proof.verificationMethod = `did:key:${otherMultibase}#${otherMultibase}`;
    expect(verifyCredentialOffline(swapped).valid).toBe(false);
  });

  it('after a rotation, credentials of the old key and of the new one both verify with their own key', () => {
    const before = signed();
    const after = signed();
    expect(before.multibase).not.toBe(after.multibase);
    expect(verifyCredentialOffline(clone(before.credential), before.multibase).valid).toBe(true);
    expect(verifyCredentialOffline(clone(after.credential), after.multibase).valid).toBe(true);
    expect(verifyCredentialOffline(clone(before.credential), after.multibase).valid).toBe(false);
  });
});

describe('keys', () => {
  it('round-trips the did:key multibase', () => {
    const { publicKey } = keys();
    const multibase = publicKeyMultibase(publicKey);
    expect(publicKeyMultibase(publicKeyFromMultibase(multibase)!)).toBe(multibase);
    expect(publicKeyFromMultibase('zNotAKey')).toBeNull();
    expect(publicKeyFromMultibase('u' + multibase.slice(1))).toBeNull();
  });

  it('encrypts the private key at rest, bound to its id and to the server secret', () => {
    const secret = appSecretFrom(Buffer.alloc(32, 7));
    const { privateKey } = keys();
    const stored = encryptPrivateKey(secret, 'key-1', privateKey);
    expect(stored).not.toContain(privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'));
    const decrypted = decryptPrivateKey(secret, 'key-1', stored);
    expect(decrypted.export({ format: 'jwk' })).toEqual(privateKey.export({ format: 'jwk' }));
    expect(() => decryptPrivateKey(secret, 'key-2', stored)).toThrow();
    expect(() => decryptPrivateKey(appSecretFrom(Buffer.alloc(32, 8)), 'key-1', stored)).toThrow();
  });
});

describe('LinkedIn and scopes', () => {
  it('prefills the name, issuer, date and verification URL, URL-encoded', () => {
    const url = new URL(linkedInAddUrl({ name: 'Responsable de la relation client', issuerName: 'Certif’Expert & Co', issuedAt: new Date('2026-05-04T10:00:00Z'), certificateId: input.certificateId, publicUrl: 'https://certijury.example' }));
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Responsable de la relation client',
      organizationName: 'Certif’Expert & Co',
      issueYear: '2026',
      issueMonth: '5',
      certUrl: `https://certijury.example/verify/${input.certificateId}`,
      certId: input.certificateId,
    });
    expect(url.search).toContain('name=Responsable%20de%20la%20relation%20client');
  });

  it('one certificate for a CERTIFIED decision, one per validated block for a partial one, none otherwise', () => {
    expect(certificateScopes('CERTIFIED', ['B1', 'B2'])).toEqual(['ALL']);
    expect(certificateScopes('PARTIALLY_CERTIFIED', ['B1', 'B3', 'B1'])).toEqual(['B1', 'B3']);
    expect(certificateScopes('NOT_CERTIFIED', [])).toEqual([]);
  });
});

describe('did:web', () => {
  it('derives the issuer DID from PUBLIC_URL (port encoded, path kept) and resolves it where it is served', () => {
    const id = '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
    expect(issuerDid('https://certification.example.fr', id)).toBe(`did:web:certification.example.fr:issuers:${id}`);
    expect(issuerDid('http://localhost:3000', id)).toBe(`did:web:localhost%3A3000:issuers:${id}`);
    expect(issuerDid('https://example.fr/certijury', id)).toBe(`did:web:example.fr:certijury:issuers:${id}`);
    expect(didWebDocumentUrl(`did:web:example.fr:certijury:issuers:${id}`)).toBe(`https://example.fr/certijury/issuers/${id}/did.json`);
    expect(didWebDocumentUrl(`did:web:localhost%3A3000:issuers:${id}`)).toBe(`https://localhost:3000/issuers/${id}/did.json`);
    expect(didWebDocumentUrl('did:web:example.fr')).toBe('https://example.fr/.well-known/did.json');
    expect(certifierIdOfDid(`did:web:example.fr:certijury:issuers:${id}`)).toBe(id);
  });

  it('answers JSON only to an Accept that prefers it', () => {
    expect(prefersJson('application/ld+json')).toBe(true);
    expect(prefersJson('application/json, text/html;q=0.5')).toBe(true);
    expect(prefersJson('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(false);
    expect(prefersJson('*/*')).toBe(false);
    expect(prefersJson(undefined)).toBe(false);
    expect(prefersJson('application/json;q=0')).toBe(false);
  });
});
