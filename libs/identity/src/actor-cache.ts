import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Actor, EVERYONE } from '@canbo/access';
import { AppConfig, redisConnection } from '@canbo/platform';
import { ActorLoader } from './actor.loader';

interface Entry {
  actor: Actor;
  expiresAt: number;
}

/**
 * Compiled abilities per user, so a request does not read the user's assignments and rebuild the
 * ability every time. Safe across replicas: every change of access is published on Redis after its
 * commit and each replica drops the affected entries; while a replica is not subscribed (Redis away,
 * reconnecting) it does not use the cache at all, and it forgets everything when it subscribes again.
 * A short TTL bounds anything that slips through.
 *
 * A load races with a change of access: it may read the assignments before a revoke commits and
 * finish after the revoke's invalidation has already dropped the entry, which would keep the revoked
 * ability until the TTL. Every invalidation therefore moves an epoch, and a load stores its result
 * only if no invalidation happened while it ran. (An invalidation follows its commit; a load that read
 * before that commit started before the invalidation, so either the epoch moved under it or the
 * invalidation drops what it stored.) Invalidations are rare, so a shared epoch rather than one per
 * user costs at most a few extra loads.
 */
@Injectable()
export class ActorCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly channel: string;
  private readonly ttlMs: number;
  private subscriber: Redis | undefined;
  private publisher: Redis | undefined;
  private subscribed = false;
  /** Moves with every invalidation, here or heard from another replica. */
  private epoch = 0;

  constructor(
    private readonly loader: ActorLoader,
    private readonly config: AppConfig,
  ) {
    this.channel = `${config.QUEUE_PREFIX}:access-changed`;
    this.ttlMs = config.ACTOR_CACHE_SECONDS * 1000;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs === 0) return;
    const options = { ...redisConnection(this.config.REDIS_URL), maxRetriesPerRequest: 1, lazyConnect: true };
    this.publisher = new Redis(options);
    this.subscriber = new Redis(options);
    this.subscriber.on('message', (_channel: string, message: string) => this.drop(message.split(',')));
    this.subscriber.on('ready', () => {
      // Messages may have been missed while disconnected: start from nothing.
      this.forgetAll();
      void this.subscriber?.subscribe(this.channel).then(
        () => (this.subscribed = true),
        () => (this.subscribed = false),
      );
    });
    const down = () => {
      this.subscribed = false;
      this.forgetAll();
    };
    this.subscriber.on('close', down);
    this.subscriber.on('error', (error: Error) => this.logger.warn(`access-change subscription: ${error.message}`));
    this.publisher.on('error', (error: Error) => this.logger.warn(`access-change publisher: ${error.message}`));
    await this.subscriber.connect().catch(() => undefined);
  }

  async load(userId: string): Promise<Actor | undefined> {
    if (!this.subscribed) return this.loader.load(userId);
    const hit = this.entries.get(userId);
    if (hit && hit.expiresAt > Date.now()) return hit.actor;
    const epoch = this.epoch;
    const actor = await this.loader.load(userId);
    // Access changed while this load ran: what it read may predate the change, so it is not kept.
    if (epoch !== this.epoch) return actor;
    if (actor) this.entries.set(userId, { actor, expiresAt: Date.now() + this.ttlMs });
    else this.entries.delete(userId);
    return actor;
  }

  /** Called after a committed write that changed access: here at once, elsewhere through Redis. */
  async changed(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    this.drop(userIds);
    try {
      await this.publisher?.publish(this.channel, userIds.join(','));
    } catch (error) {
      // Other replicas cannot hear it; their subscription is down too, so they are not using their cache.
      this.logger.warn(`could not publish an access change: ${(error as Error).message}`);
    }
  }

  private drop(userIds: string[]): void {
    this.epoch++;
    if (userIds.includes(EVERYONE)) this.entries.clear();
    else for (const id of userIds) this.entries.delete(id);
  }

  private forgetAll(): void {
    this.epoch++;
    this.entries.clear();
  }

  onModuleDestroy(): void {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
