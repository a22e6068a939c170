/** A urlencoded form body as Express parses it (extended: false): strings, or arrays when a name repeats. */
export type FormBody = Record<string, string | string[] | undefined>;

/** One field's value, trimmed; '' when absent or sent more than once. */
export function field(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a repeated field, in order. */
export function fields(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  return Array.isArray(value) ? value.map((v) => String(v).trim()) : typeof value === 'string' ? [value.trim()] : [];
}

/**
 * Where to go after signing in: only a path on this site. `//evil.example` and `/\evil` are
 * URLs of other sites to a browser, so they are refused like any absolute URL.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/home';
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/home';
}
