import { RoleHolders } from './role-holders.service';

describe('RoleHolders', () => {
  const holders = new RoleHolders([
    { committeeId: 'ns', role: 'admin', userId: 'a1' },
    { committeeId: 'ns', role: 'admin', userId: 'a2' },
    { committeeId: 'ns', role: 'secretary', userId: 's1' },
    { committeeId: 'th', role: 'admin', userId: 'a3' },
  ]);

  it('finds the holders of one role at one committee, and only them', () => {
    expect(holders.of('ns', 'admin')).toEqual(['a1', 'a2']);
    expect(holders.of('ns', 'secretary')).toEqual(['s1']);
    expect(holders.of('th', 'admin')).toEqual(['a3']);
  });

  it('answers an empty list where nobody holds the role', () => {
    expect(holders.of('th', 'secretary')).toEqual([]);
    expect(holders.of('tx', 'admin')).toEqual([]);
  });
});
