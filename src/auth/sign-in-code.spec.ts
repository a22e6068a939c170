import { formatSignInCode, newSignInCode, normalizeSignInCode, signInCodeHash } from './sign-in-code';

describe('sign-in codes', () => {
  it('are 8 characters a person can read, different each time', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newSignInCode()));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('accept what people type: any case, spaces, dashes, O for zero and I or L for one', () => {
    expect(formatSignInCode('AB12CD34')).toBe('AB12-CD34');
    expect(normalizeSignInCode('ab12-cd34')).toBe('AB12CD34');
    expect(normalizeSignInCode(' ab12 cd34 ')).toBe('AB12CD34');
    expect(normalizeSignInCode('AB1O-CDIL')).toBe('AB10CD11');
    expect(normalizeSignInCode('AB12CD3')).toBeUndefined();
    expect(normalizeSignInCode('AB12CD345')).toBeUndefined();
    expect(normalizeSignInCode('AB12CDU4')).toBeUndefined();
  });

  it('hash to a value bound to the address and the secret', () => {
    const a = signInCodeHash('s'.repeat(32), 'ada@uni.edu', 'AB12CD34');
    expect(signInCodeHash('s'.repeat(32), 'ada@uni.edu', 'AB12CD34')).toEqual(a);
    expect(signInCodeHash('s'.repeat(32), 'eve@uni.edu', 'AB12CD34')).not.toEqual(a);
    expect(signInCodeHash('t'.repeat(32), 'ada@uni.edu', 'AB12CD34')).not.toEqual(a);
  });
});
