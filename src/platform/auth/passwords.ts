// Password policy: 12–128 characters, not among common passwords (the 49,000-entry list shipped
// with zxcvbn-ts, plus Polish favourites), also when a common word is only padded with digits or
// repeated; not a walk along the keyboard ("zaq1@WSXcde3"); and strong enough by the zxcvbn-ts
// estimate (score 3 of 4 or more) with the common, English-list and Polish dictionaries and the
// person's own name and address as words an attacker would try first.
import { createRequire } from 'node:module';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** The lowest zxcvbn score accepted (3: "safely unguessable", about 10^8 guesses or more). */
export const PASSWORD_MIN_SCORE = 3;

const polish = [
  'haslo',
  'haslo123',
  'qwerty',
  'zaq12wsx',
  'zaq1@wsx',
  'kochamcie',
  'polska',
  'krakow',
  'warszawa',
  'misiek',
  'monika',
  'marcin',
  'agnieszka',
  'lukasz',
  'mateusz',
  'kasia',
  'bartek',
  'michal',
  'wisla',
  'cracovia',
  'legia',
  'slonko',
  'kotek',
  'piotrek',
  'dupa',
  'zabłocie',
  'zablocie',
  'klaster',
];

interface Dictionaries {
  common: Set<string>;
  zxcvbn: ZxcvbnFactory;
  /** Each key of the QWERTY keyboard (unshifted) and its neighbours. */
  neighbours: Map<string, Set<string>>;
}

let loaded: Dictionaries | null = null;
function dictionaries(): Dictionaries {
  if (!loaded) {
    // Loaded on first use (a sign-up or password change), not at start: the lists are a few MB.
    const require = createRequire(import.meta.url);
    const commonLang = require('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
      adjacencyGraphs: Record<string, Record<string, Array<string | null>>>;
    };
    const polishLang = require('@zxcvbn-ts/language-pl') as { dictionary: Record<string, string[]> };
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = new Set(
      [...(commonLang.dictionary['passwords-common'] ?? []), ...polish].map((p) => p.toLowerCase()),
    );
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...commonLang.dictionary, ...polishLang.dictionary, polishFavourites: polish },
      graphs: commonLang.adjacencyGraphs,
    });
    const neighbours = new Map<string, Set<string>>();
    for (const [key, around] of Object.entries(commonLang.adjacencyGraphs.qwerty ?? {})) {
      // Each entry lists a key's neighbours as "unshifted+shifted" pairs, e.g. "2@".
      const set = new Set<string>();
      for (const pair of around) if (pair) for (const ch of pair) set.add(unshift(ch));
      neighbours.set(unshift(key), set);
    }
    loaded = { common, zxcvbn, neighbours };
  }
  return loaded;
}

const SHIFTED: Record<string, string> = {
  '!': '1',
  '@': '2',
  '#': '3',
  $: '4',
  '%': '5',
  '^': '6',
  '&': '7',
  '*': '8',
  '(': '9',
  ')': '0',
  _: '-',
  '+': '=',
  '{': '[',
  '}': ']',
  '|': '\\',
  ':': ';',
  '"': "'",
  '<': ',',
  '>': '.',
  '?': '/',
  '~': '`',
};
function unshift(ch: string): string {
  return SHIFTED[ch] ?? ch.toLowerCase();
}

/**
 * A walk along the keyboard: nearly every key typed next to the one before ("zaq1@WSXcde3",
 * "1qaz2wsx3edc", "plokijuhygtf"). zxcvbn rates long walks with turns as strong; they are not.
 */
function keyboardWalk(password: string, neighbours: Map<string, Set<string>>): boolean {
  const keys = [...password].map(unshift);
  let apart = 0;
  for (let i = 1; i < keys.length; i++) {
    const a = keys[i - 1]!;
    const b = keys[i]!;
    if (a !== b && !neighbours.get(a)?.has(b)) apart++;
  }
  // At most one jump in eight keystrokes.
  return apart <= Math.floor((keys.length - 1) / 8);
}

export type PasswordProblem =
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'passwordCommon'
  | 'passwordKeyboard'
  | 'passwordPattern'
  | 'passwordWords'
  | 'passwordPersonal'
  | 'passwordWeak';

/** Why zxcvbn found the password weak, as one of our problems. */
function weakness(result: ZxcvbnResult): PasswordProblem {
  switch (result.feedback.warning) {
    case 'keyPattern':
    case 'straightRow':
      return 'passwordKeyboard';
    case 'simpleRepeat':
    case 'extendedRepeat':
    case 'sequences':
    case 'recentYears':
    case 'dates':
      return 'passwordPattern';
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
    case 'pwned':
      return 'passwordCommon';
    case 'wordByItself':
    case 'namesByThemselves':
    case 'commonNames':
      return 'passwordWords';
    case 'userInputs':
      return 'passwordPersonal';
    default:
      return result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')
        ? 'passwordPersonal'
        : 'passwordWeak';
  }
}

/**
 * The first problem with a new password, or null when it is acceptable. `personal` are words of
 * the person (name, e-mail address) that the password should not be built from.
 */
export function passwordProblem(
  password: string,
  personal: Array<string | null | undefined> = [],
): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'passwordTooShort';
  if (password.length > PASSWORD_MAX) return 'passwordTooLong';
  const lower = password.toLowerCase().normalize('NFC');
  const { common, zxcvbn, neighbours } = dictionaries();
  if (common.has(lower)) return 'passwordCommon';
  // A common word padded with digits or symbols ("password1234", "krakow2026!!").
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (core.length >= 4 && common.has(core) && lower.length - core.length <= 6) return 'passwordCommon';
  // One short unit repeated ("abcabcabcabc", "qwertyqwerty").
  if (/^(.{1,6})\1+$/u.test(lower)) return 'passwordCommon';
  // Runs of one character or of consecutive keys/digits.
  if (new Set(lower).size <= 3) return 'passwordCommon';
  if (keyboardWalk(password, neighbours)) return 'passwordKeyboard';
  const inputs = personal
    .flatMap((p) => (p ?? '').toLowerCase().split(/[\s@.+_-]+/u))
    .filter((w) => w.length >= 3);
  // The person's own name or address with little else ("JanKowalski1990").
  let rest = lower;
  for (const w of inputs) if (w.length >= 4) rest = rest.split(w).join('');
  if (rest.length < lower.length && rest.length < 8) return 'passwordPersonal';
  const result = zxcvbn.check(password, inputs);
  if (result.score < PASSWORD_MIN_SCORE) return weakness(result);
  return null;
}
