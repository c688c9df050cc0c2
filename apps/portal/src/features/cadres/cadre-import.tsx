import { useState } from 'react';
import { useInvalidate, useList } from '@refinedev/core';
import { Alert, Button, Card, Form, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api';
import { FormSelect, PageTitle, problemMessage } from '../../components';
import { download, upload } from '../../providers/http';
import { committeeOption } from '../planning/queries';
import { useSession } from '../../providers/use-ability';
import { cadreSubject } from './cadre-edit';
import type { Committee } from './types';

type Report = Schemas['CadreImportReportView'];
type RowError = Schemas['CadreImportErrorView'];

/** The checks the API names (class-validator's, and `duplicate`) in the user's words; another check shows the API's own. */
const KNOWN_CHECKS = ['isDateString', 'isIn', 'isLength', 'isNotEmpty', 'isDefined', 'isString', 'duplicate', 'checkDates'] as const;

/**
 * Cadre files from a spreadsheet (POST /cadres/import): the template to fill, the committee the files open in
 * (where they work and who manages them: a committee whose own files the caller may create), the file, a check
 * that writes nothing (dry run) and then the import; the rows refused, by row and column, in words.
 */
export default function CadreImport() {
  const { t } = useTranslation();
  const session = useSession();
  const invalidate = useInvalidate();
  const committees = useList<Committee>({ resource: 'committees', pagination: { pageSize: 200 } }).result.data ?? [];
  const allowed = committees.filter((c) => session?.ability.can('create', cadreSubject({ committeeId: c.id, managingCommitteeId: c.id })));
  const [committeeId, setCommitteeId] = useState<string | undefined>();
  const [file, setFile] = useState<UploadFile | undefined>();
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | undefined>();
  const [report, setReport] = useState<Report | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const chosen = committeeId ?? (allowed.length === 1 ? allowed[0].id : undefined);
  const x = (key: string, values: Record<string, unknown> = {}) => t(`cadres.import.${key}`, values);

  const send = async (dryRun: boolean) => {
    if (!chosen || !file?.originFileObj) return;
    setBusy(dryRun ? 'check' : 'import');
    setProblem(undefined);
    try {
      const body = new FormData();
      body.append('file', file.originFileObj, file.name);
      const answer = await upload<Report>('/cadres/import', { committeeId: chosen, dryRun: dryRun || undefined }, body);
      setReport(answer);
      if (!dryRun && answer.imported > 0) await invalidate({ resource: 'cadres', invalidates: ['list'] });
    } catch (error) {
      setReport(undefined);
      setProblem(problemMessage(error, t, 'cadres.import'));
    } finally {
      setBusy(undefined);
    }
  };

  const template = async () => {
    setBusy('template');
    try {
      await download('/cadres/import/template', {}, 'mau-nhap-can-bo.xlsx');
    } catch (error) {
      setProblem(problemMessage(error, t, 'cadres.import'));
    } finally {
      setBusy(undefined);
    }
  };

  const reason = (e: RowError) => (e.code && (KNOWN_CHECKS as readonly string[]).includes(e.code) ? x(`checks.${e.code}`) : e.message);

  return (
    <Card>
      <Link to="/cadres">← {t('cadres.back')}</Link>
      <PageTitle>{x('title')}</PageTitle>
      <Typography.Paragraph>{x('intro')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
        <Button onClick={() => void template()} loading={busy === 'template'}>
          {x('template')}
        </Button>
        <Form layout="vertical">
          <Form.Item label={x('committee')} required>
            <FormSelect
              aria-label={x('committee')}
              value={chosen}
              onChange={(id: string) => (setCommitteeId(id), setReport(undefined))}
              options={allowed.map(committeeOption)}
            />
          </Form.Item>
          <Form.Item label={x('file')} required extra={x('fileHint')}>
            <Upload
              accept=".xlsx,.csv"
              maxCount={1}
              fileList={file ? [file] : []}
              beforeUpload={() => false}
              onChange={({ fileList }) => (setFile(fileList.at(-1)), setReport(undefined))}
              onRemove={() => (setFile(undefined), setReport(undefined))}
            >
              <Button>{x('choose')}</Button>
            </Upload>
          </Form.Item>
        </Form>
        <Space>
          <Button disabled={!chosen || !file || !!busy} loading={busy === 'check'} onClick={() => void send(true)}>
            {x('check')}
          </Button>
          <Button type="primary" disabled={!chosen || !file || !!busy} loading={busy === 'import'} onClick={() => void send(false)}>
            {x('import')}
          </Button>
        </Space>
        {problem && <Alert type="error" showIcon message={problem} />}
        {report && (
          <Alert
            data-testid="import-report"
            type={report.rejected === 0 ? 'success' : report.imported === 0 ? 'error' : 'warning'}
            showIcon
            message={
              report.dryRun
                ? x('checked', { valid: report.imported, rejected: report.rejected })
                : x('imported', { imported: report.imported, rejected: report.rejected })
            }
            description={report.errorsNotListed > 0 ? x('notListed', { count: report.errorsNotListed }) : undefined}
          />
        )}
      </Space>
      {report && report.errors.length > 0 && (
        <Table<RowError>
          data-testid="import-errors"
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(e) => `${e.row}-${e.field}-${e.code ?? e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: x('row'), dataIndex: 'row', width: 90 },
            { title: x('column'), dataIndex: 'column', width: 220 },
            { title: x('reason'), key: 'reason', render: (_: unknown, e) => reason(e) },
          ]}
        />
      )}
    </Card>
  );
}
