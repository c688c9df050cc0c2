import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckResult, CycleState } from './types';

/** Dark enough on their tints for WCAG AA (the theme's tags). */
const STATE_COLOURS: Record<CycleState, string> = {
  draft: '#595959',
  submitted: '#0050b3',
  under_appraisal: '#391085',
  approved: '#237804',
  returned: '#ad4e00',
};

export function CycleStateTag({ state }: { state: CycleState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="cycle-state">
      {t(`planning.states.${state}`)}
    </Tag>
  );
}

const OUTCOME_COLOURS: Record<CheckResult['outcome'], string> = {
  pass: '#237804',
  fail: '#a8071a',
  warning: '#ad4e00',
  withheld: '#595959',
};

export function OutcomeTag({ outcome }: { outcome: CheckResult['outcome'] }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOURS[outcome]}>{t(`planning.checks.outcomes.${outcome}`)}</Tag>;
}
