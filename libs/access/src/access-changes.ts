import { ClsServiceManager } from 'nestjs-cls';

const KEY = 'canbo.accessChanged';

/** Everyone's access, e.g. after the tree's intervals moved. */
export const EVERYONE = '*';

/**
 * Notes, inside a write, that someone's access changes with it (a role granted or revoked, an account
 * disabled, the tree renumbered). Cached abilities are dropped once the write has committed, by
 * whoever runs the request (the API's access-changes interceptor), on every replica.
 */
export function noteAccessChanged(userIdOrEveryone: string): void {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return;
  const set = cls.get<Set<string> | undefined>(KEY) ?? new Set<string>();
  set.add(userIdOrEveryone);
  cls.set(KEY, set);
}

/** What the current request noted (and forgets it). */
export function takeAccessChanges(): string[] {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return [];
  const set = cls.get<Set<string> | undefined>(KEY);
  cls.set(KEY, undefined);
  return set ? [...set] : [];
}
