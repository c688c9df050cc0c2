import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEADLINE_STATES,
  DEADLINE_TRANSITIONS,
  DeadlineEvent,
  DeadlineState,
  OWED_STATES,
  STEPPING_STATES,
  canHappen,
  eventOfStep,
  stateAfter,
} from './deadline-transitions';
import { statesSql } from './deadline.repository';

const EVENTS = Object.keys(DEADLINE_TRANSITIONS) as DeadlineEvent[];
/** What may happen in each state, read off the table. */
const allowedIn = (state: DeadlineState) => EVENTS.filter((e) => canHappen(e, state));

describe('deadline transitions', () => {
  it('lets an open deadline be reminded, marked overdue, escalated, met, waived or handed over', () => {
    expect(allowedIn('open')).toEqual(['remind', 'mark-overdue', 'escalate', 'meet', 'waive', 'hand-over']);
    expect(stateAfter('remind', 'open')).toBe('open');
    expect(stateAfter('mark-overdue', 'open')).toBe('overdue');
    expect(stateAfter('escalate', 'open')).toBe('escalated');
    expect(stateAfter('meet', 'open')).toBe('met');
    expect(stateAfter('waive', 'open')).toBe('waived');
    expect(stateAfter('hand-over', 'open')).toBe('open');
  });

  it('keeps an overdue deadline stepping until it is escalated', () => {
    expect(stateAfter('remind', 'overdue')).toBe('overdue');
    expect(stateAfter('escalate', 'overdue')).toBe('escalated');
  });

  it('sends an escalated deadline no more steps, but it can still be met, waived or handed over', () => {
    expect(allowedIn('escalated')).toEqual(['meet', 'waive', 'hand-over']);
    expect(stateAfter('meet', 'escalated')).toBe('met');
    expect(stateAfter('hand-over', 'escalated')).toBe('escalated');
  });

  it('lets nothing happen to a met or waived deadline', () => {
    expect(allowedIn('met')).toEqual([]);
    expect(allowedIn('waived')).toEqual([]);
    expect(() => stateAfter('meet', 'met')).toThrow('A deadline met cannot meet');
    expect(() => stateAfter('waive', 'met')).toThrow();
  });

  it('only ever leads to a known state, and every owed state can be closed', () => {
    for (const { to } of Object.values(DEADLINE_TRANSITIONS)) if (to) expect(DEADLINE_STATES).toContain(to);
    for (const state of OWED_STATES) expect(canHappen('meet', state) && canHappen('waive', state)).toBe(true);
    expect(DEADLINE_STATES.filter((s) => !OWED_STATES.includes(s))).toEqual(['met', 'waived']);
  });

  it('names the event of each reminder step', () => {
    expect(eventOfStep('reminder')).toBe('remind');
    expect(eventOfStep('due')).toBe('remind');
    expect(eventOfStep('overdue')).toBe('mark-overdue');
    expect(eventOfStep('escalation')).toBe('escalate');
  });

  it('gives the SQL the same state lists as the partial indexes of the migration', () => {
    const migration = readFileSync(join(__dirname, '../../../migrations/1764400000000-deadlines-notifications.ts'), 'utf8');
    expect(migration).toContain(`deadline_live_due_idx ON deadline (due_on, id) WHERE state IN ${statesSql(STEPPING_STATES)}`);
    expect(migration).toContain(
      `deadline_subject_live_key ON deadline (committee_id, kind, subject_type, subject_id) WHERE state IN ${statesSql(OWED_STATES)}`,
    );
  });
});
