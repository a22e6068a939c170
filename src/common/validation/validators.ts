import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { DateTime, IANAZone } from 'luxon';

/**
 * ISO 8601 with a date, a time and an explicit offset (`Z` or `±hh:mm`); no floating times.
 * Offset hours 00-23 and minutes 00-59 (RFC 3339 §5.6): Luxon alone takes +25:00 or +05:75.
 */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * A timestamp field: accepts an ISO 8601 string with an offset and turns it into a Date.
 * Anything else stays a non-Date and fails `IsDate` with a clear message.
 */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return value;
      const parsed = DateTime.fromISO(value, { setZone: true });
      return parsed.isValid ? parsed.toJSDate() : value;
    }),
    IsDate({
      message: '$property must be an ISO 8601 date-time with an offset, e.g. 2026-03-01T09:00:00-05:00',
      ...options,
    }),
  );
}

/** A zone the IANA database knows (America/New_York), not an abbreviation or offset. */
export function IsIanaTimezone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimezone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as America/New_York', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          // Area/Location names only (and UTC): legacy ones such as EST or EST5EDT ignore local DST rules.
          (value === 'UTC' || /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(value)) &&
          IANAZone.isValidZone(value),
      },
    });
}

/** Trims strings; leaves everything else for the type validators to reject. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Trims and lower-cases an e-mail address: addresses are compared case-insensitively. */
export const NormalizeEmail = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/**
 * May be left out, but not sent as null. Unlike IsOptional, a null is validated (and so
 * refused) for fields whose column has a default and no NULL.
 */
export const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);
