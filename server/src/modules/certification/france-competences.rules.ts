// Pure parsing and checking of France Compétences open-data CSV exports (RNCP/RS fiches):
// `export_fiches_CSV_Standard_*.csv` (one row per fiche) and `export_fiches_CSV_Blocs_De_Compétences_*.csv`
// (one row per block). Both are `;`-separated UTF-8, with or without a BOM. Parsing is csv-parse's; this
// file maps rows to fiches and reports every malformed row with its line number (1 = the header).
import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../../lib/errors.ts';
import { translate } from '../../lib/messages.ts';
import { registryOfFiche } from './certification.rules.ts';

/** Largest accepted file (each of the two), in bytes of UTF-8. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const STANDARD_FILE = 'Standard';
export const BLOCKS_FILE = 'Blocs_De_Compétences';

const STANDARD_REQUIRED = ['Numero_Fiche', 'Intitule', 'Actif'];
const BLOCKS_REQUIRED = ['Numero_Fiche', 'Bloc_Competences_Code', 'Bloc_Competences_Libelle'];

export interface Fiche {
  code: string;
  registry: 'RNCP' | 'RS';
  title: string;
  /** European level (Nomenclature_Europe_Niveau "NIV6" or "6"), when given. */
  level: number | null;
  active: boolean;
  /** Validation_Partielle: the certification can be validated block by block. */
  partialValidation: boolean;
  blocks: { code: string; title: string }[];
}

interface Row {
  line: number;
  values: Record<string, string>;
}

type ParseResult = { rows: Row[]; issues: FieldIssue[] };

/** Rows with their starting line number, or the first structural error (csv-parse stops there). */
function parseCsv(text: string, file: string, argument: string, required: string[]): ParseResult {
  let records: { record: Record<string, string>; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      delimiter: ';',
      columns: (header: string[]) => header.map((name) => name.trim()),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 0);
    const detail = String((error as Error).message ?? error).replace(/^.*?: /, '');
    return { rows: [], issues: [{ path: [argument, line], message: translate('csv.malformed', { file, line, detail }) }] };
  }
  const header = records.length ? Object.keys(records[0].record) : (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').split(';').map((name) => name.trim());
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) return { rows: [], issues: [{ path: [argument, 1], message: translate('csv.missingColumns', { file, columns: missing.join(', ') }) }] };
  const rows = records.map(({ record, info, raw }) => {
    // info.lines is the record's last line; a quoted field may span several.
    const spanned = (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    return { line: info.lines - spanned, values: record };
  });
  return { rows, issues: [] };
}

const truthy = (value: string | undefined) => /^(oui|true|1|o|yes|y|active|actif)$/i.test((value ?? '').trim());

