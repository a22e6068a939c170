import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/**
 * Spreadsheets save CSV in more than one encoding: Excel's "CSV (Comma delimited)" on Windows
 * writes Windows-1252, "CSV UTF-8" writes UTF-8 with a byte order mark, Numbers writes UTF-8.
 * An import decodes the bytes here, once, by the first rule that applies:
 * 1. the charset the request declares (`Content-Type: text/csv; charset=windows-1252`);
 * 2. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 * 3. valid UTF-8 (plain ASCII is);
 * 4. Windows-1252, only when every non-ASCII byte is a letter or common punctuation there and
 *    stands beside a letter (as "José" or "Müller" do): text in another 8-bit code page or an
 *    unmarked UTF-16 fails that, and is refused rather than stored as mojibake.
 */
export type CsvDecoding =
  | { ok: true; text: string; encoding: string; how: 'declared' | 'bom' | 'utf-8' | 'windows-1252-detected' }
  | { ok: false; reason: 'unsupported-charset' | 'invalid-for-charset' | 'undetectable' };

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The `charset` parameter of a Content-Type, lower case, or undefined. */
export function declaredCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toLowerCase();
}

/** A WHATWG TextDecoder for the label, fatal on bytes the encoding cannot have; undefined if unknown. */
function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false });
  } catch {
    return undefined;
  }
}

/** Windows-1252's letters beyond ASCII: Š Œ Ž š œ ž Ÿ and À-ÿ but × and ÷. */
const isCp1252Letter = (c: string) => /^[\u0160\u0152\u017D\u0161\u0153\u017E\u0178\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]$/.test(c);
/** Punctuation a name or address may carry: typographic quotes and dashes, ellipsis, €, °, ·, NBSP, ®, ©, ™. */
const isCp1252Punctuation = (c: string) => /^[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u20AC\u00B0\u00B7\u00A0\u00AE\u00A9\u2122]$/.test(c);

export function decodeCsv(bytes: Uint8Array, contentType?: string): CsvDecoding {
  const charset = declaredCharset(contentType);
  if (charset) {
    const decoder = decoderFor(charset);
    if (!decoder) return { ok: false, reason: 'unsupported-charset' };
    try {
      return { ok: true, text: decoder.decode(bytes), encoding: decoder.encoding, how: 'declared' };
    } catch {
      return { ok: false, reason: 'invalid-for-charset' };
    }
  }
  for (const [mark, encoding] of BOMS) {
    if (mark.every((b, i) => bytes[i] === b)) {
      try {
        // The decoder drops the mark itself (ignoreBOM: false).
        return { ok: true, text: decoderFor(encoding)!.decode(bytes), encoding, how: 'bom' };
      } catch {
        return { ok: false, reason: 'invalid-for-charset' };
      }
    }
  }
  try {
    return { ok: true, text: decoderFor('utf-8')!.decode(bytes), encoding: 'utf-8', how: 'utf-8' };
  } catch {
    // Not UTF-8: perhaps Windows-1252, if that is the only sensible reading.
  }
  if (bytes.includes(0)) return { ok: false, reason: 'undetectable' };
  let text: string;
  try {
    text = decoderFor('windows-1252')!.decode(bytes);
  } catch {
    return { ok: false, reason: 'undetectable' };
  }
  const chars = [...text];
  const isLetter = (c: string | undefined) => c !== undefined && (/^[A-Za-z]$/.test(c) || isCp1252Letter(c));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c.charCodeAt(0) < 0x80) continue;
    if (isCp1252Punctuation(c)) continue;
    // Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in Windows-1252 (C1 controls).
    if (!isCp1252Letter(c) || !(isLetter(chars[i - 1]) || isLetter(chars[i + 1]))) return { ok: false, reason: 'undetectable' };
  }
  // Western European words mix accented letters into ASCII ones ("Größe", "Peña"); Cyrillic or
  // Greek in their 8-bit code pages read as words of accented letters only ("Ïðèâåò").
  for (const word of text.match(/[A-Za-z\u00C0-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E]+/g) ?? []) {
    const ascii = word.replace(/[^A-Za-z]/g, '').length;
    if (/[^\x00-\x7F]{3}/.test(word) || (ascii === 0 && [...word].length >= 3)) return { ok: false, reason: 'undetectable' };
  }
  return { ok: true, text, encoding: 'windows-1252', how: 'windows-1252-detected' };
}

/**
 * The text of a CSV import request: `text/csv` only, decoded as above; anything else is a 415
 * with a code saying what to do, and nothing is stored.
 */
export function csvRequestText(contentType: string | undefined, body: unknown): string {
  if (!contentType?.toLowerCase().startsWith('text/csv') || !(Buffer.isBuffer(body) || typeof body === 'string')) {
    throw new DomainError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv');
  }
  if (typeof body === 'string') return body;
  const decoded = decodeCsv(body, contentType);
  if (decoded.ok) return decoded.text;
  const messages: Record<typeof decoded.reason, string> = {
    'unsupported-charset': 'The declared charset is not one we can read; send UTF-8 or name a standard encoding such as windows-1252',
    'invalid-for-charset': 'The file is not valid in the charset it declares (or its byte order mark says)',
    undetectable:
      'The file is not UTF-8 and its encoding cannot be told safely; save it as "CSV UTF-8" or declare it, e.g. Content-Type: text/csv; charset=windows-1252',
  };
  throw new DomainError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'CSV_ENCODING_UNKNOWN', messages[decoded.reason], { reason: decoded.reason });
}
