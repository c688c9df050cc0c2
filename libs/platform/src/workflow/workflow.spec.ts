import { ConflictProblem, VersionConflictProblem } from '../errors/problems';
import { oneByOne } from './one-by-one';
import { workflowOf } from './workflow';

type State = 'proposed' | 'decided' | 'cancelled';
const flow = workflowOf<State, 'decide' | 'cancel' | 'note'>(
  { article: 'An appointment', slug: 'appointment' },
  {
    decide: { from: ['proposed'], to: 'decided' },
    cancel: { from: ['proposed', 'decided'], to: 'cancelled' },
    note: { from: ['proposed'], to: null },
  },
);

/** What `run` throws (undefined if nothing). */
const thrown = (run: () => void): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('workflowOf', () => {
  it('moves by the table: a step leaves its state, or keeps it when the table says none', () => {
    expect(flow.canHappen('cancel', 'decided')).toBe(true);
    expect(flow.canHappen('decide', 'cancelled')).toBe(false);
    expect(flow.stateAfter('decide', 'proposed')).toBe('decided');
    expect(flow.stateAfter('note', 'proposed')).toBe('proposed');
    expect(() => flow.stateAfter('decide', 'decided')).toThrow('An appointment decided cannot decide');
  });

  it('checks a step: the version read first (409 with the current one), then the state (409 <slug>-state)', () => {
    expect(() => flow.ensureStep({ state: 'proposed', version: 3 }, 'decide', 3)).not.toThrow();
    const stale = thrown(() => flow.ensureStep({ state: 'cancelled', version: 4 }, 'decide', 3));
    expect(stale).toBeInstanceOf(VersionConflictProblem);
    expect((stale as VersionConflictProblem).message).toContain('The appointment was changed by someone else (current version 4)');
    const wrongState = thrown(() => flow.ensureStep({ state: 'cancelled', version: 4 }, 'decide', 4));
    expect(wrongState).toBeInstanceOf(ConflictProblem);
    expect(wrongState).toMatchObject({ slug: 'appointment-state' });
  });
});

describe('oneByOne', () => {
  it('does every item, returns those done, and throws the failures together once the rest are done', async () => {
    const seen: string[] = [];
    const pass = oneByOne(
      ['a', 'b', 'c', 'd'],
      async (id) => {
        seen.push(id);
        if (id === 'b') throw new Error('archived');
        return id !== 'c';
      },
      'thing(s) could not move',
    );
    await expect(pass).rejects.toThrow('1 thing(s) could not move: b: archived');
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    await expect(oneByOne(['a', 'c'], async (id) => id === 'a', 'x')).resolves.toEqual(['a']);
  });
});
