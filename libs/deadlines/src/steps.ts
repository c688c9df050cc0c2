/**
 * A deadline's reminder steps, as days from its due date: `-30, -7, -1` before, `0` on the day, `1`
 * the day after (overdue notice), and `escalateAfterDays` (the board above is told). Only the latest
 * step that has come is sent: a deadline set five days ahead starts at the 1-day reminder, not with
 * the 30- and 7-day ones it can no longer honour.
 */
export type StepKind = 'reminder' | 'due' | 'overdue' | 'escalation';

export function stepKind(offset: number, escalateAfterDays: number): StepKind {
  if (offset >= escalateAfterDays) return 'escalation';
  if (offset > 0) return 'overdue';
  return offset === 0 ? 'due' : 'reminder';
}

const vnDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
};

export interface StepMessage {
  kind: `deadline.${StepKind}`;
  title: string;
  body: string;
}

/** What each step says, in Vietnamese (the boards' working language). */
export function stepMessage(step: StepKind, offset: number, d: { title: string; dueOn: string; committeeName: string }): StepMessage {
  const due = vnDate(d.dueOn);
  switch (step) {
    case 'reminder':
      return {
        kind: 'deadline.reminder',
        title: `Nhắc hạn: ${d.title}`,
        body: `${d.committeeName}: "${d.title}" đến hạn ngày ${due}, còn ${-offset} ngày.`,
      };
    case 'due':
      return {
        kind: 'deadline.due',
        title: `Đến hạn hôm nay: ${d.title}`,
        body: `${d.committeeName}: hôm nay (${due}) là hạn chót của "${d.title}".`,
      };
    case 'overdue':
      return {
        kind: 'deadline.overdue',
        title: `Quá hạn: ${d.title}`,
        body: `${d.committeeName}: "${d.title}" đã quá hạn (hạn ${due}) mà chưa hoàn thành.`,
      };
    case 'escalation':
      return {
        kind: 'deadline.escalation',
        title: `Chậm tiến độ: ${d.committeeName} — ${d.title}`,
        body: `${d.committeeName} chưa hoàn thành "${d.title}" (hạn ${due}), đã quá hạn ${offset} ngày. Đề nghị đồng chí chỉ đạo, đôn đốc.`,
      };
  }
}