function parseLevel(value: string | undefined): number | null {
  const match = /(\d)/.exec(value ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * The requested fiches with their blocks, or every problem found. Structural problems (a row that is not
 * CSV, missing columns, a row without fiche number) count anywhere in the files; the content of a row
 * (fiche number format, empty title, block code, duplicates) is checked for the requested fiches.
 */
export function readFranceCompetencesExport(
  standardCsv: string,
  blocksCsv: string,
  codes: string[],
): { fiches: Fiche[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  for (const [argument, file, text] of [['standardCsv', STANDARD_FILE, standardCsv], ['blocksCsv', BLOCKS_FILE, blocksCsv]] as const) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > MAX_CSV_BYTES) issues.push({ path: [argument], message: translate('csv.tooLarge', { file, size, max: MAX_CSV_BYTES }) });
  }
  if (issues.length) return { fiches: [], issues };

  const standard = parseCsv(standardCsv, STANDARD_FILE, 'standardCsv', STANDARD_REQUIRED);
  const blocks = parseCsv(blocksCsv, BLOCKS_FILE, 'blocksCsv', BLOCKS_REQUIRED);
  issues.push(...standard.issues, ...blocks.issues);
  if (issues.length) return { fiches: [], issues };

  const wanted = new Set(codes.map((code) => code.trim().toUpperCase()));
  const required = (file: string, argument: string, row: Row, column: string): string | null => {
    const value = row.values[column]?.trim();
    if (value) return value;
    issues.push({ path: [argument, row.line], message: translate('csv.required', { file, line: row.line, column }) });
    return null;
  };

  const fiches = new Map<string, Fiche & { line: number }>();
  for (const row of standard.rows) {
    const code = required(STANDARD_FILE, 'standardCsv', row, 'Numero_Fiche')?.toUpperCase();
    if (!code || !wanted.has(code)) continue;
    const registry = registryOfFiche(code);
    if (!registry) {
      issues.push({ path: ['standardCsv', row.line], message: translate('csv.ficheCode', { file: STANDARD_FILE, line: row.line, value: code }) });
      continue;
    }
    const previous = fiches.get(code);
    if (previous) {
      issues.push({ path: ['standardCsv', row.line], message: translate('csv.duplicate', { file: STANDARD_FILE, line: row.line, value: code, first: previous.line }) });
      continue;
    }
    const title = required(STANDARD_FILE, 'standardCsv', row, 'Intitule');
    if (!title) continue;
    fiches.set(code, {
      line: row.line,
      code,
      registry,
      title: title.slice(0, 300),
      level: parseLevel(row.values.Nomenclature_Europe_Niveau),
      active: truthy(row.values.Actif),
      partialValidation: truthy(row.values.Validation_Partielle),
      blocks: [],
    });
  }

  const blockLines = new Map<string, number>();
  for (const row of blocks.rows) {
    const code = required(BLOCKS_FILE, 'blocksCsv', row, 'Numero_Fiche')?.toUpperCase();
    if (!code || !wanted.has(code)) continue;
    const blockCode = required(BLOCKS_FILE, 'blocksCsv', row, 'Bloc_Competences_Code')?.toUpperCase();
    const title = required(BLOCKS_FILE, 'blocksCsv', row, 'Bloc_Competences_Libelle');
    if (!blockCode || !title) continue;
    if (!blockCode.startsWith(code) || !/^[A-Z0-9][A-Z0-9_.-]{0,39}$/.test(blockCode)) {
      issues.push({ path: ['blocksCsv', row.line], message: translate('csv.blockCode', { file: BLOCKS_FILE, line: row.line, value: blockCode, code }) });
      continue;
    }
    const first = blockLines.get(blockCode);
    if (first !== undefined) {
      issues.push({ path: ['blocksCsv', row.line], message: translate('csv.duplicate', { file: BLOCKS_FILE, line: row.line, value: blockCode, first }) });
      continue;
    }
    blockLines.set(blockCode, row.line);
    fiches.get(code)?.blocks.push({ code: blockCode, title: title.slice(0, 500) });
  }

  [...wanted].forEach((code, index) => {
    if (!fiches.has(code)) issues.push({ path: ['codes', index], message: translate('csv.ficheMissing', { code }) });
  });
  if (issues.length) return { fiches: [], issues };
  return {
    fiches: [...fiches.values()].map(({ line: _line, ...fiche }) => ({ ...fiche, blocks: [...fiche.blocks].sort((a, b) => a.code.localeCompare(b.code)) })),
    issues: [],
  };
}

export type BlockChange = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REMOVED';

/**
 * Merges imported blocks into a framework's blocks: kept blocks keep their competences (and get the
 * imported title), new blocks start empty, blocks absent from the import are removed.
 */
export function mergeImportedBlocks<B extends { code: string; title: string; competences: unknown[] }>(
  current: B[],
  imported: { code: string; title: string }[],
): { blocks: (B | { code: string; title: string; competences: never[] })[]; changes: { code: string; title: string; status: BlockChange }[]; changed: boolean } {
  const byCode = new Map(current.map((block) => [block.code, block]));
  const changes: { code: string; title: string; status: BlockChange }[] = [];
  const blocks = imported.map((block) => {
    const existing = byCode.get(block.code);
    if (!existing) {
      changes.push({ ...block, status: 'CREATED' });
      return { code: block.code, title: block.title, competences: [] as never[] };
    }
    changes.push({ ...block, status: existing.title === block.title ? 'UNCHANGED' : 'UPDATED' });
    return { ...existing, title: block.title };
  });
  const importedCodes = new Set(imported.map((block) => block.code));
  for (const block of current) if (!importedCodes.has(block.code)) changes.push({ code: block.code, title: block.title, status: 'REMOVED' });
  return { blocks, changes, changed: changes.some((change) => change.status !== 'UNCHANGED') };
}
