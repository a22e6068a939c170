import { SeenAccounts } from './seen-accounts';

describe('SeenAccounts', () => {
  let now = 0;
  const seen = () => new SeenAccounts(10_000, 3, () => now);

  beforeEach(() => (now = 1_000_000));

  it('believes an account for the trust period, then asks again', () => {
    const accounts = seen();
    accounts.remember('a');
    now += 9_999;
    expect(accounts.has('a')).toBe(true);
    now += 1;
    expect(accounts.has('a')).toBe(false);
    expect(accounts.has('b')).toBe(false);
  });

  it('forgets a deleted account at once, and everything on clear', () => {
    const accounts = seen();
    accounts.remember('a');
    accounts.remember('b');
    accounts.forget('a');
    expect([accounts.has('a'), accounts.has('b')]).toEqual([false, true]);
    accounts.clear();
    expect(accounts.has('b')).toBe(false);
  });

  it('starts over when full instead of growing', () => {
    const accounts = seen();
    for (const id of ['a', 'b', 'c']) accounts.remember(id);
    accounts.remember('d');
    expect(['a', 'b', 'c', 'd'].map((id) => accounts.has(id))).toEqual([false, false, false, true]);
  });
});
