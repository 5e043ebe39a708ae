// Bulk registration from a CSV file: the columns (French or English headers), parsing with papaparse, and the
// checks that must happen before the file reaches `registerCandidates` (missing columns, empty required cells,
// values the GraphQL input types would refuse for the whole request: dates, sex, access route, funding,
// repeated file numbers). Everything else (e-mail, INSEE codes, unknown certifications…) is checked by the
// server, row by row, with its translated messages. Pure functions: unit-tested in test/e2e/partner-import.unit.test.ts.
import Papa from 'papaparse';

export type CsvField =
  | 'fileNumber'
  | 'certificationCode'
  | 'email'
  | 'birthName'
  | 'firstName'
  | 'usageName'
  | 'firstName2'
  | 'firstName3'
  | 'birthDate'
  | 'sex'
  | 'birthInseeCode'
  | 'birthPostalCode'
  | 'birthCity'
  | 'birthCountryCode'
  | 'cpfFileNumber'
  | 'phone'
  | 'accessRoute'
  | 'funding';

export type AccessRoute = 'APPRENTICESHIP' | 'CONTINUING_TRAINING' | 'INDEPENDENT_CANDIDATE' | 'INITIAL_TRAINING' | 'PROFESSIONALISATION' | 'VAE';
export type Funding = 'CPF' | 'EMPLOYER' | 'FRANCE_TRAVAIL' | 'OPCO' | 'OTHER' | 'REGION' | 'SELF';

/** One registration row, shaped like `BulkCandidateInput`. */
export interface CandidateCsvInput {
  fileNumber: string;
  certificationCode: string;
  email: string;
  birthName: string;
  firstName: string;
  usageName?: string | null;
  firstName2?: string | null;
  firstName3?: string | null;
  birthDate?: string | null;
  sex?: 'F' | 'M' | null;
  birthInseeCode?: string | null;
  birthPostalCode?: string | null;
  birthCity?: string | null;
  birthCountryCode?: string | null;
  cpfFileNumber?: string | null;
  phone?: string | null;
  accessRoute?: AccessRoute | null;
  funding?: Funding | null;
}

export const REQUIRED_FIELDS: CsvField[] = ['fileNumber', 'certificationCode', 'email', 'birthName', 'firstName'];

/** Columns in template order: the French header written in the template, and every accepted spelling. */
export const CSV_COLUMNS: { field: CsvField; header: string; aliases: string[] }[] = [
  { field: 'fileNumber', header: 'numéro de dossier', aliases: ['n° de dossier', 'no de dossier', 'num dossier', 'dossier', 'référence', 'file number', 'file no', 'filenumber'] },
  { field: 'certificationCode', header: 'code certification', aliases: ['certification', 'certification code', 'code de certification', 'certificationcode'] },
  { field: 'birthName', header: 'nom', aliases: ['nom de naissance', 'birth name', 'last name', 'surname', 'family name', 'birthname'] },
  { field: 'usageName', header: 'nom d’usage', aliases: ["nom d'usage", 'usage name', 'married name', 'usagename'] },
  { field: 'firstName', header: 'prénom', aliases: ['prénom 1', 'premier prénom', 'first name', 'given name', 'firstname'] },
  { field: 'firstName2', header: 'prénom 2', aliases: ['deuxième prénom', 'second prénom', 'first name 2', 'second first name', 'middle name', 'firstname2'] },
  { field: 'firstName3', header: 'prénom 3', aliases: ['troisième prénom', 'first name 3', 'third first name', 'firstname3'] },
  { field: 'email', header: 'email', aliases: ['e-mail', 'courriel', 'adresse e-mail', 'adresse email', 'mail', 'email address'] },
  { field: 'birthDate', header: 'date de naissance', aliases: ['né le', 'née le', 'birth date', 'date of birth', 'birthdate', 'dob'] },
  { field: 'sex', header: 'sexe', aliases: ['sex', 'genre', 'civilité'] },
  { field: 'birthInseeCode', header: 'code insee de naissance', aliases: ['code insee', 'insee', 'commune de naissance (insee)', 'birth insee code', 'birthinseecode'] },
  { field: 'birthPostalCode', header: 'code postal de naissance', aliases: ['birth postal code', 'birthpostalcode'] },
  { field: 'birthCity', header: 'ville de naissance', aliases: ['commune de naissance', 'lieu de naissance', 'birth city', 'place of birth', 'birthcity'] },
  { field: 'birthCountryCode', header: 'code pays de naissance', aliases: ['pays de naissance', 'code pays', 'birth country code', 'birthcountrycode'] },
  { field: 'cpfFileNumber', header: 'numéro de dossier cpf', aliases: ['dossier cpf', 'n° dossier cpf', 'cpf', 'cpf file number', 'cpffilenumber'] },
  { field: 'phone', header: 'téléphone', aliases: ['tél', 'tel', 'portable', 'phone', 'phone number', 'mobile'] },
  { field: 'accessRoute', header: 'voie d’accès', aliases: ["voie d'accès", 'voie d’acces', 'access route', 'accessroute'] },
  { field: 'funding', header: 'financement', aliases: ['mode de financement', 'funding', 'financing'] },
];

