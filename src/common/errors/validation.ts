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

/** The top-level field under which `value` nests deeper than `max` levels; walks without recursion. */
function fieldNestedTooDeep(value: unknown, max = MAX_NESTING): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [node, depth, field] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return field || 'body';
    for (const [key, child] of Object.entries(node)) stack.push([child, depth + 1, field || key]);
  }
  return undefined;
}

class BoundedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only JSON bodies nest; Express's simple query parser gives flat strings.
    const field = metadata.type === 'body' ? fieldNestedTooDeep(value) : undefined;
    if (field) throw new ValidationFailedError([{ field, message: `${field} is nested too deeply` }]);
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
