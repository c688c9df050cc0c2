import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  /** Requests per second over the measured window. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Paths cycled through by every connection (e.g. different ids); default: the url's own path. */
  paths?: string[];
  connections: number;
  seconds: number;
  warmupSeconds?: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Drives one HTTP target with autocannon at a fixed number of connections. Every response's own
 * latency is recorded (autocannon's summary has no p95), after a warm-up run that is discarded.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const requests = options.paths?.map((path) => ({ method: 'GET' as const, path }));
  const run = (seconds: number, latencies?: number[]) =>
    autocannon({
      url: options.url,
      headers: options.headers,
      connections: options.connections,
      duration: seconds,
      requests,
      setupClient: latencies
        ? (client) => client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms))
        : undefined,
    });
  if (options.warmupSeconds ?? 2) await run(options.warmupSeconds ?? 2);
  const latencies: number[] = [];
  const result = await run(options.seconds, latencies);
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    throughput: result.requests.total / options.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
