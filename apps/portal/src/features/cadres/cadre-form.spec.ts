import dayjs from 'dayjs';
import { PUBLIC_FIELDS, RESTRICTED_FIELDS, changedFields, fileValues, namePath, rebase, toApiValues, toFormValues } from './cadre-form';
import type { CadreFile } from './types';

const FIELDS = [...PUBLIC_FIELDS, ...RESTRICTED_FIELDS];

/** A made-up file (no real person), as GET /cadres/:id returns it to its managing board. */
const file = (over: Partial<CadreFile> = {}): CadreFile => ({
  id: '4a4d6a57-1f7e-4d83-9a55-3d1d8f0c0c01',
  committeeId: 'c1',
  managingCommitteeId: 'c1',
  fullName: 'Trần Thị Mẫu',
  gender: 'female',
  dateOfBirth: '1975-04-02',
  ethnicity: 'Kinh',
  religion: null,
  hometown: 'Nga Sơn, Thanh Hóa',
  partyJoinDate: '1998-05-19',
  partyOfficialDate: '1999-05-19',
  educationLevel: 'Cử nhân Luật',
  politicalTheoryLevel: 'advanced',
  currentPositions: [],
  status: 'serving',
  archivedAt: null,
  archivedReason: null,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  politicalNotes: 'Không có vấn đề cần lưu ý.',
  discipline: [{ form: 'reprimand', decidedOn: '2023-06-15', effectUntil: '2024-06-15', decisionRef: '101-QĐ/UBKT' }],
  family: [{ relation: 'spouse', fullName: 'Lê Văn Mẫu', birthYear: 1974, occupation: 'Giáo viên', abroad: false }],
  ...over,
});

describe('the cadre edit form', () => {
  it('sends nothing for a file opened and saved unchanged (the round trip through the form is exact)', () => {
    const opened = file();
    const values = toApiValues(toFormValues(opened, FIELDS), FIELDS);
    expect(changedFields(fileValues(opened, FIELDS), values, FIELDS)).toEqual([]);
  });

  it('trims text, clears an emptied optional field with null, and writes dates as YYYY-MM-DD', () => {
    const form = toFormValues(file(), FIELDS);
    const values = toApiValues(
      {
        ...form,
        fullName: '  Trần Thị Mẫu Đơn ',
        hometown: '   ',
        partyOfficialDate: dayjs('2000-01-02'),
        politicalTheoryLevel: undefined,
      },
      FIELDS,
    );
    expect(values).toMatchObject({
      fullName: 'Trần Thị Mẫu Đơn',
      hometown: null,
      partyOfficialDate: '2000-01-02',
      politicalTheoryLevel: null,
    });
    expect(changedFields(fileValues(file(), FIELDS), values, FIELDS)).toEqual([
      'fullName',
      'hometown',
      'partyOfficialDate',
      'politicalTheoryLevel',
    ]);
  });

  it('sends restricted list entries without their empty parts', () => {
    const form = toFormValues(file(), FIELDS);
    form.family = [...(form.family ?? []), { relation: 'child', fullName: ' Lê Văn Con ', birthYear: null, occupation: '' }];
    expect(toApiValues(form, FIELDS).family).toEqual([
      { relation: 'spouse', fullName: 'Lê Văn Mẫu', birthYear: 1974, occupation: 'Giáo viên' },
      { relation: 'child', fullName: 'Lê Văn Con' },
    ]);
  });

  it('after a version conflict keeps the user’s edits on the current file and names what both changed', () => {
    const opened = file();
    const form = { ...toFormValues(opened, FIELDS), hometown: 'Hoằng Hóa, Thanh Hóa', educationLevel: 'Thạc sĩ Luật' };
    // Meanwhile someone else changed the education level (differently) and the ethnicity.
    const current = file({ version: 4, educationLevel: 'Tiến sĩ Luật', ethnicity: 'Mường' });
    const { values, mine, theirs, clashes } = rebase(form, opened, current, FIELDS);
    expect(mine).toEqual(['hometown', 'educationLevel']);
    expect(theirs).toEqual(['ethnicity', 'educationLevel']);
    expect(clashes).toEqual(['educationLevel']);
    // The form shows the other person's ethnicity, and the user's own hometown and education level.
    expect(values).toMatchObject({ ethnicity: 'Mường', hometown: 'Hoằng Hóa, Thanh Hóa', educationLevel: 'Thạc sĩ Luật' });
    // Saved on the current version, the form sends only the user's changes.
    expect(changedFields(fileValues(current, FIELDS), toApiValues(values, FIELDS), FIELDS)).toEqual(['hometown', 'educationLevel']);
  });

  it('does not call it a clash when both made the same change', () => {
    const opened = file();
    const form = { ...toFormValues(opened, FIELDS), educationLevel: 'Tiến sĩ Luật' };
    expect(rebase(form, opened, file({ educationLevel: 'Tiến sĩ Luật' }), FIELDS).clashes).toEqual([]);
  });

  it("puts the API's nested field errors on the form's name paths", () => {
    expect(namePath('family.0.fullName')).toEqual(['family', 0, 'fullName']);
    expect(namePath('dateOfBirth')).toEqual(['dateOfBirth']);
  });
});
