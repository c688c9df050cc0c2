import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RotationState } from './types';

/** Dark enough on their tints for WCAG AA (the theme's tags). */
const STATE_COLOURS: Record<RotationState, string> = {
  proposed: '#0050b3',
  approved: '#391085',
  in_progress: '#237804',
  concluded: '#006d75',
  cancelled: '#595959',
};

export function RotationStateTag({ state }: { state: RotationState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="rotation-state">
      {t(`rotations.states.${state}`)}
    </Tag>
  );
}
