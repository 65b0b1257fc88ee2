// Folding names for search: "Kraków", "KRAKÓW" and "krakow" are one word to a person typing on a
// keyboard without Polish letters. Lower case, and every letter with a diacritic as its base
// letter — ł and Ł too, which Unicode decomposition (NFD) and `unaccent` alone leave alone.
//
// The same table folds in JavaScript (what a person typed) and in SQL (a stored generated column,
// see organisations/schema.ts), so both sides agree on every driver: `translate` is core
// PostgreSQL, and upper-case letters are in the table because `lower()` under the C locale
// (PGlite's) changes only ASCII. Changing the table needs a migration that regenerates the column.
import { type SQL, sql } from 'drizzle-orm';

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  // Polish
  ['ąĄ', 'a'],
  ['ćĆ', 'c'],
  ['ęĘ', 'e'],
  ['łŁ', 'l'],
  ['ńŃ', 'n'],
  ['óÓ', 'o'],
  ['śŚ', 's'],
  ['źŹżŻ', 'z'],
  // Other Latin letters met in names of organisations and places
  ['áàâäãåāÁÀÂÄÃÅĀ', 'a'],
  ['çčÇČ', 'c'],
  ['ďđĎĐ', 'd'],
  ['éèêëěēÉÈÊËĚĒ', 'e'],
  ['ğĞ', 'g'],
  ['íìîïīÍÌÎÏĪ', 'i'],
  ['ľĺĽĹ', 'l'],
  ['ňñŇÑ', 'n'],
  ['òôöõőøōÒÔÖÕŐØŌ', 'o'],
  ['řŘ', 'r'],
  ['šşșŠŞȘ', 's'],
  ['ťţțŤŢȚ', 't'],
  ['úùûüůűūÚÙÛÜŮŰŪ', 'u'],
  ['ýÿÝŸ', 'y'],
  ['žŽ', 'z'],
  // Cyrillic capitals (lower() under the C locale leaves them)
  ['ЄІЇҐЁ', 'єіїґё'],
];

function table(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [chars, base] of PAIRS) {
    const fromChars = [...chars];
    const toChars = [...base].length === 1 ? fromChars.map(() => base) : [...base];
    from += fromChars.join('');
    to += toChars.join('');
  }
  // А–Я → а–я
  for (let c = 0x410; c <= 0x42f; c++) {
    from += String.fromCodePoint(c);
    to += String.fromCodePoint(c + 0x20);
  }
  return { from, to };
}

export const FOLD_FROM = table().from;
export const FOLD_TO = table().to;
const map = new Map([...FOLD_FROM].map((c, i) => [c, [...FOLD_TO][i]!]));

/** A name as search compares it: lower case, Polish and other diacritics folded, spaces collapsed. */
export function foldName(s: string): string {
  return [...s.toLowerCase()]
    .map((c) => map.get(c) ?? c)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same fold in SQL, for a stored generated column (the column's name, not a parameter). */
export function foldSql(column: string): SQL {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return sql.raw(
    `btrim(regexp_replace(translate(lower(${column}), ${quote(FOLD_FROM)}, ${quote(FOLD_TO)}), '\\s+', ' ', 'g'))`,
  );
}
