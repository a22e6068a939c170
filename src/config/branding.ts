import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { registerDecorator, ValidationOptions } from 'class-validator';

export const LOGO_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};
const LOGO_MAX_BYTES = 200 * 1024;

/** WCAG 2.1 relative luminance of an sRGB colour written #rrggbb. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of white on the colour (WCAG 2.1 §1.4.3 asks 4.5:1 for text). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

/** The accent carries white button labels and is the link colour on white: both need 4.5:1. */
export function IsReadableAccent(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isReadableAccent',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property is too light: white text on it needs a contrast of 4.5:1 (try a darker shade)', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value) || contrastWithWhite(value) >= 4.5 },
    });
}

/** An existing image file of a type browsers show, small enough to send on every first visit. */
export function IsLogoFile(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLogoFile',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must name an existing .svg, .png, .jpg or .webp file of at most 200 KB', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          extname(value).toLowerCase() in LOGO_TYPES &&
          existsSync(value) &&
          statSync(value).isFile() &&
          statSync(value).size <= LOGO_MAX_BYTES,
      },
    });
}
