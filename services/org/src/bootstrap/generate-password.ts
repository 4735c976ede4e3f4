import { randomInt } from 'node:crypto';

const CLASSES = [
  'abcdefghijkmnopqrstuvwxyz',
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  '23456789',
  '!#%+-.:=?@_~',
];

/**
 * A random password that satisfies the strictest policy level: all four character types,
 * no character twice in a row, 20 characters (about 120 bits).
 */
export function generatePassword(length = 20): string {
  const chars: string[] = CLASSES.map((set) => set[randomInt(set.length)]);
  const all = CLASSES.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  for (let i = 1; i < chars.length; i++) {
    while (chars[i] === chars[i - 1]) chars[i] = all[randomInt(all.length)];
  }
  return CLASSES.every((set) => chars.some((c) => set.includes(c)))
    ? chars.join('')
    : generatePassword(length);
}
