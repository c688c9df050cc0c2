import { randomBytes } from 'node:crypto';
import { Actor, EVERYONE } from '@canbo/access';
import { AppConfig } from '@canbo/platform';
import { ActorCache } from './actor-cache';
import { ActorLoader } from './actor.loader';

/**
 * The race between a load and a revoke, made deterministic: the loader's first read is held open
 * while the revoke's invalidation runs, then answers with what it read before the revoke.
 * Real Redis (the cache only caches while subscribed to the access-change channel).
 */
describe('ActorCache: a load that straddles an access change', () => {
  const prefix = `unit-actor-cache-${process.pid}-${randomBytes(4).toString('hex')}`;
  const config = Object.assign(new AppConfig(), {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    ACTOR_CACHE_SECONDS: 60,
  });
  const before = { userId: 'u1', username: 'admin.ns', assignments: [{ role: 'admin' }] } as unknown as Actor;
  const after = { userId: 'u1', username: 'admin.ns', assignments: [] } as unknown as Actor;
  const caches: ActorCache[] = [];

  /** A loader whose first call waits for `release` and answers `before`; later calls answer `after`. */
  function heldLoader() {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const load = jest.fn<Promise<Actor | undefined>, [string]>().mockImplementationOnce(async () => {
      await held;
      return before;
    });
    load.mockImplementation(async () => after);
    return { loader: { load } as unknown as ActorLoader, load, release };
  }

  async function subscribedCache(loader: ActorLoader): Promise<ActorCache> {
    const cache = new ActorCache(loader, config);
    caches.push(cache);
    await cache.onModuleInit();
    for (let i = 0; i < 100 && !(cache as unknown as { subscribed: boolean }).subscribed; i++) await new Promise((r) => setTimeout(r, 20));
    if (!(cache as unknown as { subscribed: boolean }).subscribed) throw new Error('the cache did not subscribe to Redis');
    return cache;
  }

  afterAll(() => caches.forEach((c) => c.onModuleDestroy()));

  it.each([['u1'], [EVERYONE]])('does not keep what it read when this replica invalidates %s meanwhile', async (invalidated) => {
    const { loader, load, release } = heldLoader();
    const cache = await subscribedCache(loader);
    const inFlight = cache.load('u1');
    await cache.changed([invalidated]); // the revoke committed, then announced its change
    release();
    expect(await inFlight).toBe(before); // that request began before the revoke
    expect(await cache.load('u1')).toBe(after); // the next one reads the revoke, not a cached pre-revoke ability
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep what it read when another replica announces the change meanwhile', async () => {
    const { loader, load, release } = heldLoader();
    const cache = await subscribedCache(loader);
    const other = await subscribedCache({ load: async () => undefined } as unknown as ActorLoader);
    const inFlight = cache.load('u1');
    const heard = new Promise((resolve) =>
      (cache as unknown as { subscriber: { once(event: string, f: () => void): void } }).subscriber.once('message', () => resolve(true)),
    );
    await other.changed(['u1']);
    await heard;
    release();
    expect(await inFlight).toBe(before);
    expect(await cache.load('u1')).toBe(after);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('still caches a load no change interrupted', async () => {
    const { loader, load, release } = heldLoader();
    const cache = await subscribedCache(loader);
    release();
    expect(await cache.load('u1')).toBe(before);
    expect(await cache.load('u1')).toBe(before);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
