import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** What a link's hash covers: everything about the event except the hash itself. */
export interface ChainedEvent {
  committeeId: string;
  seq: string;
  occurredAt: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every depth, so the same event always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function linkHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}
