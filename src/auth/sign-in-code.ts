import { createHmac, randomInt } from 'node:crypto';

/**
 * Short sign-in codes a person can read in a mail and type on a phone: 8 characters of
 * Crockford's base32 (no I, L, O or U, so nothing reads as another letter), shown as
 * `ABCD-EFGH`. 40 random bits: with 5 tries per code and 10 per address an hour, a guesser's
 * chance is about 1 in 10^11. Typing is forgiving: any case, spaces or dashes, O for 0, I/L for 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SIGN_IN_CODE_LENGTH = 8;

export function newSignInCode(): string {
  return Array.from({ length: SIGN_IN_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** `ABCDEFGH` → `ABCD-EFGH`, as the mail shows it. */
export function formatSignInCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the person typed, as the canonical code; undefined when it cannot be one. */
export function normalizeSignInCode(typed: string): string | undefined {
  const code = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return code.length === SIGN_IN_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : undefined;
}

/**
 * What is stored: an HMAC bound to the address, keyed by a secret the database does not
 * hold, so a leaked table can neither be searched for codes nor used with another address.
 */
export function signInCodeHash(secret: string, email: string, code: string): Buffer {
  const key = createHmac('sha256', secret).update('fairgrid sign-in code v1').digest();
  return createHmac('sha256', key).update(`${email}\n${code}`).digest();
}
