import { VersionedCache } from './versioned-cache';

describe('VersionedCache', () => {
  const counter = () => {
    let calls = 0;
    return { compute: (v: string) => () => Promise.resolve(`${v}#${++calls}`), calls: () => calls };
  };

  it('serves a result while the version is the same and recomputes when it changes', async () => {
    const cache = new VersionedCache<string>(10);
    const c = counter();
    expect(await cache.get('k', '1', c.compute('a'))).toBe('a#1');
    expect(await cache.get('k', '1', c.compute('b'))).toBe('a#1');
    expect(await cache.get('k', '2', c.compute('c'))).toBe('c#2');
    // Back to an older version (a stale reader): recomputed, never the newer entry.
    expect(await cache.get('k', '1', c.compute('d'))).toBe('d#3');
    expect(c.calls()).toBe(3);
  });

  it('never caches without a version', async () => {
    const cache = new VersionedCache<string>(10);
    const c = counter();
    await cache.get('k', null, c.compute('a'));
    await cache.get('k', null, c.compute('a'));
    expect(c.calls()).toBe(2);
  });

  it('shares one computation between concurrent lookups and forgets failures', async () => {
    const cache = new VersionedCache<string>(10);
    let calls = 0;
    let fail = true;
    const compute = () =>
      new Promise<string>((resolve, reject) => setTimeout(() => (++calls, fail ? reject(new Error('boom')) : resolve('ok')), 5));
    const both = await Promise.allSettled([cache.get('k', '1', compute), cache.get('k', '1', compute)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    fail = false;
    expect(await cache.get('k', '1', compute)).toBe('ok');
    expect(calls).toBe(2);
  });

  it('keeps the most recently used keys only', async () => {
    const cache = new VersionedCache<string>(2);
    const c = counter();
    await cache.get('a', '1', c.compute('a'));
    await cache.get('b', '1', c.compute('b'));
    await cache.get('a', '1', c.compute('a'));
    await cache.get('c', '1', c.compute('c'));
    expect(await cache.get('a', '1', c.compute('a'))).toBe('a#1');
    expect(await cache.get('b', '1', c.compute('b'))).toBe('b#4');
  });
});
