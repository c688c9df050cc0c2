import { SYSTEM_SCOPE, scopeStatement } from '@canbo/platform';
import { dbScopeOf } from './ability.factory';
import { assignment } from './testing/fixture-tree';

const USER = '00000000-0000-4000-8000-000000000099';

/** The row-level-security scope is the reach of the same assignments the CASL rules are built from. */
describe('dbScopeOf', () => {
  it('is the union of the subtrees of the assignments', () => {
    expect(dbScopeOf(USER, [assignment('admin', 'HN'), assignment('auditor', 'TH-NS')])).toEqual({
      ranges: '{[20,20],[40,50]}',
      userId: USER,
      system: false,
    });
  });

  it('gives a voter its own committee only, not the subtree below it', () => {
    expect(dbScopeOf(USER, [assignment('voter', 'TH')]).ranges).toBe('{[30,30]}');
  });

  it('gives the operator every committee, but not the system’s view of every inbox', () => {
    expect(dbScopeOf(USER, [assignment('operator', 'TW')])).toEqual({ ranges: '{(,)}', userId: USER, system: false });
  });

  it('gives a user without assignments the empty scope: no tenant row', () => {
    expect(dbScopeOf(USER, []).ranges).toBe('{}');
  });
});

describe('scopeStatement', () => {
  it('writes every setting, transaction-locally, quoted', () => {
    expect(scopeStatement(dbScopeOf(USER, [assignment('admin', 'HN')]))).toBe(
      `SELECT WHERE (set_config('app.scope', '{[20,20]}', true) || set_config('app.user_id', '${USER}', true) || set_config('app.system', '', true)) IS NULL`,
    );
    expect(scopeStatement(SYSTEM_SCOPE)).toContain(`set_config('app.system', 'on', true)`);
  });

  it('empties every setting when there is no scope (fail-closed)', () => {
    expect(scopeStatement(undefined)).toBe(
      `SELECT WHERE (set_config('app.scope', '', true) || set_config('app.user_id', '', true) || set_config('app.system', '', true)) IS NULL`,
    );
  });

  it('refuses a malformed scope instead of sending it', () => {
    expect(() => scopeStatement({ ranges: "{[1,2]}'); DROP TABLE cadre; --", userId: null, system: false })).toThrow(
      /Invalid database scope/,
    );
    expect(() => scopeStatement({ ranges: '{}', userId: 'admin', system: false })).toThrow(/Invalid database scope user/);
  });
});
