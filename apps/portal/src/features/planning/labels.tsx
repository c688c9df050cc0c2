import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckResult, CycleState } from './types';

/** Dark enough on their tints for WCAG AA (the theme's tags). */
const STATE_COLOURS: Record<CycleState, string> = {
  draft: 'default',
  submitted: 'blue',
  under_appraisal: 'purple',
  approved: 'green',
  returned: 'orange',
};

export function CycleStateTag({ state }: { state: CycleState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="cycle-state">
      {t(`planning.states.${state}`)}
    </Tag>
  );
}

const OUTCOME_COLOURS: Record<CheckResult['outcome'], string> = { pass: 'green', fail: 'red', warning: 'gold', withheld: 'default' };

export function OutcomeTag({ outcome }: { outcome: CheckResult['outcome'] }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOURS[outcome]}>{t(`planning.checks.outcomes.${outcome}`)}</Tag>;
}
