import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppointmentState } from './types';

/** Dark enough on their tints for WCAG AA (the theme's tags). */
const STATE_COLOURS: Record<AppointmentState, string> = {
  proposed: '#0050b3',
  decided: '#391085',
  in_effect: '#237804',
  cancelled: '#595959',
};

export function AppointmentStateTag({ state }: { state: AppointmentState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="appointment-state">
      {t(`appointments.states.${state}`)}
    </Tag>
  );
}
