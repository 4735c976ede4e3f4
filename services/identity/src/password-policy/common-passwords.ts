import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The common-password list: zxcvbn-ts' (about 49,000 passwords seen in breaches), held
 * lower-cased in a Set. Loaded once per process.
 */
const COMMON = new Set<string>(dictionary.passwords.map((p: string) => p.toLowerCase()));

export const COMMON_PASSWORD_COUNT = COMMON.size;

/** Digits, symbols and spaces at either end: `Password1!` is `password` dressed up. */
const DECORATION = /^[\p{Nd}\p{P}\p{S}\s]+|[\p{Nd}\p{P}\p{S}\s]+$/gu;

/** Compared case-insensitively, as given and with its leading and trailing digits and symbols removed. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  const core = lower.replace(DECORATION, '');
  return core.length > 0 && core !== lower && COMMON.has(core);
}
