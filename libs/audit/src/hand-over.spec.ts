import { handOverRecord } from './hand-over';

describe('handOverRecord', () => {
  it('points each moved field from the dissolved committee to its successor, on the successor’s chain', () => {
    expect(handOverRecord('Deadline', 'd1', ['committeeId'], { id: 'old' }, { id: 'new' })).toEqual({
      committeeId: 'new',
      entityType: 'Deadline',
      entityId: 'd1',
      action: 'hand-over',
      changes: { reason: 'committee dissolved', before: { committeeId: 'old' }, after: { committeeId: 'new' } },
    });
  });

  it('adds what changed with them, and goes to another chain when told', () => {
    const record = handOverRecord(
      'Cadre',
      'k1',
      ['committeeId', 'managingCommitteeId'],
      { id: 'old' },
      { id: 'new' },
      {
        before: { version: 3 },
        after: { version: 4 },
        chain: 'manager',
      },
    );
    expect(record.committeeId).toBe('manager');
    expect(record.changes).toEqual({
      reason: 'committee dissolved',
      before: { committeeId: 'old', managingCommitteeId: 'old', version: 3 },
      after: { committeeId: 'new', managingCommitteeId: 'new', version: 4 },
    });
  });
});
