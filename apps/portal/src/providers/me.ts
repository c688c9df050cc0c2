import { createMongoAbility, type MongoAbility } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { api } from './http';
import type { MeView } from '../api';

/** GET /me: the caller, its role assignments and its CASL rules, packed with @casl/ability/extra packRules. */
export type Me = Omit<MeView, 'rules'> & { rules: PackRule<never>[] };

export type PortalAbility = MongoAbility;

let current: Promise<{ me: Me; ability: PortalAbility }> | null = null;

/** The signed-in user and the ability built from the rules the API sends: the same rules the API enforces. */
export function loadMe(): Promise<{ me: Me; ability: PortalAbility }> {
  current ??= api<Me>('/me').then(
    (me) => ({ me, ability: createMongoAbility(unpackRules(me.rules)) }),
    (error: unknown) => {
      current = null;
      throw error;
    },
  );
  return current;
}

export function forgetMe(): void {
  current = null;
}
