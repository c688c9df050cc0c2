import { createServer } from 'node:http';
import { startMailCapture } from './capture';

/**
 * The demo's mail catcher: Canbo's worker sends notification e-mail here over SMTP, and the messages
 * can be read at http://localhost:<MAIL_VIEWER_PORT> (JSON at /messages). Nothing leaves the machine.
 */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function main(): Promise<void> {
  const smtpPort = Number(process.env.MAIL_CAPTURE_PORT ?? 1025);
  const httpPort = Number(process.env.MAIL_VIEWER_PORT ?? 1080);
  const capture = await startMailCapture(smtpPort);
  const server = createServer((req, res) => {
    const newest = [...capture.messages].reverse();
    if (req.url?.startsWith('/messages')) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(newest));
      return;
    }
    const rows = newest
      .map(
        (m) =>
          `<article><h3>${escapeHtml(m.subject)}</h3><p><b>Đến:</b> ${escapeHtml(m.to.join(', '))} · <b>Lúc:</b> ${escapeHtml(m.receivedAt)}</p><pre>${escapeHtml(m.text)}</pre></article>`,
      )
      .join('<hr>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="vi"><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Canbo — thư đã gửi</title>
<body style="font-family:sans-serif;max-width:60rem;margin:auto"><h1>Thư Canbo đã gửi (${newest.length})</h1>${rows || '<p>Chưa có thư nào.</p>'}</body></html>`);
  });
  server.listen(httpPort, '127.0.0.1', () =>
    console.log(`mail capture: SMTP 127.0.0.1:${smtpPort}, messages at http://localhost:${httpPort}`),
  );
  const stop = () => {
    server.close();
    void capture.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
