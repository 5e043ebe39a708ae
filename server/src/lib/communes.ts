// The official geographic code (INSEE communes, municipal arrondissements, delegated and associated communes),
// from `@etalab/decoupage-administratif` (JSON shipped in the package, read from disk: nothing is downloaded).
// Loaded once, on first use, into a Map of ~37,600 codes (about 100 ms, then a lookup per row): registering
// 1,000 candidates costs 1,000 Map lookups.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface CommuneRow {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
}

let communes: Map<string, string> | null = null;

function load(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve('@etalab/decoupage-administratif/data/communes.json');
  const rows = JSON.parse(readFileSync(path, 'utf8')) as CommuneRow[];
  const map = new Map<string, string>();
  // A delegated commune may share its code with the commune it merged into: the current commune's name wins.
  for (const row of rows) if (!map.has(row.code) || row.type === 'commune-actuelle') map.set(row.code, row.nom);
  return map;
}

/** The name of a commune (or municipal arrondissement, delegated or associated commune) by INSEE code; null when unknown. */
export function communeName(code: string): string | null {
  communes ??= load();
  return communes.get(code.trim().toUpperCase()) ?? null;
}
