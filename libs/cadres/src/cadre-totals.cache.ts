import { Injectable } from '@nestjs/common';

/**
 * Totals are reused for a few seconds (bench.md allows a cached total): summing the tallies of the
 * whole country costs several milliseconds. This process forgets them on its own writes; another
 * replica's writes show within the TTL.
 */
const TOTAL_TTL_MS = 5_000;
const TOTAL_CACHE_SIZE = 1_000;

/** Totals behind lists, by the scope and filters they were summed for. */
@Injectable()
export class CadreTotalsCache {
  private readonly totals = new Map<string, { n: number; expiresAt: number }>();

  /** The total under `key`, summed by `sum` when it is absent or stale. */
  async through(key: string, sum: () => Promise<number>): Promise<number> {
    const cached = this.totals.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.n;
    const n = await sum();
    // A crude bound: the distinct keys are few (scopes × filters), a full map is simply started over.
    if (this.totals.size >= TOTAL_CACHE_SIZE) this.totals.clear();
    this.totals.set(key, { n, expiresAt: Date.now() + TOTAL_TTL_MS });
    return n;
  }

  /** After a write of this process: its own changes show at once. */
  forget(): void {
    this.totals.clear();
  }
}
