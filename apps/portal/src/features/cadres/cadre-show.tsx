import { useOne } from '@refinedev/core';
import { Alert, Card, Descriptions, Empty, List, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import type { CadreFile } from './types';

/** A cadre's file: identity fields; the restricted groups only when the API sends them. */
export default function CadreShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { query, result: cadre } = useOne<CadreFile>({ resource: 'cadres', id });
  if (query.isLoading) return <Skeleton active />;
  if (!cadre) return <Alert type="warning" showIcon message={t('cadres.notFound')} />;
  const restricted = cadre.discipline !== undefined || cadre.politicalNotes !== undefined || cadre.family !== undefined;
  const f = (key: string) => t(`cadres.fields.${key}`);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/cadres">← {t('cadres.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="cadre-name">
          {cadre.fullName}
        </Typography.Title>
        <Descriptions title={t('cadres.identity')} bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('fullName')}>{cadre.fullName}</Descriptions.Item>
          <Descriptions.Item label={f('gender')}>{t(`cadres.gender.${cadre.gender}`, { defaultValue: cadre.gender })}</Descriptions.Item>
          <Descriptions.Item label={f('dateOfBirth')}>{formatDate(cadre.dateOfBirth)}</Descriptions.Item>
          <Descriptions.Item label={f('ethnicity')}>{cadre.ethnicity}</Descriptions.Item>
          <Descriptions.Item label={f('religion')}>{cadre.religion}</Descriptions.Item>
          <Descriptions.Item label={f('hometown')}>{cadre.hometown}</Descriptions.Item>
          <Descriptions.Item label={f('partyJoinDate')}>{formatDate(cadre.partyJoinDate)}</Descriptions.Item>
          <Descriptions.Item label={f('partyOfficialDate')}>{formatDate(cadre.partyOfficialDate)}</Descriptions.Item>
          <Descriptions.Item label={f('educationLevel')}>{cadre.educationLevel}</Descriptions.Item>
          <Descriptions.Item label={f('politicalTheoryLevel')}>{cadre.politicalTheoryLevel}</Descriptions.Item>
          <Descriptions.Item label={f('status')}>{cadre.status}</Descriptions.Item>
          <Descriptions.Item label={f('currentPositions')}>
            {(cadre.currentPositions ?? []).map((p) => `${p.title} — ${p.organisation}`).join('; ')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {restricted && (
        <Card title={t('cadres.restricted')} data-testid="cadre-restricted">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('cadres.politicalNotes')}>{cadre.politicalNotes || t('cadres.none')}</Descriptions.Item>
            <Descriptions.Item label={t('cadres.discipline')}>
              {cadre.discipline?.length ? (
                <List
                  size="small"
                  dataSource={cadre.discipline}
                  renderItem={(d) => <List.Item>{`${d.form} — ${formatDate(d.decidedOn)}`}</List.Item>}
                />
              ) : (
                t('cadres.none')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.family')}>
              {cadre.family?.length ? (
                <List
                  size="small"
                  dataSource={cadre.family}
                  renderItem={(m) => <List.Item>{`${m.relation}: ${m.fullName}${m.birthYear ? ` (${m.birthYear})` : ''}`}</List.Item>}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cadres.none')} />
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}
