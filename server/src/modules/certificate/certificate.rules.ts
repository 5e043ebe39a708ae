// Verifiable certificates, pure rules: the Open Badges 3.0 credential (a W3C Verifiable Credential), its
// Data Integrity proof with the `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa: SHA-256 of the JCS-canonical
// proof options ‖ SHA-256 of the JCS-canonical document, signed with Ed25519, `proofValue` multibase
// base58btc), the key named by its multibase (a did:key, or the issuer's did:web with the multibase as fragment),
// offline verification and the LinkedIn "add to profile" link. (The eddsa-rdfc-2022 proof, the DID document and
// the status list: certificate.jsonld.ts.) No database here: `verifyCredentialOffline` needs only the credential JSON (and, optionally, the
// public key the verifier trusts).
import { createHash, createHmac, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { base58 } from '@scure/base';

export const CREDENTIAL_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
export const CREDENTIAL_TYPE = ['VerifiableCredential', 'OpenBadgeCredential'] as const;
export const CRYPTOSUITE = 'eddsa-jcs-2022';
/** The status type of credentials issued before the W3C status list (their `/credentials/<id>/status`). */
export const REVOCATION_LIST_TYPE = '1EdTechRevocationList';
/** The one media type of a credential (VC 2.0 §6.3, registered with IANA): the routes, the schema, docs/modules/certificates.md. */
export const CREDENTIAL_MEDIA_TYPE = 'application/vc';
/** A certificate for the whole certification; otherwise its scope is the block code. */
export const WHOLE_CERTIFICATION = 'ALL';

/** Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint: 0xed 0x01). */
const ED25519_MULTICODEC = Uint8Array.from([0xed, 0x01]);

export type JsonObject = { [key: string]: unknown };

// ─── Keys and did:key ───

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The multibase (base58btc, `z6Mk…`) form of an Ed25519 public key, as did:key uses it. */
export function publicKeyMultibase(key: KeyObject): string {
  return 'z' + base58.encode(Uint8Array.from([...ED25519_MULTICODEC, ...rawPublicKey(key)]));
}

/** The public key of a `z6Mk…` multibase value; null when it is not an Ed25519 key. */
export function publicKeyFromMultibase(multibase: string): KeyObject | null {
  if (!multibase.startsWith('z')) return null;
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(multibase.slice(1));
  } catch {
    return null;
  }
  if (bytes.length !== 34 || bytes[0] !== ED25519_MULTICODEC[0] || bytes[1] !== ED25519_MULTICODEC[1]) return null;
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes.slice(2)).toString('base64url') }, format: 'jwk' });
}

/** `did:key:z6Mk…#z6Mk…`: the verification method naming the key itself. */
export function verificationMethodFor(multibase: string): string {
  return `did:key:${multibase}#${multibase}`;
}

/**
 * The key's multibase out of a verification method: a did:key, or one of our issuer DIDs (`did:web:…#z6Mk…`, the
 * key's multibase as fragment); null for anything else. (Whether the key is the issuer's is KNOWN_KEY's question.)
 */
