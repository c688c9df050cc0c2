import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';

export interface CapturedMail {
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface MailCapture {
  port: number;
  messages: CapturedMail[];
  close(): Promise<void>;
}

/**
 * A local SMTP server that accepts every message and keeps it in memory, parsed: the demo's mail
 * viewer and the tests read what Canbo actually sent over SMTP.
 */
export async function startMailCapture(port = 0, host = '127.0.0.1'): Promise<MailCapture> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        PostalMime.parse(Buffer.concat(chunks))
          .then((mail) => {
            messages.push({
              receivedAt: new Date().toISOString(),
              from: mail.from?.address ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: mail.html ?? '',
              messageId: mail.messageId ?? '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address() as { port: number };
  return { port: address.port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
