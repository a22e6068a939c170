/**
 * Text from users goes into markup, so it is escaped here and nowhere else. Characters XML 1.0
 * forbids (C0 controls but tab/newline/return, U+FFFE/U+FFFF, lone surrogates) are dropped:
 * one of them would make the whole document unreadable to an XML parser.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Legal-form suffixes say nothing on a map: "Acme Corporation" → "Acme". */
const LEGAL_SUFFIX = /[\s,]+(inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|gmbh|ag|plc|corp\.?|corporation|co\.?|company|s\.a\.|b\.v\.)$/i;

/**
 * A name shortened to at most `max` characters: legal suffixes dropped, then whole words kept
 * while they fit, then an ellipsis. Counts code points, so an emoji is never cut in half.
 */
export function shortenName(name: string, max: number): string {
  let text = name.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== text; ) {
    previous = text;
    const stripped = text.replace(LEGAL_SUFFIX, '').trim();
    if (stripped) text = stripped;
  }
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return '…';
  const words = text.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if ([...next].length > max - 1) break;
    kept = next;
  }
  return `${kept || chars.slice(0, max - 1).join('')}…`;
}

/**
 * A place's label shortened to at most `max` characters without losing what tells it from its
 * neighbours: labels differ at their end ("Table 1" … "Table 20"), so words shrink to initials
 * and the last word stays whole ("Table 12" → "T12"), then the end is kept ("…12"), never the
 * start alone (every 2 m table read "Table…").
 */
export function shortenLabel(label: string, max: number): string {
  const text = label.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  if (chars.length <= max) return text;
  const words = text.split(' ');
  const last = words.at(-1)!;
  if (words.length > 1) {
    const initials = words.slice(0, -1).map((w) => [...w][0].toUpperCase()).join('');
    // "T12" reads as one code; keep a separator when both ends are letters ("E-Hall").
    const joined = /\p{L}$/u.test(initials) && /^\p{L}/u.test(last) ? `${initials}-${last}` : `${initials}${last}`;
    if ([...joined].length <= max) return joined;
    if ([...last].length <= max) return last;
  }
  // A code ("A12", "12") keeps its end; a word ("Restrooms") its start, like a name.
  if (!/\d/.test(last)) return shortenName(text, max);
  const tail = [...last];
  return max <= 1 ? tail.at(-1)! : `…${tail.slice(-(max - 1)).join('')}`;
}

/**
 * A person's name shortened to at most `max` characters. Legal suffixes stay (Co or Ag can be
 * a surname). The surname is what people look for, so it goes last: "Alexandra Smith", then
 * "A. Smith", then "Smith", then "A. Sm…".
 */
export function shortenPersonName(name: string, max: number): string {
  const words = name.replace(/\s+/g, ' ').trim().split(' ');
  const initials = [...words.slice(0, -1).map((w) => `${[...w][0]}.`), words.at(-1)!].join(' ');
  const fits = [words.join(' '), initials, words.at(-1)!].find((form) => [...form].length <= max);
  return fits ?? clip(initials, max);
}

function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 1 ? '…' : `${chars.slice(0, max - 1).join('')}…`;
}