/** Headers we recognise but cannot take from this file (set on the candidate afterwards). */
const KNOWN_UNSUPPORTED = ['aménagements', 'aménagement', 'accommodations', 'accommodation', 'handicap'];

/** Lower case, no accents, no punctuation or spaces: "Date de naissance" = "date_de_naissance" = "datedenaissance". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_HEADER = new Map<string, CsvField>();
for (const column of CSV_COLUMNS) {
  for (const name of [column.field, column.header, ...column.aliases]) FIELD_BY_HEADER.set(normalizeHeader(name), column.field);
}

const normalizeValue = (value: string) => normalizeHeader(value);

const SEX: Record<string, 'F' | 'M'> = { f: 'F', femme: 'F', feminin: 'F', female: 'F', woman: 'F', mme: 'F', madame: 'F', m: 'M', h: 'M', homme: 'M', masculin: 'M', male: 'M', man: 'M', monsieur: 'M', mr: 'M' };

const ACCESS_ROUTES: Record<string, AccessRoute> = {
  apprenticeship: 'APPRENTICESHIP', apprentissage: 'APPRENTICESHIP', contratdapprentissage: 'APPRENTICESHIP',
  continuingtraining: 'CONTINUING_TRAINING', formationcontinue: 'CONTINUING_TRAINING', formationprofessionnellecontinue: 'CONTINUING_TRAINING',
  independentcandidate: 'INDEPENDENT_CANDIDATE', candidatlibre: 'INDEPENDENT_CANDIDATE', candidatureindividuelle: 'INDEPENDENT_CANDIDATE', candidatindividuel: 'INDEPENDENT_CANDIDATE',
  initialtraining: 'INITIAL_TRAINING', formationinitiale: 'INITIAL_TRAINING', scolaire: 'INITIAL_TRAINING',
  professionalisation: 'PROFESSIONALISATION', professionalization: 'PROFESSIONALISATION', professionnalisation: 'PROFESSIONALISATION', contratdeprofessionnalisation: 'PROFESSIONALISATION',
  vae: 'VAE', validationdesacquisdelexperience: 'VAE',
};

const FUNDINGS: Record<string, Funding> = {
  cpf: 'CPF', comptepersonneldeformation: 'CPF',
  employer: 'EMPLOYER', employeur: 'EMPLOYER', entreprise: 'EMPLOYER', plandedeveloppementdescompetences: 'EMPLOYER',
  francetravail: 'FRANCE_TRAVAIL', poleemploi: 'FRANCE_TRAVAIL',
  opco: 'OPCO',
  other: 'OTHER', autre: 'OTHER',
  region: 'REGION', conseilregional: 'REGION',
  self: 'SELF', personnel: 'SELF', autofinancement: 'SELF', financementpersonnel: 'SELF', individuel: 'SELF',
};

export type RowProblem =
  | { kind: 'required'; field: CsvField }
  | { kind: 'invalidValue'; field: CsvField; value: string }
  | { kind: 'duplicateFileNumber'; firstLine: number };

export interface ParsedCsvRow {
  /** Line in the file (the header is line 1). */
  line: number;
  input: CandidateCsvInput;
  problems: RowProblem[];
}

