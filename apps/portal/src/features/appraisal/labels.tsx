import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppraisalState } from './types';

const COLOURS: Record<AppraisalState, string> = {
  requested: '#0050b3',
  in_review: '#391085',
  concluded: '#ad4e00',
  decided: '#237804',
  withdrawn: '#595959',
};

export function AppraisalStateTag({ state }: { state: AppraisalState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOURS[state]} data-testid="appraisal-state">
      {t(`appraisal.states.${state}`)}
    </Tag>
  );
}
