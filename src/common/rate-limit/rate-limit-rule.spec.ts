import { failureDelayMs, parseRateLimit } from './rate-limit-rule';

describe('rate limit rules', () => {
  it.each([
    ['60/1m', { limit: 60, windowMs: 60_000 }],
    ['10/15m', { limit: 10, windowMs: 900_000 }],
    ['5/h', { limit: 5, windowMs: 3_600_000 }],
    ['100/30s', { limit: 100, windowMs: 30_000 }],
  ])('reads %s', (text, rule) => {
    expect(parseRateLimit(text)).toEqual(rule);
  });

  it.each(['0/1m', '10', '10/1d', '-1/1m', '10/m1', ''])('refuses %j', (text) => {
    expect(() => parseRateLimit(text)).toThrow();
  });

  it('doubles the delay with each failure past the threshold, up to 15 minutes', () => {
    expect([4, 5, 6, 7, 8].map((n) => failureDelayMs(n, 5))).toEqual([0, 1_000, 2_000, 4_000, 8_000]);
    expect(failureDelayMs(50, 5)).toBe(900_000);
    expect(failureDelayMs(10_000, 5)).toBe(900_000);
  });
});
