import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Deadline, DeadlinePolicy } from './types';

/** Solid tags (white text): Ant Design's light status tags fall below WCAG AA contrast. */
export const TAG_COLOURS = { info: '#0050b3', done: '#237804', late: '#a8071a', neutral: '#595959' } as const;
const STATE_COLOURS: Record<string, string> = {
  open: TAG_COLOURS.info,
  met: TAG_COLOURS.done,
  overdue: TAG_COLOURS.late,
  escalated: TAG_COLOURS.late,
  waived: TAG_COLOURS.neutral,
};

/** A deadline's state in words; a late one says so in red, whatever its state (open past its date is late too). */
export function DeadlineStateTag({ deadline }: { deadline: Pick<Deadline, 'state' | 'late'> }) {
  const { t } = useTranslation();
  return (
    <span data-testid="deadline-state">
      <Tag color={STATE_COLOURS[deadline.state]}>{t(`deadlines.states.${deadline.state}`, { defaultValue: deadline.state })}</Tag>
      {deadline.late && deadline.state === 'open' && <Tag color={TAG_COLOURS.late}>{t('deadlines.late')}</Tag>}
    </span>
  );
}

/** The kind's name: the portal's translation, else the policy's own (Vietnamese) name, never the code. */
export function useKindLabel(policies: readonly DeadlinePolicy[] | undefined): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => t(`deadlines.kinds.${kind}`, { defaultValue: policies?.find((p) => p.kind === kind)?.name ?? kind });
}

/**
 * The last reminder step, in words (the API counts days from the due date: -7 a week before, 3 three
 * days late); from the kind's escalation day on, the step was the notice to the board above.
 */
export function useStepLabel(): (step: number | null, escalateAfterDays?: number) => string {
  const { t } = useTranslation();
  return (step, escalateAfterDays) =>
    step === null
      ? t('deadlines.steps.none')
      : step < 0
        ? t('deadlines.steps.before', { count: -step })
        : step === 0
          ? t('deadlines.steps.onDay')
          : escalateAfterDays !== undefined && step >= escalateAfterDays
            ? t('deadlines.steps.escalated', { count: step })
            : t('deadlines.steps.after', { count: step });
}
