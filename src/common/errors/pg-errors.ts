/** PostgreSQL SQLSTATEs the services translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
export const PG_DEADLOCK_DETECTED = '40P01';

export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: unknown; driverError?: { constraint?: unknown } };
  const name = e?.driverError?.constraint ?? e?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The constraint a PostgreSQL error names, for the integrity violations (23xxx) only: features
 * map these names to their domain errors (`<feature>.errors.ts`), so a violation of some other
 * constraint stays an unexpected error instead of being taken for a known one.
 */
export function constraintOf(error: unknown): string | undefined {
  return pgErrorCode(error)?.startsWith('23') ? pgConstraint(error) : undefined;
}

/** The domain error a feature maps this error's constraint to, if any. */
export function mapConstraint<E>(error: unknown, byConstraint: Record<string, () => E>): E | undefined {
  const name = constraintOf(error);
  return name && Object.hasOwn(byConstraint, name) ? byConstraint[name]() : undefined;
}
