import { useState } from 'react';
import { useCustomMutation, useInvalidate, useOne, type HttpError } from '@refinedev/core';
import { subject } from '@casl/ability';
import { Alert, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space, Typography, message as messages } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../components';
import { errorText } from '../../providers/error-text';
import { formatDate, formatDateTime } from '../../i18n';
import { problemSlug, type Problem } from '../../providers/http';
import { useAbility } from '../../providers/use-ability';
import { DeadlineStateTag, TAG_COLOURS, useKindLabel, useStepLabel } from './labels';
import { usePolicies } from './queries';
import type { Deadline } from './types';

const OWED = ['open', 'overdue', 'escalated'];

/** One deadline: what is due, by whom, its state and reminders; mark it met or waive it where the ability allows. */
export default function DeadlineShow() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const [message, messageHolder] = messages.useMessage();
  const { query, result: deadline } = useOne<Deadline>({ resource: 'deadlines', id, errorNotification: false });
  const policies = usePolicies();
  const kindLabel = useKindLabel(policies.data);
  const stepLabel = useStepLabel();
  const invalidate = useInvalidate();
  const { mutateAsync, mutation } = useCustomMutation<Deadline>();
  const [waiving, setWaiving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  if (query.isLoading) return <Skeleton active />;
  if (!deadline) return <Alert type="warning" showIcon message={t('deadlines.notFound')} />;

  const asSubject = subject('Deadline', { committeeId: deadline.committeeId, committeePre: deadline.committeePre });
  const owed = OWED.includes(deadline.state);
  const canMeet = owed && !!ability?.can('update', asSubject);
  const canWaive = owed && !!ability?.can('waive', asSubject);

  const refresh = () => invalidate({ resource: 'deadlines', invalidates: ['list', 'detail'], id });
  /** Meet or waive with the version read; a stale version (409) reloads and says why. */
  const close = async (verb: 'meet' | 'waive', body: Record<string, unknown>) => {
    try {
      await mutateAsync({
        url: `/deadlines/${deadline.id}/${verb}`,
        method: 'post',
        values: { version: deadline.version, ...body },
        errorNotification: false,
        successNotification: false,
      });
      void message.success(t(verb === 'meet' ? 'deadlines.met' : 'deadlines.waived'));
      setWaiving(false);
      await refresh();
    } catch (error) {
      const e = error as HttpError & { problem?: Problem };
      const reasonErrors = e.errors?.reason;
      if (reasonErrors) form.setFields([{ name: 'reason', errors: ([] as string[]).concat(reasonErrors as string | string[]) }]);
      else if (e.statusCode === 409) {
        void message.warning(t(e.problem && problemSlug(e.problem) === 'deadline-closed' ? 'deadlines.closed' : 'deadlines.conflict'));
        setWaiving(false);
        await refresh();
      } else void message.error(errorText(t, e));
    }
  };

  const f = (key: string) => t(`deadlines.fields.${key}`);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {messageHolder}
      <Link to="/deadlines">← {t('deadlines.back')}</Link>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }} data-testid="deadline-title">
          {deadline.title}
        </Typography.Title>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={f('committee')}>{deadline.committeeName}</Descriptions.Item>
          <Descriptions.Item label={f('kind')}>{kindLabel(deadline.kind)}</Descriptions.Item>
          <Descriptions.Item label={f('dueOn')}>
            {deadline.late ? (
              <Typography.Text strong style={{ color: TAG_COLOURS.late }}>
                {formatDate(deadline.dueOn)}
              </Typography.Text>
            ) : (
              formatDate(deadline.dueOn)
            )}
          </Descriptions.Item>
          <Descriptions.Item label={f('state')}>
            <DeadlineStateTag deadline={deadline} />
          </Descriptions.Item>
          <Descriptions.Item label={f('ownerRole')}>{t(`deadlines.owners.${deadline.ownerRole}`)}</Descriptions.Item>
          <Descriptions.Item label={f('lastStep')}>
            {stepLabel(deadline.lastStep, policies.data?.find((p) => p.kind === deadline.kind)?.escalateAfterDays)}
          </Descriptions.Item>
          <Descriptions.Item label={f('createdAt')}>{formatDateTime(deadline.createdAt)}</Descriptions.Item>
          {deadline.batchId && (
            <Descriptions.Item label={f('batch')}>
              <Link to={`/deadline-batches/${deadline.batchId}`}>{t('deadlines.batch.title')}</Link>
            </Descriptions.Item>
          )}
          {deadline.metAt && <Descriptions.Item label={f('metAt')}>{formatDateTime(deadline.metAt)}</Descriptions.Item>}
          {deadline.waivedAt && <Descriptions.Item label={f('waivedAt')}>{formatDateTime(deadline.waivedAt)}</Descriptions.Item>}
          {deadline.waiveReason && <Descriptions.Item label={f('waiveReason')}>{deadline.waiveReason}</Descriptions.Item>}
        </Descriptions>
        {(canMeet || canWaive) && (
          <Space style={{ marginTop: 16 }}>
            {canMeet && (
              <Popconfirm
                title={t('deadlines.meetConfirm')}
                okText={t('deadlines.ok')}
                cancelText={t('deadlines.cancel')}
                onConfirm={() => close('meet', {})}
              >
                <Button type="primary" loading={mutation.isPending}>
                  {t('deadlines.meet')}
                </Button>
              </Popconfirm>
            )}
            {canWaive && <Button onClick={() => setWaiving(true)}>{t('deadlines.waive')}</Button>}
          </Space>
        )}
      </Card>
      <FormDialog
        open={waiving}
        title={t('deadlines.waiveTitle')}
        okText={t('deadlines.waive')}
        cancelText={t('deadlines.cancel')}
        busy={mutation.isPending}
        form={form}
        onCancel={() => setWaiving(false)}
        onFinish={(v) => close('waive', { reason: v.reason.trim() })}
      >
        <Form.Item
          name="reason"
          label={t('deadlines.waiveReason')}
          rules={[
            { required: true, whitespace: true, message: t('deadlines.required', { field: t('deadlines.waiveReason').toLowerCase() }) },
            { max: 1000, message: t('deadlines.reasonLength') },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormDialog>
    </Space>
  );
}
