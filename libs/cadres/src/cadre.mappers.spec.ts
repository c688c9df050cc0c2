import { CadreRow } from './cadre.entity';
import { restrictedReader, stampOf, toSubject, toView } from './cadre.mappers';

const at = (iso: string) => new Date(iso);

const row = (over: Partial<CadreRow> = {}): CadreRow => ({
  id: 'c1',
  committee_id: 'w1',
  committee_pre: '2000',
  managing_committee_id: 'm1',
  managing_pre: '1000',
  full_name: 'Nguyễn Văn Hùng',
  given_name: 'Hùng',
  gender: 'male',
  date_of_birth: '1980-05-01',
  ethnicity: 'Kinh',
  religion: null,
  hometown: null,
  party_join_date: null,
  party_official_date: null,
  education_level: null,
  political_theory_level: null,
  status: 'serving',
  archived_at: null,
  archived_reason: null,
  version: 3,
  restricted_version: 0,
  created_at: at('2025-01-01T00:00:00Z'),
  updated_at: at('2025-02-01T00:00:00Z'),
  restricted_updated_at: null,
  current_positions: [],
  ...over,
});

describe('stampOf', () => {
  it('is the public stamp while the restricted groups never changed, for every reader', () => {
    expect(stampOf(row(), true)).toEqual({ version: 3, updatedAt: at('2025-02-01T00:00:00Z') });
    expect(stampOf(row(), false)).toEqual({ version: 3, updatedAt: at('2025-02-01T00:00:00Z') });
  });

  it('hides a restricted-only change from a caller who may not read those groups', () => {
    const r = row({ restricted_version: 2, restricted_updated_at: at('2025-03-01T00:00:00Z') });
    expect(stampOf(r, false)).toEqual({ version: 3, updatedAt: at('2025-02-01T00:00:00Z') });
  });

  it('shows their reader the sum of both parts and the later of both times', () => {
    const later = row({ restricted_version: 2, restricted_updated_at: at('2025-03-01T00:00:00Z') });
    expect(stampOf(later, true)).toEqual({ version: 5, updatedAt: at('2025-03-01T00:00:00Z') });
    const earlier = row({ restricted_version: 1, restricted_updated_at: at('2025-01-15T00:00:00Z') });
    expect(stampOf(earlier, true)).toEqual({ version: 4, updatedAt: at('2025-02-01T00:00:00Z') });
  });
});

describe('toSubject', () => {
  it('gives CASL the pre-order numbers as numbers (they are selected as text)', () => {
    expect(toSubject(row())).toEqual({ committeePre: 2000, managingCommitteeId: 'm1', managingPre: 1000 });
  });
});

describe('toView', () => {
  it('names the fields as the API does, with ISO times and the stamp the caller sees', () => {
    const r = row({
      restricted_version: 2,
      restricted_updated_at: at('2025-03-01T00:00:00Z'),
      archived_at: at('2025-04-01T00:00:00Z'),
      archived_reason: 'duplicate',
    });
    expect(toView(r, false)).toMatchObject({
      id: 'c1',
      committeeId: 'w1',
      managingCommitteeId: 'm1',
      fullName: 'Nguyễn Văn Hùng',
      dateOfBirth: '1980-05-01',
      version: 3,
      updatedAt: '2025-02-01T00:00:00.000Z',
      archivedAt: '2025-04-01T00:00:00.000Z',
      archivedReason: 'duplicate',
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    expect(toView(r, true)).toMatchObject({ version: 5, updatedAt: '2025-03-01T00:00:00.000Z' });
  });

  it('carries the restricted groups only when the row has them (a whole file, not a list row)', () => {
    expect(toView(row(), true)).not.toHaveProperty('discipline');
    expect(toView(row({ discipline: [], family: [], political_notes: undefined }), true)).toMatchObject({
      discipline: [],
      family: [],
      politicalNotes: null,
    });
  });
});

describe('restrictedReader', () => {
  it('asks once per placement (working committee and managing committee) of a page', () => {
    const reads = jest.fn((r: CadreRow) => r.managing_committee_id === 'm1');
    const reader = restrictedReader(reads);
    expect([row(), row({ id: 'c2' }), row({ id: 'c3', managing_committee_id: 'm2' }), row({ id: 'c4' })].map(reader)).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
