import { useState, type ReactNode } from 'react';
import { useInvalidate, useList, useOne, type HttpError } from '@refinedev/core';
import { Alert, Button, Card, Descriptions, Flex, List, Skeleton, Space, Typography, message } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../i18n';
import { AuditHistory } from './audit-history';
import { CadreArchive } from './cadre-archive';
import { CadreEdit, cadreSubject } from './cadre-edit';
import { codeLabel } from './cadre-labels';
import { RatingsTable, WorkHistoryTable } from './history-tables';
import type { CadreFile, Committee } from './types';
import { useSession } from '../../providers/use-ability';

const sectionTitle = (text: string): ReactNode => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/**
 * A cadre's file: identity, current positions, work history, yearly ratings, the restricted groups
 * only when the API sends them, and the file's audit history; edit and archive where the ability allows.
 */
export default function CadreShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const invalidate = useInvalidate();
  const [notify, notices] = message.useMessage();
  const { query, result: cadre } = useOne<CadreFile>({ resource: 'cadres', id, queryOptions: { retry: false } });
  const committees = useList<Committee>({ resource: 'committees', pagination: { pageSize: 200 } });
  const [dialog, setDialog] = useState<'edit' | 'archive' | null>(null);

  if (query.isLoading) return <Skeleton active paragraph={{ rows: 10 }} data-testid="cadre-skeleton" />;
  if (!cadre) {
    const status = (query.error as HttpError | null)?.statusCode;
    return (
      <Alert type="warning" showIcon message={status === 404 || status === 403 || !status ? t('cadres.notFound') : t('cadres.loadError')} />
    );
  }

  const f = (key: string) => t(`cadres.fields.${key}`);
  // The file's history is a keyset (infinite) list, which Refine's 'list' invalidation does not reach.
  const refreshHistory = () => invalidate({ resource: 'audit-events', invalidates: ['resourceAll'] });
  const reload = async () => {
    const [fresh] = await Promise.all([query.refetch(), refreshHistory()]);
    return fresh.data?.data;
  };
  // A change moves the file's version and adds to its history: the file, the lists and the history are fetched again.
  const changed = async () => {
    setDialog(null);
    await Promise.all([invalidate({ resource: 'cadres', invalidates: ['resourceAll'] }), refreshHistory()]);
  };
  const ability = session?.ability;
  const target = cadreSubject(cadre);
  const canUpdate = !cadre.archivedAt && !!ability?.can('update', target);
  const canArchive = !cadre.archivedAt && !!ability?.can('archive', target);
  const committeeName = (committeeId: string) =>
    committees.result.data?.find((c) => c.id === committeeId)?.name ?? (committees.query.isLoading ? '…' : t('cadres.committeeAbove'));
  const restricted = 'discipline' in cadre || 'politicalNotes' in cadre || 'family' in cadre;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {notices}
      <Link to="/cadres">← {t('cadres.back')}</Link>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap gap={16}>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} data-testid="cadre-name">
            {cadre.fullName}
          </Typography.Title>
          {/* data-ready: the ability is loaded, so a missing button is a refusal, not a page still loading. */}
          <Space wrap data-testid="cadre-actions" data-ready={session ? 'true' : 'false'}>
            {canUpdate && (
              <Button type="primary" onClick={() => setDialog('edit')}>
                {t('cadres.edit.button')}
              </Button>
            )}
            {canArchive && (
              <Button danger onClick={() => setDialog('archive')}>
                {t('cadres.archive.button')}
              </Button>
            )}
          </Space>
        </Flex>
        {cadre.archivedAt && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 16 }}
            data-testid="cadre-archived"
            message={t('cadres.archived', { date: formatDate(cadre.archivedAt), reason: cadre.archivedReason ?? '' })}
          />
        )}
        <Descriptions title={t('cadres.identity')} bordered column={{ xs: 1, md: 2 }} size="small" style={{ marginTop: 16 }}>
          <Descriptions.Item label={f('fullName')}>{cadre.fullName}</Descriptions.Item>
          <Descriptions.Item label={f('gender')}>{codeLabel(t, 'gender', cadre.gender)}</Descriptions.Item>
          <Descriptions.Item label={f('dateOfBirth')}>{formatDate(cadre.dateOfBirth)}</Descriptions.Item>
          <Descriptions.Item label={f('ethnicity')}>{cadre.ethnicity}</Descriptions.Item>
          <Descriptions.Item label={f('religion')}>{cadre.religion}</Descriptions.Item>
          <Descriptions.Item label={f('hometown')}>{cadre.hometown}</Descriptions.Item>
          <Descriptions.Item label={f('partyJoinDate')}>{formatDate(cadre.partyJoinDate)}</Descriptions.Item>
          <Descriptions.Item label={f('partyOfficialDate')}>{formatDate(cadre.partyOfficialDate)}</Descriptions.Item>
          <Descriptions.Item label={f('educationLevel')}>{cadre.educationLevel}</Descriptions.Item>
          <Descriptions.Item label={f('politicalTheoryLevel')}>
            {codeLabel(t, 'politicalTheoryLevel', cadre.politicalTheoryLevel)}
          </Descriptions.Item>
          <Descriptions.Item label={f('status')}>{codeLabel(t, 'status', cadre.status)}</Descriptions.Item>
          <Descriptions.Item label={f('version')}>{cadre.version}</Descriptions.Item>
          <Descriptions.Item label={f('committeeId')}>{committeeName(cadre.committeeId)}</Descriptions.Item>
          <Descriptions.Item label={f('managingCommitteeId')}>{committeeName(cadre.managingCommitteeId)}</Descriptions.Item>
          <Descriptions.Item label={f('currentPositions')} span={2}>
            {(cadre.currentPositions ?? [])
              .map((p) => `${p.title} — ${p.organisation}${p.concurrent ? ` (${t('cadres.history.concurrent')})` : ''}`)
              .join('; ') || t('cadres.none')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={sectionTitle(t('cadres.history.title'))} data-testid="cadre-history">
        <WorkHistoryTable positions={cadre.positions ?? []} />
      </Card>

      <Card title={sectionTitle(t('cadres.evaluations.title'))} data-testid="cadre-evaluations">
        <RatingsTable evaluations={cadre.evaluations ?? []} />
      </Card>

      {restricted && (
        <Card title={sectionTitle(t('cadres.restricted'))} data-testid="cadre-restricted">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('cadres.politicalNotes')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{cadre.politicalNotes || t('cadres.none')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cadres.discipline')}>
              {cadre.discipline?.length ? (
                <List
                  size="small"
                  dataSource={cadre.discipline}
                  renderItem={(d) => (
                    <List.Item>
                      {[
                        t('cadres.disciplineItem', { form: codeLabel(t, 'form', d.form), date: formatDate(d.decidedOn) }),
                        d.effectUntil && t('cadres.disciplineUntil', { date: formatDate(d.effectUntil) }),
                        d.decisionRef,
                        d.reason,
                      ]
                        .filter(Boolean)
                        .join(' — ')}
                    </List.Item>
                  )}
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
                  renderItem={(m) => (
                    <List.Item>
                      {[
                        `${codeLabel(t, 'relation', m.relation)}: ${m.fullName}`,
                        m.birthYear && t('cadres.familyBorn', { year: m.birthYear }),
                        m.occupation,
                        m.hometown,
                        m.affiliation,
                        m.abroad && t('cadres.abroad'),
                      ]
                        .filter(Boolean)
                        .join(' — ')}
                    </List.Item>
                  )}
                />
              ) : (
                t('cadres.none')
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      {session && <AuditHistory cadre={cadre} me={session.me} ability={session.ability} />}

      {dialog === 'edit' && session && (
        <CadreEdit
          cadre={cadre}
          ability={session.ability}
          onClose={() => setDialog(null)}
          reload={reload}
          onSaved={() => {
            void notify.success(t('cadres.edit.saved'));
            void changed();
          }}
        />
      )}
      {dialog === 'archive' && (
        <CadreArchive
          cadre={cadre}
          onClose={() => setDialog(null)}
          reload={reload}
          onArchived={() => {
            void notify.success(t('cadres.archive.done'));
            void changed();
          }}
        />
      )}
    </Space>
  );
}
