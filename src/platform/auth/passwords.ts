// Password policy: 12–128 characters and not among common passwords (the 49,000-entry list shipped
// with zxcvbn-ts, plus Polish favourites), also when a common word is only padded with digits or
// repeated.
import { createRequire } from 'node:module';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

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

let common: Set<string> | null = null;
function commonSet(): Set<string> {
  if (!common) {
    // Loaded on first use (a sign-up or password change), not at start: the list is a few MB.
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: Record<'passwords-common', string[]>;
    };
    common = new Set([...dictionary['passwords-common'], ...polish].map((p) => p.toLowerCase()));
  }
  return common;
}

export type PasswordProblem = 'passwordTooShort' | 'passwordTooLong' | 'passwordCommon';

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN) return 'passwordTooShort';
  if (password.length > PASSWORD_MAX) return 'passwordTooLong';
  const lower = password.toLowerCase().normalize('NFC');
  const set = commonSet();
  if (set.has(lower)) return 'passwordCommon';
  // A common word padded with digits or symbols ("password1234", "krakow2026!!").
  const core = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (core.length >= 4 && set.has(core) && lower.length - core.length <= 6) return 'passwordCommon';
  // One short unit repeated ("abcabcabcabc", "qwertyqwerty").
  if (/^(.{1,6})\1+$/u.test(lower)) return 'passwordCommon';
  // Runs of one character or of consecutive keys/digits.
  if (new Set(lower).size <= 3) return 'passwordCommon';
  return null;
}
