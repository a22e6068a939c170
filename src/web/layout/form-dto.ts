import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { MessageKey, Translate } from '../../common/i18n/catalogue';

export type FormErrors<K extends string = string> = Partial<Record<K | 'form', string>>;

/**
 * A page form checked by the same DTO class (and its validators) the API checks the request
 * with, so a page cannot accept what the API would refuse. Each invalid field gets one sentence
 * from the catalogue; class-validator's own English never reaches a page.
 */
export async function formDto<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
  t: Translate,
  messages: Record<string, MessageKey> = {},
): Promise<{ dto: T; errors?: FormErrors }> {
  const dto = plainToInstance(type, plain);
  const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length === 0) return { dto };
  const errors: FormErrors = {};
  for (const problem of problems) errors[problem.property] = t(messages[problem.property] ?? 'console.fieldInvalid');
  return { dto, errors };
}
