import { Mail } from './mailer';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface MailInput {
  notificationId: string;
  to: string;
  recipientName: string;
  title: string;
  body: string;
  portalOrigin: string;
}

/**
 * The one e-mail layout (Vietnamese, as the boards write): greeting, the notice, where to act. The link
 * is the notice's own page in the portal (/notifications/:id), which marks it read and opens what it is
 * about (the deadline), as a click in the inbox does.
 */
export function renderMail(m: MailInput): Mail {
  const link = `${m.portalOrigin}/notifications/${encodeURIComponent(m.notificationId)}`;
  const text = [
    `Kính gửi đồng chí ${m.recipientName},`,
    '',
    m.body,
    '',
    `Xem và xử lý trên Canbo: ${link}`,
    '',
    '—',
    'Hệ thống Canbo. Đây là thư tự động, xin đồng chí không trả lời thư này.',
  ].join('\n');
  const html = `<!doctype html><html lang="vi"><body style="font-family:sans-serif">
<p>Kính gửi đồng chí ${escapeHtml(m.recipientName)},</p>
<p>${escapeHtml(m.body)}</p>
<p><a href="${escapeHtml(link)}">Xem và xử lý trên Canbo</a></p>
<p style="color:#666">Hệ thống Canbo. Đây là thư tự động, xin đồng chí không trả lời thư này.</p>
</body></html>`;
  return { to: m.to, subject: m.title, text, html, messageId: `<${m.notificationId}@canbo.local>` };
}