export type FileProblem = { kind: 'empty' } | { kind: 'missingColumns'; fields: CsvField[] } | { kind: 'tooManyRows'; count: number; max: number } | { kind: 'unreadable'; message: string };

export interface ParsedCsv {
  rows: ParsedCsvRow[];
  /** Recognised columns, in file order. */
  columns: CsvField[];
  /** Headers the file has that are not read (unknown, or accommodations). */
  ignoredHeaders: string[];
  /** Headers recognised as accommodations: those are set per candidate, not by the bulk import. */
  accommodationHeaders: string[];
  problems: FileProblem[];
  delimiter: string;
}

export const MAX_ROWS = 1000;

/** "31/12/1990", "31-12-1990", "31.12.1990" or "1990-12-31" → ISO date at midnight UTC; null when not a real date. */
export function parseBirthDate(raw: string): string | null {
  const value = raw.trim();
  let day: number, month: number, year: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (match) [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00(?::00(?:\.000)?)?Z?)?$/.exec(value);
    if (!match) return null;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString();
}

/** Decodes a file's bytes: UTF-8 (with or without BOM), or Windows-1252 when that is what Excel wrote. */
export function decodeCsvBytes(bytes: ArrayBuffer): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\uFFFD')) return utf8;
  return new TextDecoder('windows-1252').decode(bytes);
}

function cellsEmpty(record: string[]): boolean {
  return record.every((cell) => !cell || !cell.trim());
}

