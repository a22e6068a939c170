import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { Environment } from '../config/environment';

export type OutgoingMail = Omit<SendMailOptions, 'from'> & { to: string; subject: string };

/** SMTP delivery (SMTP_URL). Only the worker role sends mail. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(private readonly env: Environment) {
    // Pooled connections: about 2.7x the throughput of one connection per message
    // (docs/BENCHMARKS.md, Invites). Query options in SMTP_URL still apply.
    this.transport = createTransport({ url: env.SMTP_URL, pool: true, maxConnections: 5 });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({ from: this.env.MAIL_FROM, ...mail });
    this.logger.log({ messageId: info.messageId, subject: mail.subject }, 'Mail accepted by SMTP server');
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
