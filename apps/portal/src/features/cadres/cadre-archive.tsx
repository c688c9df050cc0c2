import { useState } from 'react';
import type { HttpError } from '@refinedev/core';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, problemSlug, type Problem } from '../../providers/http';
import type { CadreFile } from './types';

export interface CadreArchiveProps {
  cadre: CadreFile;
  onClose(): void;
  onArchived(file: CadreFile): void;
  /** Fetches the file as it is now (after a version conflict), so the confirmation is about what is there. */
  reload(): Promise<CadreFile | undefined>;
}

/**
 * Archiving asks for confirmation and a reason (ArchiveCadreDto: 3–1000 characters), and sends the
 * version shown: a file someone changed meanwhile is reloaded and the user confirms again.
 */
export function CadreArchive({ cadre, onClose, onArchived, reload }: CadreArchiveProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ type: 'warning' | 'error'; text: string } | null>(null);

  async function archive({ reason }: { reason: string }) {
    setSaving(true);
    setNotice(null);
    try {
      const archived = await api<CadreFile>(`/cadres/${encodeURIComponent(cadre.id)}/archive`, {
        method: 'POST',
        body: { version: cadre.version, reason: reason.trim() },
      });
      onArchived(archived);
    } catch (e) {
      const failure = e as HttpError & { problem?: Problem };
      const slug = failure.problem ? problemSlug(failure.problem) : '';
      if (failure.statusCode === 409 && slug === 'version-conflict') {
        await reload().catch(() => undefined);
        setNotice({ type: 'warning', text: t('cadres.archive.conflict') });
      } else if (failure.statusCode === 409 && slug === 'archived') setNotice({ type: 'error', text: t('cadres.edit.errors.archived') });
      else if (failure.statusCode === 403) setNotice({ type: 'error', text: t('cadres.edit.errors.forbidden') });
      else if (failure.statusCode === 404) setNotice({ type: 'error', text: t('cadres.edit.errors.notFound') });
      else if (!failure.statusCode) setNotice({ type: 'error', text: t('cadres.edit.errors.network') });
      else setNotice({ type: 'error', text: t('cadres.edit.errors.unknown', { detail: failure.message }) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('cadres.archive.title', { name: cadre.fullName })}
      okText={t('cadres.archive.confirm')}
      cancelText={t('cadres.archive.cancel')}
      okButtonProps={{ danger: true, loading: saving }}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      <Typography.Paragraph>{t('cadres.archive.body')}</Typography.Paragraph>
      {notice && <Alert type={notice.type} showIcon role="alert" style={{ marginBottom: 16 }} message={notice.text} />}
      <Form form={form} layout="vertical" onFinish={(values) => void archive(values)}>
        <Form.Item
          name="reason"
          label={t('cadres.archive.reason')}
          rules={[
            {
              validator: async (_, value: unknown) => {
                const s = typeof value === 'string' ? value.trim() : '';
                if (s.length < 3 || s.length > 1000) throw new Error(t('cadres.archive.reasonRule'));
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
