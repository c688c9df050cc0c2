import { CYCLE_STATES, CYCLE_TRANSITIONS, CYCLE_VERBS, CycleState, canHappen, stateAfter } from './cycle-transitions';

describe('planning-cycle transitions', () => {
  it('draft → submitted → under_appraisal → approved', () => {
    let state: CycleState = 'draft';
    for (const verb of ['submit', 'start-appraisal', 'approve'] as const) state = stateAfter(verb, state);
    expect(state).toBe('approved');
  });

  it('returned from the desk or from appraisal, and back to draft', () => {
    expect(stateAfter('return', 'submitted')).toBe('returned');
    expect(stateAfter('return', 'under_appraisal')).toBe('returned');
    expect(stateAfter('reopen', 'returned')).toBe('draft');
  });

  it('every other pair is refused, and an approved cycle moves no more', () => {
    const allowed: Record<string, CycleState[]> = {
      submit: ['draft'],
      'start-appraisal': ['submitted'],
      approve: ['under_appraisal'],
      return: ['submitted', 'under_appraisal'],
      reopen: ['returned'],
    };
    for (const verb of CYCLE_VERBS)
      for (const state of CYCLE_STATES)
        expect({ verb, state, ok: canHappen(verb, state) }).toEqual({ verb, state, ok: allowed[verb].includes(state) });
    expect(CYCLE_VERBS.filter((v) => canHappen(v, 'approved'))).toEqual([]);
    expect(() => stateAfter('approve', 'draft')).toThrow('cannot approve');
  });

  it('each verb names the ability action it needs', () => {
    expect(Object.fromEntries(CYCLE_VERBS.map((v) => [v, CYCLE_TRANSITIONS[v].action]))).toEqual({
      submit: 'submit',
      'start-appraisal': 'appraise',
      approve: 'approve',
      return: 'return',
      reopen: 'update',
    });
  });
});
