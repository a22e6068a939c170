import { createHash } from 'node:crypto';
import type { QueryResult } from 'pg';

/**
 * Named SQL statements with the columns they return, declared as PostgreSQL types.
 *
 * - Named: pg prepares a statement once per connection and then only binds and executes it,
 *   so PostgreSQL parses and plans hot statements once instead of on every request.
 * - Typed by the declaration: the row type is derived from the column types, and the first
 *   result of each statement is checked against what PostgreSQL says it returned (names and
 *   type OIDs), every row against the declared non-null columns. A migration that renames a
 *   column or changes its type fails the statement loudly, in the e2e tests that run it,
 *   instead of handing the code a field that is silently undefined or of another type.
 */

/** PostgreSQL type OIDs (pg_type.oid, stable across versions) of the types our statements return. */
export const OIDS = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  json: 114,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
  'int4[]': 1007,
  'text[]': 1009,
  'varchar[]': 1015,
  'uuid[]': 2951,
} as const;

export type PgType = keyof typeof OIDS;
/** A column type, `?` at the end when it may be NULL. */
export type ColumnType = PgType | `${PgType}?`;
export type Columns = Record<string, ColumnType>;

type JsOf<T extends PgType> = T extends 'bool'
  ? boolean
  : T extends 'int2' | 'int4' | 'float8'
    ? number
    : T extends 'timestamptz'
      ? Date
      : T extends 'bytea'
        ? Buffer
        : T extends 'json' | 'jsonb'
          ? unknown
          : T extends 'int4[]'
            ? number[]
            : T extends 'text[]' | 'varchar[]' | 'uuid[]'
              ? string[]
              : string; // uuid, text, varchar, bpchar, int8 and numeric arrive as strings

type JsOfColumn<C extends ColumnType> = C extends `${infer T extends PgType}?` ? JsOf<T> | null : C extends PgType ? JsOf<C> : never;

/** The row a statement returns, derived from its declared columns. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: JsOfColumn<C[K]> };

export interface Statement<C extends Columns> {
  readonly name: string;
  readonly text: string;
  readonly columns: C;
  /** Throws when a result does not match the declared columns. */
  check(result: QueryResult): void;
}

const names = new Map<string, string>();
const all: Statement<Columns>[] = [];

/** Every statement declared so far in this process (dynamic ones once built), for the schema test. */
export function declaredStatements(): readonly Statement<Columns>[] {
  return all;
}

export class StatementShapeError extends Error {
  override name = 'StatementShapeError';
}

/**
 * Declares a statement. `name` must be unique in the process (pg keys prepared statements by
 * name per connection); the same text may be declared twice (dynamic statements are).
 */
export function statement<C extends Columns>(name: string, text: string, columns: C): Statement<C> {
  const known = names.get(name);
  if (known !== undefined && known !== text) throw new Error(`Two statements are named ${name}`);
  names.set(name, text);
  const expected = Object.entries(columns).map(([column, type]) => {
    const nullable = type.endsWith('?');
    const base = (nullable ? type.slice(0, -1) : type) as PgType;
    return { column, oid: OIDS[base], type: base, nullable };
  });
  const required = expected.filter((c) => !c.nullable).map((c) => c.column);
  let shapeChecked = false;
  const declared: Statement<C> = {
    name,
    text,
    columns,
    check(result: QueryResult): void {
      // Commands without RETURNING have no fields; nothing to check.
      if (!shapeChecked && result.fields?.length) {
        const got = new Map(result.fields.map((f) => [f.name, f.dataTypeID]));
        const problems = expected
          .filter((c) => got.get(c.column) !== c.oid)
          .map((c) => (got.has(c.column) ? `${c.column} is type ${got.get(c.column)}, declared ${c.type} (${c.oid})` : `${c.column} is missing`));
        const extra = [...got.keys()].filter((k) => !(k in columns));
        if (extra.length) problems.push(`undeclared columns ${extra.join(', ')}`);
        if (problems.length) throw new StatementShapeError(`Statement ${name} does not return what it declares: ${problems.join('; ')}`);
        shapeChecked = true;
      }
      for (const row of result.rows as Record<string, unknown>[]) {
        for (const column of required) {
          if (row[column] === null) throw new StatementShapeError(`Statement ${name} returned NULL in ${column}, declared NOT NULL`);
        }
      }
    },
  };
  if (known === undefined) all.push(declared as unknown as Statement<Columns>);
  return declared;
}

/** The type OIDs a statement declares, in column order (NULL-ability aside). */
export function declaredOids(columns: Columns): number[] {
  return Object.values(columns).map((type) => OIDS[(type.endsWith('?') ? type.slice(0, -1) : type) as PgType]);
}

/**
 * A statement whose text is built at run time from a few fixed parts (e.g. a page's filters):
 * named after its text, so each variant is prepared once per connection as well.
 */
export function dynamicStatement<C extends Columns>(prefix: string, text: string, columns: C): Statement<C> {
  const cached = dynamic.get(text);
  if (cached) return cached as unknown as Statement<C>;
  const made = statement(`${prefix}:${createHash('sha1').update(text).digest('hex').slice(0, 12)}`, text, columns);
  dynamic.set(text, made as unknown as Statement<Columns>);
  return made;
}

const dynamic = new Map<string, Statement<Columns>>();