/** Parses the text of a CSV file (`,` or `;`, detected) into rows ready for `registerCandidates`. */
export function parseCandidateCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimitersToGuess: [';', ',', '\t', '|'] });
  const records = result.data;
  const empty: ParsedCsv = { rows: [], columns: [], ignoredHeaders: [], accommodationHeaders: [], problems: [], delimiter: result.meta.delimiter };
  const headerIndex = records.findIndex((record) => !cellsEmpty(record));
  if (headerIndex === -1) return { ...empty, problems: [{ kind: 'empty' }] };
  const unreadable = result.errors.find((error) => error.type === 'Quotes');
  if (unreadable) return { ...empty, problems: [{ kind: 'unreadable', message: `${unreadable.message} (${(unreadable.row ?? 0) + 1})` }] };

  const headers = records[headerIndex];
  const fieldAt: (CsvField | null)[] = [];
  const seen = new Set<CsvField>();
  const ignoredHeaders: string[] = [];
  const accommodationHeaders: string[] = [];
  const accommodationKeys = new Set(KNOWN_UNSUPPORTED.map(normalizeHeader));
  headers.forEach((header) => {
    const key = normalizeHeader(header);
    const field = FIELD_BY_HEADER.get(key) ?? null;
    if (field && !seen.has(field)) {
      seen.add(field);
      fieldAt.push(field);
      return;
    }
    fieldAt.push(null);
    if (!header.trim()) return;
    if (accommodationKeys.has(key)) accommodationHeaders.push(header.trim());
    else ignoredHeaders.push(header.trim());
  });
  const columns = fieldAt.filter((field): field is CsvField => field !== null);
  const problems: FileProblem[] = [];
  const missing = REQUIRED_FIELDS.filter((field) => !seen.has(field));
  if (missing.length) problems.push({ kind: 'missingColumns', fields: missing });

  const rows: ParsedCsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (let index = headerIndex + 1; index < records.length; index += 1) {
    const record = records[index];
    if (cellsEmpty(record)) continue;
    const line = index + 1;
    const cell = (field: CsvField) => {
      const at = fieldAt.indexOf(field);
      return at === -1 ? '' : (record[at] ?? '').trim();
    };
    const rowProblems: RowProblem[] = [];
    for (const field of REQUIRED_FIELDS) if (seen.has(field) && !cell(field)) rowProblems.push({ kind: 'required', field });
    const optional = (field: CsvField) => cell(field) || null;
    const mapped = <T>(field: CsvField, table: Record<string, T>): T | null => {
      const raw = cell(field);
      if (!raw) return null;
      const value = table[normalizeValue(raw)];
      if (value === undefined) rowProblems.push({ kind: 'invalidValue', field, value: raw });
      return value ?? null;
    };
    let birthDate: string | null = null;
    if (cell('birthDate')) {
      birthDate = parseBirthDate(cell('birthDate'));
      if (!birthDate) rowProblems.push({ kind: 'invalidValue', field: 'birthDate', value: cell('birthDate') });
    }
    const input: CandidateCsvInput = {
      fileNumber: cell('fileNumber'),
      certificationCode: cell('certificationCode').toUpperCase(),
      email: cell('email'),
      birthName: cell('birthName'),
      firstName: cell('firstName'),
      usageName: optional('usageName'),
      firstName2: optional('firstName2'),
      firstName3: optional('firstName3'),
      birthDate,
      sex: mapped('sex', SEX),
      birthInseeCode: optional('birthInseeCode'),
      birthPostalCode: optional('birthPostalCode'),
      birthCity: optional('birthCity'),
      birthCountryCode: optional('birthCountryCode'),
      cpfFileNumber: optional('cpfFileNumber'),
      phone: optional('phone'),
      accessRoute: mapped('accessRoute', ACCESS_ROUTES),
      funding: mapped('funding', FUNDINGS),
    };
    if (input.fileNumber) {
      const first = firstLineOf.get(input.fileNumber);
      if (first === undefined) firstLineOf.set(input.fileNumber, line);
      else rowProblems.push({ kind: 'duplicateFileNumber', firstLine: first });
    }
    rows.push({ line, input, problems: rowProblems });
  }
  if (!rows.length && !problems.length) problems.push({ kind: 'empty' });
  if (rows.length > MAX_ROWS) problems.push({ kind: 'tooManyRows', count: rows.length, max: MAX_ROWS });
  return { rows, columns, ignoredHeaders, accommodationHeaders, problems, delimiter: result.meta.delimiter };
}

/** The template offered for download: French headers, `;` (what Excel in French opens directly), two examples. */
export function templateCsv(certificationCode = 'RS5302'): string {
  const headers = CSV_COLUMNS.map((column) => column.header);
  const examples: Partial<Record<CsvField, string>>[] = [
    { fileNumber: 'DOS-2026-001', certificationCode, birthName: 'Martin', firstName: 'Léa', email: 'lea.martin@example.fr', birthDate: '14/03/1994', sex: 'F', birthInseeCode: '69123', birthCity: 'Lyon', phone: '06 12 34 56 78', accessRoute: 'formation continue', funding: 'CPF' },
    { fileNumber: 'DOS-2026-002', certificationCode, birthName: 'Nguyen', usageName: 'Bernard', firstName: 'Thomas', email: 'thomas.nguyen@example.fr', birthDate: '1988-11-02', sex: 'M', birthCountryCode: '99243', accessRoute: 'VAE', funding: 'OPCO' },
  ];
  const lines = [headers, ...examples.map((example) => CSV_COLUMNS.map((column) => example[column.field] ?? ''))];
  return `\uFEFF${Papa.unparse(lines, { delimiter: ';' })}\r\n`;
}