export function multibaseOfVerificationMethod(verificationMethod: unknown): string | null {
  if (typeof verificationMethod !== 'string') return null;
  const web = /^did:web:[^#]+#(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(verificationMethod);
  if (web) return web[1];
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(verificationMethod);
  if (!match || (match[2] && match[2] !== match[1])) return null;
  return match[1];
}

// ─── The credential ───

export interface CredentialInput {
  publicUrl: string;
  certificateId: string;
  issuedAt: Date;
  /** `id` is the issuer's DID (certificate.jsonld.ts issuerDid); `image` its logo's URL. */
  issuer: { id: string; certifierId: string; name: string; siret: string; image: string };
  /** `did`: the holder's own DID, when known (holder binding as `credentialSubject.id`). */
  holder: { name: string; email: string | null; did?: string | null };
  /** The credential's BitstringStatusListEntry. */
  credentialStatus: JsonObject;
  /** The achievement's image (a badge). */
  achievementImage: string;
  /** The salt of the hashed holder identifier (derived per certificate from the server secret). */
  holderSalt: string;
  certification: { registry: string; code: string; title: string };
  /** The block it certifies (a BY_BLOCK certificate), or null for the whole certification. */
  block: { code: string; title: string } | null;
  /** The blocks validated by the decision (for the whole certification: its blocks). */
  validatedBlocks: { code: string; title: string }[];
  juryDate: Date;
}

export const credentialUrl = (publicUrl: string, certificateId: string) => `${publicUrl}/credentials/${certificateId}`;
export const credentialStatusUrl = (publicUrl: string, certificateId: string) => `${credentialUrl(publicUrl, certificateId)}/status`;
export const issuerUrl = (publicUrl: string, certifierId: string) => `${publicUrl}/issuers/${certifierId}`;
export const verificationPageUrl = (publicUrl: string, certificateId: string) => `${publicUrl}/verify/${certificateId}`;

/** The certificate id at the end of a credential id (`…/credentials/<uuid>`), whatever the host. */
export function certificateIdOf(credentialId: unknown): string | null {
  if (typeof credentialId !== 'string') return null;
  return /\/credentials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(credentialId)?.[1]?.toLowerCase() ?? null;
}

/** The certifier id at the end of an issuer id: our DID (`did:web:…:issuers:<uuid>`) or, before it, `…/issuers/<uuid>`. */
export function certifierIdOf(issuerId: unknown): string | null {
  if (typeof issuerId !== 'string') return null;
  return /(?:\/|^did:web:.*:)issuers[/:]([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(issuerId)?.[1]?.toLowerCase() ?? null;
}

/** The achievement's URL: `/achievements/<certification code>[/<block code>]`. */
export const achievementUrl = (publicUrl: string, certificationCode: string, blockCode?: string | null) =>
  `${publicUrl}/achievements/${encodeURIComponent(certificationCode)}${blockCode ? `/${encodeURIComponent(blockCode)}` : ''}`;

/** Seconds precision, as credentials usually carry (`2026-05-04T10:00:00Z`). */
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The France Compétences page of an RNCP or RS fiche (other registries have none). */
export function franceCompetencesUrl(registry: string, code: string): string | null {
  const digits = /^(?:RNCP|RS)(\d+)$/.exec(code)?.[1];
  if (!digits || (registry !== 'RNCP' && registry !== 'RS')) return null;
  return `https://www.francecompetences.fr/recherche/${registry.toLowerCase()}/${digits}/`;
}

const REGISTRY_NAMES: Record<string, string> = {
  RNCP: 'Répertoire national des certifications professionnelles (RNCP)',
  RS: 'Répertoire spécifique (RS)',
};

/** OB3 achievementType: a block is a certificate of competences; RS fiches are certificates; the rest certifications. */
export function achievementTypeFor(registry: string, isBlock: boolean): 'Certificate' | 'Certification' {
  return isBlock || registry === 'RS' ? 'Certificate' : 'Certification';
}

/** OB3 IdentityObject: `sha256$` + hex SHA-256 of the normalised e-mail followed by the salt. */
export function hashedEmailIdentifier(email: string, salt: string) {
  const identityHash = 'sha256$' + createHash('sha256').update(email.trim().toLowerCase() + salt).digest('hex');
  return { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash, salt };
}

/** The per-certificate salt: an HMAC of the certificate id under the server's `holder-identifier` key. */
export function holderSaltFor(holderIdentifierKey: Buffer, certificateId: string): string {
  return createHmac('sha256', holderIdentifierKey).update(certificateId).digest('hex').slice(0, 32);
}

/**
 * OB3 IdentityObject of the holder's name (OB 3.0 §B.1.12: `identityType` "name", `hashed` false, the name itself
 * in `identityHash`): Open Badges has no `name` property on an AchievementSubject.
 */
export function nameIdentifier(name: string) {
  return { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: name };
}

/** The holder's name in a credential: its `name` IdentityObject (or, in credentials issued before, `name`). */
export function holderNameOfCredential(subject: unknown): string | null {
  if (typeof subject !== 'object' || subject === null) return null;
  const { identifier, name } = subject as { identifier?: unknown; name?: unknown };
  const identifiers = Array.isArray(identifier) ? identifier : identifier ? [identifier] : [];
  const named = identifiers.find((entry) => entry && typeof entry === 'object' && entry.identityType === 'name' && entry.hashed === false && typeof entry.identityHash === 'string');
  return named ? named.identityHash : typeof name === 'string' ? name : null;
}

/** The achievement (also answered alone, as JSON-LD, at its URL). */
export function buildAchievement(input: Pick<CredentialInput, 'publicUrl' | 'certification' | 'block' | 'validatedBlocks' | 'achievementImage'>): JsonObject {
  const { publicUrl, certification, block } = input;
  const achievementId = achievementUrl(publicUrl, certification.code, block?.code);
  const name = block ? `${certification.title} — ${block.code} ${block.title}` : certification.title;
  const pageUrl = franceCompetencesUrl(certification.registry, certification.code);
  const blockResult = (code: string) => `${achievementId}#block-${encodeURIComponent(code)}`;
  return {
    id: achievementId,
    type: ['Achievement'],
    achievementType: achievementTypeFor(certification.registry, block !== null),
    name,
    description: block
      ? `Bloc de compétences ${block.code} « ${block.title} » de la certification ${certification.code} « ${certification.title} », validé par le jury.`
      : `Certification ${certification.code} « ${certification.title} », délivrée après décision du jury.`,
    criteria: {
      narrative: block
        ? `Toutes les compétences du bloc ${block.code} ont atteint le niveau minimum requis par le référentiel, selon la décision du jury d'évaluation.`
        : `Les compétences du référentiel de la certification ${certification.code} ont été évaluées par un jury indépendant et validées selon la règle de décision de la certification.`,
    },
    image: { id: input.achievementImage, type: 'Image', caption: name },
    humanCode: block ? block.code : certification.code,
    ...(pageUrl
      ? {
          alignment: [
            {
              type: ['Alignment'],
              targetType: 'ext:FranceCompetencesFiche',
              targetName: `${certification.code} — ${certification.title}`,
              targetCode: block ? block.code : certification.code,
              targetFramework: REGISTRY_NAMES[certification.registry],
              targetUrl: pageUrl,
            },
          ],
        }
      : {}),
    resultDescription: input.validatedBlocks.map((validated) => ({
      id: blockResult(validated.code),
      type: ['ResultDescription'],
      name: `${validated.code} — ${validated.title}`,
      resultType: 'Status',
    })),
  };
}

/** The unsigned credential (OpenBadgeCredential). */
export function buildCredential(input: CredentialInput): JsonObject {
  const { publicUrl, certificateId } = input;
  const achievement = buildAchievement(input);
  const blockResult = (code: string) => `${achievement.id}#block-${encodeURIComponent(code)}`;
  return {
    '@context': [...CREDENTIAL_CONTEXT],
    id: credentialUrl(publicUrl, certificateId),
    type: [...CREDENTIAL_TYPE],
    name: achievement.name,
    issuer: {
      id: input.issuer.id,
      type: ['Profile'],
      name: input.issuer.name,
      url: issuerUrl(publicUrl, input.issuer.certifierId),
      image: { id: input.issuer.image, type: 'Image', caption: input.issuer.name },
      otherIdentifier: [{ type: 'IdentifierEntry', identifier: input.issuer.siret, identifierType: 'ext:SIRET' }],
    },
    validFrom: isoSeconds(input.issuedAt),
    credentialSubject: {
      ...(input.holder.did ? { id: input.holder.did } : {}),
      type: ['AchievementSubject'],
      identifier: [nameIdentifier(input.holder.name), ...(input.holder.email ? [hashedEmailIdentifier(input.holder.email, input.holderSalt)] : [])],
      activityEndDate: isoSeconds(input.juryDate),
      achievement,
      result: input.validatedBlocks.map((validated) => ({ type: ['Result'], resultDescription: blockResult(validated.code), status: 'Completed' })),
    },
    credentialStatus: input.credentialStatus,
  };
}

// ─── eddsa-jcs-2022 ───

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('not canonicalizable');
  return text;
}

/** proofConfig hash ‖ document hash (vc-di-eddsa §3.3, "Hashing (eddsa-jcs-2022)"). */
function hashData(document: JsonObject, proofOptions: JsonObject): Buffer {
  // The proof configuration carries the document's @context (§3.3.5 "Proof Configuration (eddsa-jcs-2022)").
  const proofConfig = { ...proofOptions, ...(document['@context'] !== undefined ? { '@context': document['@context'] } : {}) };
  return Buffer.concat([sha256(jcs(proofConfig)), sha256(jcs(document))]);
}

/** Adds a DataIntegrityProof signed with the private key (whose public key is `publicKey`). */
export function signCredential(unsigned: JsonObject, privateKey: KeyObject, publicKey: KeyObject, created: Date, verificationMethod = verificationMethodFor(publicKeyMultibase(publicKey))): JsonObject {
  const { proof: _ignored, ...document } = unsigned;
  // The proof repeats the document's @context, as the spec's own examples do (vc-di-eddsa §3.3.1).
  const proofOptions = {
    type: 'DataIntegrityProof',
    cryptosuite: CRYPTOSUITE,
    created: isoSeconds(created),
    verificationMethod,
    proofPurpose: 'assertionMethod',
    '@context': document['@context'],
  };
  const signature = sign(null, hashData(document, proofOptions), privateKey);
  return { ...document, proof: { ...proofOptions, proofValue: 'z' + base58.encode(signature) } };
}

// ─── Verification ───

export type CheckName = 'FORMAT' | 'SIGNATURE' | 'KNOWN_KEY' | 'NOT_REVOKED' | 'MATCHES_RECORD';

export interface VerificationCheck {
  name: CheckName;
  ok: boolean;
  /** Why it failed (a message key suffix), when it did. */
  reason?: string;
}

export interface OfflineVerification {
  valid: boolean;
  checks: VerificationCheck[];
  /** The key that signed (multibase), when the proof names a did:key or a `did:web:…#z6Mk…`. */
  publicKeyMultibase: string | null;
  /** The DID whose key signed (the verification method without its fragment). */
  signerDid: string | null;
  certificateId: string | null;
  issuerId: string | null;
  issuerName: string | null;
  holderName: string | null;
  achievementName: string | null;
  issuedAt: string | null;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === 'string' ? value : null);

function formatIssue(credential: JsonObject): string | null {
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== CREDENTIAL_CONTEXT[0]) return 'context';
  const type = credential.type;
  if (!Array.isArray(type) || !CREDENTIAL_TYPE.every((t) => type.includes(t))) return 'type';
  if (!isObject(credential.issuer) || !str(credential.issuer.id)) return 'issuer';
  if (!isObject(credential.credentialSubject) || !isObject(credential.credentialSubject.achievement)) return 'subject';
  if (!str(credential.validFrom) || Number.isNaN(Date.parse(credential.validFrom as string))) return 'validFrom';
  const proof = jcsProofOf(credential.proof);
  if (!isObject(proof) || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== CRYPTOSUITE || proof.proofPurpose !== 'assertionMethod') return 'proof';
  if (typeof proof.proofValue !== 'string' || !proof.proofValue.startsWith('z')) return 'proof';
  return null;
}

/** The eddsa-jcs-2022 proof of a proof (or of a proof set, where other cryptosuites sign beside it). */
export function jcsProofOf(proof: unknown): JsonObject | null {
  const proofs = Array.isArray(proof) ? proof : [proof];
  return (proofs.find((entry) => isObject(entry) && entry.cryptosuite === CRYPTOSUITE) as JsonObject | undefined) ?? (Array.isArray(proof) ? null : isObject(proof) ? proof : null);
}

/**
 * Verifies a credential with nothing but itself: its format, and its eddsa-jcs-2022 signature by the did:key
 * its proof names. When `trustedPublicKey` (multibase) is given, the proof must also name that key.
 */
export function verifyCredentialOffline(credential: unknown, trustedPublicKey?: string): OfflineVerification {
  const result: OfflineVerification = {
    valid: false,
    checks: [],
    publicKeyMultibase: null,
    signerDid: null,
    certificateId: null,
    issuerId: null,
    issuerName: null,
    holderName: null,
    achievementName: null,
    issuedAt: null,
  };
  if (!isObject(credential)) {
    result.checks.push({ name: 'FORMAT', ok: false, reason: 'notObject' }, { name: 'SIGNATURE', ok: false, reason: 'notChecked' });
    return result;
  }
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  Object.assign(result, {
    certificateId: certificateIdOf(credential.id),
    issuerId: str(issuer.id),
    issuerName: str(issuer.name),
    holderName: holderNameOfCredential(subject),
    achievementName: isObject(subject.achievement) ? str(subject.achievement.name) : null,
    issuedAt: str(credential.validFrom),
  });
  const issue = formatIssue(credential);
  result.checks.push(issue ? { name: 'FORMAT', ok: false, reason: issue } : { name: 'FORMAT', ok: true });
  result.checks.push(checkSignature(credential, trustedPublicKey, result));
  result.valid = result.checks.every((check) => check.ok);
  return result;
}

function checkSignature(credential: JsonObject, trustedPublicKey: string | undefined, result: OfflineVerification): VerificationCheck {
  // A proof set: each proof signs the document without any of them (VC Data Integrity §2.1.2).
  const { proof: proofs, ...document } = credential;
  const proof = jcsProofOf(proofs);
  if (!isObject(proof) || typeof proof.proofValue !== 'string') return { name: 'SIGNATURE', ok: false, reason: 'noProof' };
  const multibase = multibaseOfVerificationMethod(proof.verificationMethod);
  const publicKey = multibase ? publicKeyFromMultibase(multibase) : null;
  if (!multibase || !publicKey) return { name: 'SIGNATURE', ok: false, reason: 'unknownMethod' };
  result.publicKeyMultibase = multibase;
  result.signerDid = String(proof.verificationMethod).split('#')[0];
  if (trustedPublicKey !== undefined && trustedPublicKey !== multibase) return { name: 'SIGNATURE', ok: false, reason: 'otherKey' };
  const { proofValue, ...proofOptions } = proof;
  // A proof @context must be the start of the document's (vc-di-eddsa §3.3.2 "Verify Proof").
  if (proofOptions['@context'] !== undefined && !startsWithContext(document['@context'], proofOptions['@context'])) {
    return { name: 'SIGNATURE', ok: false, reason: 'context' };
  }
  let signature: Uint8Array;
  try {
    signature = base58.decode((proofValue as string).slice(1));
  } catch {
    return { name: 'SIGNATURE', ok: false, reason: 'invalid' };
  }
  let ok = false;
  try {
    ok = signature.length === 64 && verify(null, hashData(document, proofOptions), publicKey, signature);
  } catch {
    ok = false;
  }
  return ok ? { name: 'SIGNATURE', ok: true } : { name: 'SIGNATURE', ok: false, reason: 'invalid' };
}

function startsWithContext(documentContext: unknown, proofContext: unknown): boolean {
  const documentList = Array.isArray(documentContext) ? documentContext : [documentContext];
  const proofList = Array.isArray(proofContext) ? proofContext : [proofContext];
  return proofList.every((entry, index) => sameCredential(entry, documentList[index]));
}

/** The same credential, whatever the order of its keys (JCS comparison). */
export function sameCredential(a: unknown, b: unknown): boolean {
  try {
    return jcs(a) === jcs(b);
  } catch {
    return false;
  }
}

// ─── LinkedIn and deadlines ───

/** LinkedIn's "add a licence or certification" link, prefilled. */
export function linkedInAddUrl(input: { name: string; issuerName: string; issuedAt: Date; certificateId: string; publicUrl: string }): string {
  const params = {
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.issuerName,
    issueYear: String(input.issuedAt.getUTCFullYear()),
    issueMonth: String(input.issuedAt.getUTCMonth() + 1),
    certUrl: verificationPageUrl(input.publicUrl, input.certificateId),
    certId: input.certificateId,
  };
  // encodeURIComponent (spaces as %20, not URLSearchParams' '+', which some readers keep literally).
  const query = Object.entries(params).map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `https://www.linkedin.com/profile/add?${query}`;
}

/** Certificates are issued within 30 days of the jury. */
export const ISSUE_WITHIN_DAYS = 30;
/** At risk when due within this many days. */
export const ISSUE_AT_RISK_DAYS = 7;

/** What a decision certifies: the whole certification, each validated block (BY_BLOCK partial), or nothing. */
export function certificateScopes(outcome: string, validatedBlockCodes: readonly string[]): string[] {
  if (outcome === 'CERTIFIED') return [WHOLE_CERTIFICATION];
  if (outcome === 'PARTIALLY_CERTIFIED') return [...new Set(validatedBlockCodes)];
  return [];
}
