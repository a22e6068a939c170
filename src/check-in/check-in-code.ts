import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 5;

/** 15 symbols of 5 bits: 75 random bits, far beyond guessing at a door. Shown as XXXXX-XXXXX-XXXXX. */
export function newCheckInCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(GROUPS * GROUP_LENGTH);
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]);
  return format(symbols.join(''));
}

/**
 * The canonical form of a typed or scanned code, or null if it cannot be one. Case, spaces and
 * dashes do not matter, and the look-alikes O, I and L read as 0, 1 and 1 (Crockford).
 */
export function normalizeCheckInCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== GROUPS * GROUP_LENGTH || [...cleaned].some((c) => !ALPHABET.includes(c))) return null;
  return format(cleaned);
}

function format(symbols: string): string {
  return Array.from({ length: GROUPS }, (_, i) => symbols.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH)).join('-');
}
