import fc from 'fast-check';

/** The parts of an OpenAPI schema the generators read. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
}

const DEEP = (levels: number): unknown => (levels === 0 ? 'bottom' : { a: DEEP(levels - 1) });

/** Strings that have broken parsers, validators, SQL, logs or encodings somewhere. */
export const EVIL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'a\udc00b',
  '😀',
  '\u202eevil',
  "' OR '1'='1' --",
  '"; DROP TABLE events; --',
  '../../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  'NaN',
  '1e309',
  '-0',
  '0x10',
  '2027-02-30T09:00:00Z',
  '2027-06-01T09:00:00',
  '9999-12-31T23:59:59+23:59',
  '0000-01-01T00:00:00Z',
  'a@b',
  'x'.repeat(256),
  'y'.repeat(20_000),
];

/** Values of the wrong type, or at the edges of a type. */
export const EVIL_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  [],
  [null],
  {},
  { $ne: '' },
  { __proto__: { admin: true } },
  Array.from({ length: 2_000 }, (_, i) => i),
  DEEP(40),
  ...EVIL_STRINGS,
];

export function resolve(schema: Schema | undefined, schemas: Record<string, Schema>): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length) s = { ...resolve(s.allOf[0], schemas), ...s, allOf: undefined };
  if (s.oneOf?.length) s = resolve(s.oneOf[0], schemas);
  if (s.anyOf?.length) s = resolve(s.anyOf[0], schemas);
  return s;
}

/**
 * Plausible values for a schema: what a client following the document would send, within
 * its bounds, from the ids of things that exist (`ids`) and a few invented ones.
 */
export function valid(schema: Schema | undefined, schemas: Record<string, Schema>, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, schemas);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (depth > 4) return fc.constant(null);
  switch (type) {
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -10, -1_000_000), max: Math.min(s.maximum ?? 1_000, 1_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valid(s.items, schemas, ids, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 8) });
    case 'object':
    case undefined:
      if (!s.properties) return type === 'object' ? fc.constant({}) : fc.string({ maxLength: 20 });
      return fc.record(
        Object.fromEntries(Object.entries(s.properties).map(([name, child]) => [name, valid(child, schemas, ids, depth + 1)])),
        { requiredKeys: s.required ?? [] },
      );
    default:
      return validString(s, ids);
  }
}

function validString(s: Schema, ids: string[]): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...ids), fc.uuid());
    case 'date-time':
      return fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) }),
        fc.constantFrom(...ids),
        fc.constantFrom('software', 'finance', 'America/Chicago', 'UTC', 'confirmed', 'csv', 'booth', 'interview_table'),
      );
  }
}

/** Anything at all: wrong types, edge values, random JSON. */
export const evil: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EVIL_VALUES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/** A valid body spoiled in one place: a field set to an evil value, an unknown field, or a field dropped. */
export function spoiled(body: unknown): fc.Arbitrary<unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return evil;
  const keys = Object.keys(body);
  const every = (pick: (value: unknown) => boolean, to: unknown) =>
    Object.fromEntries(Object.entries(body).map(([k, v]) => [k, pick(v) ? to : v]));
  return fc.oneof(
    // Every text field at once: names, e-mails, times and ids meet the same hostile string.
    fc.constantFrom(...EVIL_STRINGS).map((text) => every((v) => typeof v === 'string', text)),
    // Every field null, or one wrong type everywhere.
    fc.constantFrom<unknown>(null, 0, true, [], {}).map((value) => every(() => true, value)),
    keys.length
      ? fc.tuple(fc.constantFrom(...keys), evil).map(([key, value]) => ({ ...body, [key]: value }))
      : evil.map((value) => ({ extra: value })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), evil).map(([key, value]) => ({ ...body, [key]: value })),
    keys.length ? fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key))) : fc.constant(body),
    // A nested field spoiled: the first array or object inside gets an evil element.
    fc.constant(body).chain((b) => {
      const nested = Object.entries(b as Record<string, unknown>).find(([, v]) => v && typeof v === 'object');
      if (!nested) return fc.constant(b);
      const [key, value] = nested;
      return evil.map((e) => ({ ...b, [key]: Array.isArray(value) ? [...value, e] : { ...(value as object), bogus: e } }));
    }),
  );
}

/** Bodies that are not JSON at all, each with the Content-Type a confused client would send. */
export const RAW_BODIES: [string, string][] = [
  ['application/json', '{"unterminated": '],
  ['application/json', '{"a":1}{"b":2}'],
  ['application/json', '\u0000'],
  ['application/json', '[' .repeat(3000)],
  ['application/json', `{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`],
  ['application/json; charset=utf-16', '{}'],
  ['text/plain', '{"name":"x"}'],
  ['application/x-www-form-urlencoded', 'email=a%40b.co&password=x'],
  ['multipart/form-data; boundary=zz', '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz--'],
  ['text/csv', 'name,email\nA,a@b.co'],
  ['application/xml', '<a/>'],
  ['', 'no content type at all'],
];
