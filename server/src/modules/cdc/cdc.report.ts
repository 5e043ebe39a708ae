// Parses the CDC's processing report ("accusé de traitement"): XML, namespace urn:cdc:cpf:pc5:rapport:schema,
// root `rapport` with nomFichier, idFlux, idTraitement, PassagesKO/passage (idTechnique, messageErreur) and
// PassagesOK/idTechnique. Pure: text in, a CdcReport or the list of problems out.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CdcReport } from './cdc.rules.ts';
import { normaliseText } from './cdc.rules.ts';

export const CDC_REPORT_NAMESPACE = 'urn:cdc:cpf:pc5:rapport:schema';
/** Largest report accepted (a report lists at most one line per passage of a batch). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

export type ReportProblem =
  | { code: 'MALFORMED'; detail: string }
  | { code: 'ROOT' }
  | { code: 'NAMESPACE'; found: string | null }
  | { code: 'REQUIRED'; element: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => /(^|:)(passage|idTechnique)$/.test(name),
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
  if (typeof node === 'object') return normaliseText(String((node as Record<string, unknown>)['#text'] ?? ''));
  return normaliseText(String(node));
}

const list = (node: unknown): unknown[] => (node === undefined || node === null || node === '' ? [] : Array.isArray(node) ? node : [node]);

export function parseCdcReport(xml: string): { report: CdcReport } | { problems: ReportProblem[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problems: [{ code: 'MALFORMED', detail: `${valid.err.msg} (${valid.err.line}:${valid.err.col})` }] };
  const doc = parser.parse(xml) as Record<string, unknown>;
  const rootKey = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  if (!rootKey || localName(rootKey) !== 'rapport') return { problems: [{ code: 'ROOT' }] };
  const root = doc[rootKey] as Record<string, unknown>;
  const prefix = rootKey.includes(':') ? rootKey.slice(0, rootKey.indexOf(':')) : null;
  const namespace = (root?.[prefix ? `@xmlns:${prefix}` : '@xmlns'] as string | undefined) ?? null;
  if (namespace !== CDC_REPORT_NAMESPACE) return { problems: [{ code: 'NAMESPACE', found: namespace }] };

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
    ko.push({ idTechnique, messageErreur: text(child(passage, 'messageErreur')) ?? '' });
  }
  if (problems.length) return { problems };
  return { report: { nomFichier: text(child(root, 'nomFichier')), idFlux: idFlux!, idTraitement: idTraitement!, ok, ko } };
}
