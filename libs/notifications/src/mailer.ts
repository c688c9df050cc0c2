import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@canbo/platform';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a message re-sent after a crash is recognisably the same one. */
  messageId: string;
}

/** Outgoing e-mail over SMTP (`SMTP_URL`); without it the e-mail channel is off. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.SMTP_URL;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.config.SMTP_URL) throw new Error('SMTP_URL is not set: the e-mail channel is off');
    this.transport ??= createTransport(this.config.SMTP_URL, { from: this.config.MAIL_FROM });
    await this.transport.sendMail({ ...mail, from: this.config.MAIL_FROM, headers: { 'Auto-Submitted': 'auto-generated' } });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
