import { newCheckInCode, normalizeCheckInCode } from './check-in-code';

describe('check-in codes', () => {
  it('are 15 Crockford symbols in three groups, and differ each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newCheckInCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('normalizes case, spacing, dashes and look-alike letters', () => {
    const code = newCheckInCode(() => Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]));
    expect(code).toBe('01234-56789-ABCDE');
    expect(normalizeCheckInCode(' o1234 56789 abcde ')).toBe(code);
    expect(normalizeCheckInCode('Ol234-56789-ABCDE')).toBe(code);
  });

  it('refuses anything that cannot be a code', () => {
    for (const bad of ['', '01234-56789-ABCD', '01234-56789-ABCDEF', '01234-56789-ABCDU', '<script>']) {
      expect(normalizeCheckInCode(bad)).toBeNull();
    }
  });
});
