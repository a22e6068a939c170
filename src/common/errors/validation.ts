import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from './domain-error';

/** Flattens nested class-validator errors into `field.path: message` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(error.property, field),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Far deeper than any DTO; class-transformer recurses once per level and would overflow the stack. */
const MAX_NESTING = 32;

/**
 * A UTF-16 surrogate without its partner. JSON's `\ud800` escape makes one; it is no
 * character, cannot be stored as UTF-8, and validator.js's e-mail check throws a URIError on it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first field of a body or query that no validator should see: nested deeper than `max`
 * levels (named by its top-level field), or a string that is not valid Unicode (named by its
 * path, e.g. `windows.0.startsAt`). Walks without recursion.
 */
export function findUnreadableField(value: unknown, max = MAX_NESTING): FieldError | undefined {
  const stack: [unknown, number, string, string][] = [[value, 0, '', '']];
  while (stack.length) {
    const [node, depth, top, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) {
        const field = path || 'body';
        return { field, message: `${field} is not valid Unicode text (it holds an unpaired surrogate)` };
      }
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) {
      const field = top || 'body';
      return { field, message: `${field} is nested too deeply` };
    }
    for (const [key, child] of Object.entries(node)) {
      stack.push([child, depth + 1, top || key, path ? `${path}.${key}` : key]);
    }
  }
  return undefined;
}

class BoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = metadata.type === 'body' || metadata.type === 'query' ? findUnreadableField(value) : undefined;
    if (problem) throw new ValidationFailedError([problem]);
    return super.transform(value, metadata);
  }
}

/**
 * Unknown fields rejected, types transformed, nesting bounded, and submitted values never
 * echoed back (`validationError.value: false`).
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });
}
