import { Alert, Card, Space, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { OutcomeTag } from './labels';
import type { CheckResult, ChecksShown, Nomination } from './types';

/** Failures first, then warnings: what stands in the way of submitting leads the list. */
const ORDER: Record<CheckResult['outcome'], number> = { fail: 0, warning: 1, withheld: 2, pass: 3 };

/**
 * The checks of a cycle, each by rule and regulation: the outcome (a `withheld` check rests on the
 * restricted discipline group the caller may not read, so neither its outcome nor its figures show),
 * the figures, the Vietnamese explanation the API writes, and a flag on rules resting on an UNVERIFIED point.
 */
export function ChecksTable({ checks, nominations }: { checks: ChecksShown; nominations: readonly Nomination[] }) {
  const { t } = useTranslation();
  const c = (key: string) => t(`planning.checks.${key}`);
  /** What the check is about, by name: the title, the cadre or the nomination its subjectId points at. */
  const regards = (r: CheckResult): string => {
    const scope = c(`scopes.${r.scope}`);
    if (!r.subjectId) return scope;
    const byTitle = nominations.find((n) => n.titleId === r.subjectId);
    if (r.scope === 'title' && byTitle) return `${scope}: ${byTitle.titleName}`;
    const byCadre = nominations.find((n) => n.cadreId === r.subjectId || n.id === r.subjectId);
    if (byCadre?.cadreName) return `${scope}: ${byCadre.cadreName} (${byCadre.titleName})`;
    return scope;
  };
  return (
    <>
      <Typography.Paragraph>
        {t('planning.checks.rulesOn', { date: formatDate(checks.rulesOn) })} ·{' '}
        {t('planning.checks.summary', { failures: checks.failures, warnings: checks.warnings })}
      </Typography.Paragraph>
      <Table<CheckResult>
        rowKey={(r) => `${r.ruleId}:${r.scope}:${r.subjectId ?? ''}`}
        dataSource={[...checks.results].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome])}
        pagination={false}
        size="small"
        data-testid="check-table"
        locale={{ emptyText: <Empty description={c('empty')} /> }}
        columns={[
          {
            title: c('rule'),
            dataIndex: 'ruleTitle',
            render: (title: string, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{title}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.regulation}
                  {r.article ? `, ${r.article}` : ''}
                </Typography.Text>
                {r.unverified && (
                  <Tooltip title={c('unverifiedHint')}>
                    <Tag color="#ad4e00">{c('unverified')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: c('regards'), key: 'regards', render: (_: unknown, r) => regards(r) },
          { title: c('outcome'), dataIndex: 'outcome', render: (o: CheckResult['outcome']) => <OutcomeTag outcome={o} /> },
          { title: c('figures'), dataIndex: 'figures', render: (v: string, r) => (r.outcome === 'withheld' ? '' : v) },
          {
            title: c('explanation'),
            dataIndex: 'explanation',
            render: (v: string | null, r) => (r.outcome === 'withheld' ? '' : (v ?? '')),
          },
        ]}
      />
    </>
  );
}

/**
 * A step refused with 422 because hard rules fail (an appointment decided, a rotation approved): the
 * failures in words, then every check of the refusal by rule and regulation.
 */
export function ChecksRefusal({
  testId,
  message,
  rulesOn,
  results,
}: {
  testId: string;
  message: string;
  rulesOn: string;
  results: CheckResult[];
}) {
  return (
    <Card data-testid={testId}>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        message={message}
        description={
          <ul>
            {results
              .filter((r) => r.outcome === 'fail')
              .map((r) => (
                <li key={`${r.ruleId}:${r.subjectId ?? ''}`}>{r.explanation}</li>
              ))}
          </ul>
        }
      />
      <ChecksTable
        checks={{
          rulesOn,
          failures: results.filter((r) => r.outcome === 'fail').length,
          warnings: results.filter((r) => r.outcome === 'warning').length,
          results,
        }}
        nominations={[]}
      />
    </Card>
  );
}
