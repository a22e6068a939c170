import { CoalescingCache } from './coalescing-cache';

describe('CoalescingCache', () => {
  let now = 0;
  let computed = 0;
  const compute = (value: string) => () => {
    computed++;
    return Promise.resolve(value);
  };

  beforeEach(() => {
    now = 1_000;
    computed = 0;
  });

  it('shares one computation among callers within the time, running or done, then computes again', async () => {
    const cache = new CoalescingCache<string>(1_000, 10, () => now);
    let release!: (value: string) => void;
    const first = cache.get('page', () => {
      computed++;
      return new Promise<string>((resolve) => (release = resolve));
    });
    const second = cache.get('page', compute('other'));
    release('rows');
    expect(await Promise.all([first, second])).toEqual(['rows', 'rows']);
    now += 999;
    expect(await cache.get('page', compute('later'))).toBe('rows');
    now += 1;
    expect(await cache.get('page', compute('fresh'))).toBe('fresh');
    expect(computed).toBe(2);
  });

  it('keeps keys apart and does not keep a failure', async () => {
    const cache = new CoalescingCache<string>(1_000, 10, () => now);
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('a', compute('a'))).toBe('a');
    expect(await cache.get('b', compute('b'))).toBe('b');
  });

  it('computes every time when the time is 0', async () => {
    const cache = new CoalescingCache<string>(0, 10, () => now);
    await cache.get('a', compute('1'));
    expect(await cache.get('a', compute('2'))).toBe('2');
  });

  it('drops expired entries when full, and everything when still full', async () => {
    const cache = new CoalescingCache<string>(1_000, 2, () => now);
    await cache.get('a', compute('a'));
    now += 1_000;
    await cache.get('b', compute('b'));
    await cache.get('c', compute('c')); // full: 'a' expired and goes
    expect(await cache.get('b', compute('b2'))).toBe('b');
    await cache.get('d', compute('d')); // full of live entries: starts over
    expect(await cache.get('b', compute('b3'))).toBe('b3');
  });
});
