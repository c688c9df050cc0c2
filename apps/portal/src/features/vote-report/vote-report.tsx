import { Alert, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FigureTable, ReportPage, ShareBar } from '../../components';
import { formatDate } from '../../i18n';
import type { VoteReport, VoteResultFigures } from './types';

const number = (n: number) => n.toLocaleString('vi-VN');
/** The years offered: this one and the seven before it (mid-term votes come once or twice a term). */
const YEARS = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);
const DIMENSIONS = ['state', 'mode', 'level'] as const;
type Dimension = (typeof DIMENSIONS)[number];
interface CountRow {
  value: string;
  sessions: number;
  subjects: number;
}
/** Each dimension's rows in the view, and the key of its texts. */
const ROWS: Record<Dimension, { rows: (v: VoteReport) => CountRow[]; texts: string }> = {
  state: { rows: (v) => v.byState.map(({ state, ...r }) => ({ value: state, ...r })), texts: 'states' },
  mode: { rows: (v) => v.byMode.map(({ mode, ...r }) => ({ value: mode, ...r })), texts: 'modes' },
  level: { rows: (v) => v.byLevel.map(({ level, sessions, subjects }) => ({ value: level, sessions, subjects })), texts: 'levels' },
};

/**
 * The outcomes of the results the caller may read, with how many counted sessions they cover and how many
 * were left out (restricted: the API counts only results the caller could read session by session).
 */
function Outcomes({ results, s }: { results: VoteResultFigures; s: (key: string, options?: Record<string, unknown>) => string }) {
  const counted = results.byOutcome.reduce((sum, o) => sum + o.count, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text data-testid="vote-results-sessions">{s('results', { sessions: number(results.sessions) })}</Typography.Text>
      {results.withheld > 0 && (
        <Alert type="info" showIcon data-testid="vote-results-withheld" message={s('withheld', { withheld: number(results.withheld) })} />
      )}
      <FigureTable<{ outcome: string; count: number }>
        rowKey="outcome"
        dataSource={results.byOutcome}
        caption={s('tables.outcome')}
        testId="vote-table-outcome"
        columns={[
          { title: s('columns.outcome'), dataIndex: 'outcome', render: (value: string) => s(`outcomes.${value}`, { defaultValue: value }) },
          { title: s('count'), dataIndex: 'count', align: 'right', render: number },
          { title: s('share'), key: 'share', render: (_, r) => <ShareBar count={r.count} total={counted} /> },
        ]}
      />
    </Space>
  );
}

/**
 * Confidence votes finished in a period (GET /reports/vote-outcomes): sessions and the people voted on by
 * the session's result (counted or void), mode and committee level, then the QĐ 96 outcomes the caller may
 * read; over everything the caller sees or one committee with or without those below.
 */
export default function VoteReportScreen() {
  const { t } = useTranslation();
  const s = (key: string, options: Record<string, unknown> = {}) => t(`voteReport.${key}`, options);
  return (
    <ReportPage<VoteReport> name="vote-report" path="/reports/vote-outcomes" years={YEARS} title={s('title')} error={s('error')}>
      {(view) => (
        <>
          <Typography.Paragraph data-testid="vote-summary">
            {s('summary', {
              from: formatDate(view.from),
              to: formatDate(view.to),
              sessions: number(view.sessions),
              subjects: number(view.subjects),
            })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {DIMENSIONS.map((dimension) => (
              <Col key={dimension} xs={24} lg={12}>
                <FigureTable<CountRow>
                  rowKey="value"
                  dataSource={ROWS[dimension].rows(view)}
                  caption={s(`tables.${dimension}`)}
                  testId={`vote-table-${dimension}`}
                  columns={[
                    {
                      title: s(`columns.${dimension}`),
                      dataIndex: 'value',
                      render: (value: string) => s(`${ROWS[dimension].texts}.${value}`, { defaultValue: value }),
                    },
                    { title: s('sessions'), dataIndex: 'sessions', align: 'right', render: number },
                    { title: s('subjects'), dataIndex: 'subjects', align: 'right', render: number },
                  ]}
                  totals={{
                    label: s('total'),
                    figures: [{ value: number(view.sessions), testId: `vote-total-${dimension}` }, { value: number(view.subjects) }],
                  }}
                />
              </Col>
            ))}
            <Col xs={24} lg={12}>
              <Outcomes results={view.results} s={s} />
            </Col>
          </Row>
        </>
      )}
    </ReportPage>
  );
}
