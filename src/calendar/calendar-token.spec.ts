import { FEED_TOKEN_PATTERN, hashFeedToken, newFeedToken, sealFeedToken, unsealFeedToken } from './calendar-token';

describe('feed tokens', () => {
  it('are 256 random bits in base64url, hashed for lookup and sealed for showing again', () => {
    const token = newFeedToken();
    expect(token).toMatch(FEED_TOKEN_PATTERN);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newFeedToken()).not.toBe(token);
    expect(hashFeedToken(token)).toMatch(/^[0-9a-f]{64}$/);
    const sealed = sealFeedToken(token, 'secret-one'.repeat(4));
    expect(sealed).not.toContain(token);
    expect(unsealFeedToken(sealed, 'secret-one'.repeat(4))).toBe(token);
    expect(unsealFeedToken(sealed, 'secret-two'.repeat(4))).toBeUndefined();
    expect(unsealFeedToken('garbage', 'secret-one'.repeat(4))).toBeUndefined();
  });
});
