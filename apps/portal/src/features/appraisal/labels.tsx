import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppraisalState } from './types';

const COLOURS: Record<AppraisalState, string> = {
  requested: 'blue',
  in_review: 'purple',
  concluded: 'gold',
  decided: 'green',
  withdrawn: 'default',
};

export function AppraisalStateTag({ state }: { state: AppraisalState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOURS[state]} data-testid="appraisal-state">
      {t(`appraisal.states.${state}`)}
    </Tag>
  );
}
