import { renderMail } from './mail-template';

describe('renderMail', () => {
  const input = {
    notificationId: '3bf6bcd0-4353-4623-b8af-dc441c19589e',
    to: 'admin.th@canbo.local',
    recipientName: 'Ban Tổ chức <Tỉnh ủy>',
    title: 'Nhắc hạn: Nộp hồ sơ quy hoạch',
    body: 'Huyện ủy Nga Sơn: "Nộp hồ sơ" đến hạn ngày 08/12/2026, còn 7 ngày.',
    portalOrigin: 'https://canbo.example.vn',
  };

  it("links to the notice's own portal page, which marks it read and opens what it is about", () => {
    const mail = renderMail(input);
    const link = 'https://canbo.example.vn/notifications/3bf6bcd0-4353-4623-b8af-dc441c19589e';
    expect(mail.text).toContain(`Xem và xử lý trên Canbo: ${link}`);
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it('escapes what users wrote in the HTML part, and keeps it as written in the text part', () => {
    const mail = renderMail(input);
    expect(mail.html).toContain('Ban Tổ chức &#60;Tỉnh ủy&#62;');
    expect(mail.html).not.toContain('<Tỉnh ủy>');
    expect(mail.text).toContain('Kính gửi đồng chí Ban Tổ chức <Tỉnh ủy>,');
    expect(mail).toMatchObject({ to: input.to, subject: input.title, messageId: `<${input.notificationId}@canbo.local>` });
  });
});
