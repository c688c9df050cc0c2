import { PaperCount, paperCountErrors } from './paper-count';

const record: PaperCount = {
  convened: 30,
  present: 28,
  issued: 28,
  returned: 27,
  valid: 26,
  spoiled: 1,
  signedBy: ['Nguyễn Văn A', 'Trần Thị B', 'Lê Văn C'],
  subjects: [
    { position: 1, high: 20, confidence: 4, low: 2 },
    { position: 2, high: 3, confidence: 5, low: 17 },
  ],
};
const fields = (c: Partial<PaperCount>) => paperCountErrors({ ...record, ...c }, 2).map((e) => e.field);

describe('a paper counting record', () => {
  it('adds up', () => expect(paperCountErrors(record, 2)).toEqual([]));

  it('names each count that exceeds the one before it', () => {
    expect(fields({ present: 31 })).toEqual(['present']);
    expect(fields({ present: 27 })).toEqual(['issued']);
    expect(fields({ issued: 29 })).toEqual(['issued']);
    expect(fields({ issued: 26 })).toEqual(['returned']);
    expect(fields({ spoiled: 2 })).toEqual(['valid']);
  });

  it('names a subject rated more often than there are valid ballots, and a subject missed or counted twice', () => {
    expect(fields({ subjects: [record.subjects[0], { position: 2, high: 10, confidence: 10, low: 7 }] })).toEqual(['subjects.1']);
    expect(fields({ subjects: [record.subjects[0]] })).toEqual(['subjects']);
    expect(fields({ subjects: [record.subjects[0], { ...record.subjects[1], position: 1 }] })).toEqual(['subjects']);
    expect(fields({ subjects: [record.subjects[0], { ...record.subjects[1], position: 3 }] })).toEqual(['subjects']);
  });
});
