import { CadreTotalsCache } from './cadre-totals.cache';

describe('CadreTotalsCache', () => {
  afterEach(() => jest.useRealTimers());

  it('sums once within the TTL, again after it, and again after a write of this process', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new CadreTotalsCache();
    const sum = jest.fn().mockResolvedValueOnce(7).mockResolvedValueOnce(8).mockResolvedValueOnce(9);
    expect(await cache.through('k', sum)).toBe(7);
    expect(await cache.through('k', sum)).toBe(7);
    jest.setSystemTime(1_000_000 + 5_001);
    expect(await cache.through('k', sum)).toBe(8);
    cache.forget();
    expect(await cache.through('k', sum)).toBe(9);
    expect(sum).toHaveBeenCalledTimes(3);
  });

  it('keeps totals apart by key', async () => {
    const cache = new CadreTotalsCache();
    expect(await cache.through('a', async () => 1)).toBe(1);
    expect(await cache.through('b', async () => 2)).toBe(2);
  });
});
