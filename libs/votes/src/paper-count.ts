import type { SubjectCount } from './tally';

/** A paper session's counting record, as the counting board (ban kiểm phiếu) signed it. */
export interface PaperCount {
  convened: number;
  present: number;
  issued: number;
  returned: number;
  valid: number;
  spoiled: number;
  signedBy: readonly string[];
  subjects: readonly SubjectCount[];
}

/**
 * What does not add up in a counting record, each naming its field: the ballots go from convened to
 * present to issued to returned (valid + spoiled), each no more than the one before; every subject is
 * counted once, and its ratings come from the valid ballots only.
 */
export function paperCountErrors(c: PaperCount, subjects: number): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (c.present > c.convened) errors.push({ field: 'present', message: `present (${c.present}) exceeds convened (${c.convened})` });
  if (c.issued > c.present) errors.push({ field: 'issued', message: `issued (${c.issued}) exceeds present (${c.present})` });
  if (c.returned > c.issued) errors.push({ field: 'returned', message: `returned (${c.returned}) exceeds issued (${c.issued})` });
  if (c.valid + c.spoiled !== c.returned)
    errors.push({ field: 'valid', message: `valid (${c.valid}) + spoiled (${c.spoiled}) must equal returned (${c.returned})` });
  const positions = c.subjects.map((s) => s.position);
  if (c.subjects.length !== subjects || new Set(positions).size !== subjects || positions.some((p) => p > subjects))
    errors.push({ field: 'subjects', message: `subjects must count each of the session's ${subjects} subjects once` });
  c.subjects.forEach((s, i) => {
    const rated = s.high + s.confidence + s.low;
    if (rated > c.valid) errors.push({ field: `subjects.${i}`, message: `${rated} ratings from ${c.valid} valid ballots` });
  });
  return errors;
}
