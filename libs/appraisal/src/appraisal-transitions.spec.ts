import {
  APPRAISAL_STATES,
  APPRAISAL_TRANSITIONS,
  AppraisalEvent,
  OPEN_APPRAISAL_STATES,
  canHappen,
  stateAfter,
} from './appraisal-transitions';

describe('the appraisal transition table', () => {
  // Every (event, state) pair, so a change to the table shows up here as a changed cell.
  const table: Record<AppraisalEvent, string> = {
    //                requested  in_review  concluded  decided  withdrawn
    review: /*       */ 'in_review  -          -          -        -',
    'ask-opinion': /**/ '-          in_review  -          -        -',
    'record-opinion': /*  */ '-     in_review  -          -        -',
    conclude: /*     */ '-          concluded  -          -        -',
    decide: /*       */ '-          -          decided    -        -',
    withdraw: /*     */ 'withdrawn  withdrawn  -          -        -',
    'hand-over': /*  */ 'requested  in_review  concluded  -        -',
  };
  const cases = (Object.keys(table) as AppraisalEvent[]).flatMap((event) =>
    table[event]
      .trim()
      .split(/\s+/)
      .map((after, i) => ({ event, state: APPRAISAL_STATES[i], after })),
  );

  it.each(cases)('$event from $state → $after', ({ event, state, after }) => {
    if (after === '-') {
      expect(canHappen(event, state)).toBe(false);
      expect(() => stateAfter(event, state)).toThrow(/cannot/);
    } else {
      expect(canHappen(event, state)).toBe(true);
      expect(stateAfter(event, state)).toBe(after);
    }
  });

  it('hands over exactly the open states; decided and withdrawn are final', () => {
    expect(APPRAISAL_TRANSITIONS['hand-over'].from).toEqual(OPEN_APPRAISAL_STATES);
    for (const final of ['decided', 'withdrawn'] as const)
      expect((Object.keys(APPRAISAL_TRANSITIONS) as AppraisalEvent[]).filter((e) => canHappen(e, final))).toEqual([]);
  });
});
