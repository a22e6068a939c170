import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { Environment } from '../config/environment';

/** One recipient: nodemailer encodes the name (RFC 2047) and quotes it (RFC 5322 §3.4). */
export interface MailAddress {
  name: string;
  address: string;
}

export type OutgoingMail = Omit<SendMailOptions, 'from' | 'to'> & { to: MailAddress; subject: string };

/** What the SMTP server answered when it accepted the message. */
export interface AcceptedMail {
  messageId: string;
  response?: string;
}

/** SMTP delivery (SMTP_URL). Only the worker role sends mail. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(private readonly env: Environment) {
    // Pooled connections: about 2.7x the throughput of one connection per message
    // (docs/BENCHMARKS.md, Invites). Query options in SMTP_URL still apply.
    this.transport = createTransport({ url: env.SMTP_URL, pool: true, maxConnections: 5 });
  }

  /**
   * Resolves as soon as the server accepts the message, and does nothing else first (not even
   * log): a caller that records the sending does so while a crash can least come in between.
   */
  async send(mail: OutgoingMail): Promise<AcceptedMail> {
    // A display name is one line; nodemailer would encode CR/LF, but no reader wants them.
    const to = { name: mail.to.name.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim(), address: mail.to.address };
    const info = await this.transport.sendMail({ from: this.env.MAIL_FROM, ...mail, to });
    return { messageId: info.messageId, response: info.response };
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
