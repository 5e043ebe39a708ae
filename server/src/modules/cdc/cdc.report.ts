// Parses the CDC's processing report ("accusé de traitement"): XML, namespace urn:cdc:cpf:pc5:rapport:schema,
// root `rapport` with nomFichier, idFlux, idTraitement, PassagesKO/passage (idTechnique, messageErreur…) and
// PassagesOK/idTechnique. Pure: text in, a CdcReport or the list of problems out.
// Reports come in several shapes, all accepted: no namespace at all (seed 002's KO lines), the namespace as the
// default one, on a prefix for every element, or on a prefix for the root only with unprefixed children. Refused,
// naming what was found: a DOCTYPE (no entity or DTD is ever read), another root, another namespace, a prefix
// bound to another namespace or to none.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CdcReport } from './cdc.rules.ts';
import { normaliseText } from './cdc.rules.ts';

export const CDC_REPORT_NAMESPACE = 'urn:cdc:cpf:pc5:rapport:schema';
/** Largest report accepted (a report lists at most one line per passage of a batch). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

export type ReportProblem =
  | { code: 'MALFORMED'; detail: string }
  | { code: 'ROOT'; found: string | null }
  | { code: 'NAMESPACE'; found: string | null }
  | { code: 'DOCTYPE' }
  | { code: 'PREFIX'; prefix: string; found: string | null }
  | { code: 'REQUIRED'; element: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => /(^|:)(passage|idTechnique|messageErreur)$/.test(name),
  processEntities: false,
});

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The children of an element by local name (namespace prefixes vary between producers). */
function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (!key.startsWith('@') && localName(key) === name) return value;
  }
  return undefined;
}

function text(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') return normaliseText(decodeEntities(String((node as Record<string, unknown>)['#text'] ?? '')));
  return normaliseText(decodeEntities(String(node)));
}

const list = (node: unknown): unknown[] => (node === undefined || node === null || node === '' ? [] : Array.isArray(node) ? node : [node]);

/** XML's predefined entities and character references, decoded by hand (the parser reads no entity). */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeEntities = (value: string) =>
  value.includes('&')
    ? value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) =>
        ref[0] === '#' ? String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)) : ENTITIES[ref],
      )
    : value;

/** Namespace declarations of an element: prefix ('' for the default namespace) → URI. */
function declarations(node: unknown, inherited: Map<string, string>): Map<string, string> {
  if (!node || typeof node !== 'object') return inherited;
  let scope = inherited;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === '@xmlns' || key.startsWith('@xmlns:')) {
      if (scope === inherited) scope = new Map(inherited);
      scope.set(key === '@xmlns' ? '' : key.slice(7), String(value));
    }
  }
  return scope;
}

/**
 * Checks the namespace of each element of the report's top levels (root, its children, the KO lines and their
 * children): unprefixed elements may be in no namespace or the report's; a prefix must be bound to the report's.
 */
function namespaceProblem(key: string, node: unknown, scope: Map<string, string>, depth: number): ReportProblem | null {
  const here = declarations(node, scope);
  const colon = key.indexOf(':');
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    const uri = here.get(prefix) ?? null;
    if (uri !== CDC_REPORT_NAMESPACE) return depth === 0 ? { code: 'NAMESPACE', found: uri ?? `${prefix}:` } : { code: 'PREFIX', prefix, found: uri };
  } else {
    const uri = here.get('') ?? null;
    if (uri !== null && uri !== '' && uri !== CDC_REPORT_NAMESPACE) return { code: 'NAMESPACE', found: uri };
  }
  if (depth >= 3 || !node || typeof node !== 'object') return null;
  for (const [childKey, value] of Object.entries(node as Record<string, unknown>)) {
    if (childKey.startsWith('@') || childKey.startsWith('#')) continue;
    // Only the first item of a repeated element is checked: a report repeats one shape per line.
    const first = Array.isArray(value) ? value[0] : value;
    const problem = namespaceProblem(childKey, first, here, depth + 1);
    if (problem) return problem;
  }
  return null;
}

export function parseCdcReport(xml: string): { report: CdcReport } | { problems: ReportProblem[] } {
  // A DOCTYPE could declare entities (expansion bombs, external files): refused before anything reads it.
  if (/<!DOCTYPE/i.test(xml)) return { problems: [{ code: 'DOCTYPE' }] };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problems: [{ code: 'MALFORMED', detail: `${valid.err.msg} (${valid.err.line}:${valid.err.col})` }] };
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootKey = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  if (!rootKey || localName(rootKey) !== 'rapport') return { problems: [{ code: 'ROOT', found: rootKey ?? null }] };
  const root = doc[rootKey] as Record<string, unknown>;
  const namespace = namespaceProblem(rootKey, root, new Map(), 0);
  if (namespace) return { problems: [namespace] };

  const problems: ReportProblem[] = [];
  const idFlux = text(child(root, 'idFlux'));
  const idTraitement = text(child(root, 'idTraitement'));
  if (!idFlux) problems.push({ code: 'REQUIRED', element: 'idFlux' });
  if (!idTraitement) problems.push({ code: 'REQUIRED', element: 'idTraitement' });
  const ok: string[] = [];
  for (const id of list(child(child(root, 'PassagesOK'), 'idTechnique'))) {
    const value = text(id);
    if (value) ok.push(value);
    else problems.push({ code: 'REQUIRED', element: 'PassagesOK/idTechnique' });
  }
  const ko: CdcReport['ko'] = [];
  for (const passage of list(child(child(root, 'PassagesKO'), 'passage'))) {
    const idTechnique = text(child(passage, 'idTechnique'));
    if (!idTechnique) {
      problems.push({ code: 'REQUIRED', element: 'PassagesKO/passage/idTechnique' });
      continue;
    }
    // Every messageErreur of the line, in order.
    const messages = list(child(passage, 'messageErreur')).map(text).filter((m): m is string => Boolean(m));
    ko.push({ idTechnique, messageErreur: messages.join(' | '), messages });
  }
  if (problems.length) return { problems };
  return { report: { nomFichier: text(child(root, 'nomFichier')), idFlux: idFlux!, idTraitement: idTraitement!, ok, ko } };
}

/**
 * The text of an uploaded report: UTF-8 (a BOM dropped) unless its XML declaration names ISO-8859-1 / Latin-1 /
 * Windows-1252, decoded as such (so that accented CDC messages are kept as they were written).
 */
export function decodeReport(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const encoding = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (encoding && ['iso-8859-1', 'iso-8859-15', 'latin1', 'latin-1', 'windows-1252', 'cp1252'].includes(encoding)) {
    return new TextDecoder(encoding === 'iso-8859-15' ? 'iso-8859-15' : 'windows-1252').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
