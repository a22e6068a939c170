/** The distinct values in first-seen order (case-insensitively for text); null stays null. */
export function dedupe<T extends string | number>(values: T[] | null | undefined): T[] | null {
  if (!values) return null;
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = typeof v === 'string' ? v.toLowerCase() : String(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
