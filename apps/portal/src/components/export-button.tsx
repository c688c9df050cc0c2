import { useState } from 'react';
import { Button, message as messages } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { download, type RequestOptions } from '../providers/http';
import { problemMessage } from './problem-message';

/**
 * "Xuất Excel": downloads what the screen shows, with its current filters, from the screen's `/export`
 * route (the API's one convention for workbooks), as the file the API names.
 */
export function ExportButton({ path, query, fallback }: { path: string; query: RequestOptions['query']; fallback: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, holder] = messages.useMessage();
  const run = async () => {
    setBusy(true);
    try {
      await download(path, query, fallback);
    } catch (e) {
      void message.error(problemMessage(e, t, 'export'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {holder}
      <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export-excel">
        {t('export.excel')}
      </Button>
    </>
  );
}
