import { stepKind, stepMessage, type StepKind } from './index';

describe('stepKind: what a reminder step is, from its days after the due date', () => {
  it.each<[number, number, StepKind]>([
    [-30, 7, 'reminder'],
    [-7, 7, 'reminder'],
    [-1, 7, 'reminder'],
    [0, 7, 'due'],
    [1, 7, 'overdue'],
    [6, 7, 'overdue'],
    [7, 7, 'escalation'],
    [8, 7, 'escalation'],
    [400, 365, 'escalation'],
    // The smallest escalation policy allows (escalate_after_days BETWEEN 1 AND 365): the day after is already the escalation.
    [1, 1, 'escalation'],
    [0, 1, 'due'],
    [-1, 1, 'reminder'],
    [364, 365, 'overdue'],
    [365, 365, 'escalation'],
  ])('offset %d with escalation after %d days is %s', (offset, escalateAfterDays, kind) => {
    expect(stepKind(offset, escalateAfterDays)).toBe(kind);
  });

  it('is monotone: once a deadline is overdue it never becomes a reminder again, and escalation is last', () => {
    const order: StepKind[] = ['reminder', 'due', 'overdue', 'escalation'];
    for (const escalateAfterDays of [1, 2, 7, 30]) {
      const kinds = Array.from({ length: 80 }, (_, i) => order.indexOf(stepKind(i - 40, escalateAfterDays)));
      expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    }
  });
});

describe('stepMessage', () => {
  const deadline = { title: 'Báo cáo quy hoạch', dueOn: '2026-03-05', committeeName: 'Huyện ủy Nga Sơn' };

  it.each<[StepKind, number]>([
    ['reminder', -7],
    ['due', 0],
    ['overdue', 1],
    ['escalation', 10],
  ])('gives %s its own kind, and the title and committee in what it says', (step, offset) => {
    const message = stepMessage(step, offset, deadline);
    expect(message.kind).toBe(`deadline.${step}`);
    expect(message.title).toContain(deadline.title);
    expect(message.body).toContain(deadline.committeeName);
    expect(message.body).toContain(deadline.title);
  });

  it('writes the due date the Vietnamese way, day/month/year', () => {
    for (const step of ['reminder', 'due', 'overdue', 'escalation'] as const)
      expect(stepMessage(step, 0, deadline).body).toContain('05/03/2026');
  });

  it('counts the days left in a reminder and the days late in an escalation', () => {
    expect(stepMessage('reminder', -7, deadline).body).toContain('còn 7 ngày');
    expect(stepMessage('reminder', -1, deadline).body).toContain('còn 1 ngày');
    expect(stepMessage('escalation', 10, deadline).body).toContain('đã quá hạn 10 ngày');
  });

  it('names the committee in an escalation`s title: the board above reads many committees', () => {
    expect(stepMessage('escalation', 10, deadline).title).toBe('Chậm tiến độ: Huyện ủy Nga Sơn — Báo cáo quy hoạch');
  });
});
