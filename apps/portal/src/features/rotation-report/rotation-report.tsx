import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FigureTable, ReportPage, ShareBar } from '../../components';
import { formatDate } from '../../i18n';
import type { RotationReport } from './types';

const number = (n: number) => n.toLocaleString('vi-VN');
/** The years offered: this one and the seven before it (the scale of a term and a half). */
const YEARS = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);
const DIMENSIONS = ['direction', 'type', 'level', 'state'] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** Each dimension's rows in the view, and the key of its texts. */
const ROWS: Record<Dimension, { rows: (v: RotationReport) => { value: string; count: number }[]; texts: string }> = {
  direction: { rows: (v) => v.byDirection.map((r) => ({ value: r.direction, count: r.count })), texts: 'directions' },
  type: { rows: (v) => v.byType.map((r) => ({ value: r.type, count: r.count })), texts: 'types' },
  level: { rows: (v) => v.byLevel.map((r) => ({ value: r.level, count: r.count })), texts: 'levels' },
  state: { rows: (v) => v.byState.map((r) => ({ value: r.state, count: r.count })), texts: 'states' },
};

/**
 * Rotations starting in a period (GET /reports/rotations), by direction, type, the destination's level and
 * state, over everything the caller sees or one committee (the proposing one) with or without those below.
 */
export default function RotationReportScreen() {
  const { t } = useTranslation();
  const s = (key: string, options: Record<string, unknown> = {}) => t(`rotationReport.${key}`, options);
  return (
    <ReportPage<RotationReport> name="rotation-report" path="/reports/rotations" years={YEARS} title={s('title')} error={s('error')}>
      {(view) => (
        <>
          <Typography.Paragraph data-testid="rotation-summary">
            {s('summary', { from: formatDate(view.from), to: formatDate(view.to), total: number(view.total) })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {DIMENSIONS.map((dimension) => (
              <Col key={dimension} xs={24} lg={12}>
                <FigureTable<{ value: string; count: number }>
                  rowKey="value"
                  dataSource={ROWS[dimension].rows(view)}
                  caption={s(`tables.${dimension}`)}
                  testId={`rotation-table-${dimension}`}
                  columns={[
                    {
                      title: s(`columns.${dimension}`),
                      dataIndex: 'value',
                      render: (value: string) => s(`${ROWS[dimension].texts}.${value}`, { defaultValue: value }),
                    },
                    { title: s('count'), dataIndex: 'count', align: 'right', render: number },
                    { title: s('share'), key: 'share', render: (_, r) => <ShareBar count={r.count} total={view.total} /> },
                  ]}
                  totals={{ label: s('total'), figures: [{ value: number(view.total), testId: `rotation-total-${dimension}` }, null] }}
                />
              </Col>
            ))}
          </Row>
        </>
      )}
    </ReportPage>
  );
}
