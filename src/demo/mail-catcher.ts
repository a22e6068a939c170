import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the catcher took, as the demo's mail page and summary read it. */
export interface CaughtMail {
  /** 1, 2, 3, … in the order the messages arrived. */
  number: number;
  to: string[];
  subject: string;
  text: string;
  receivedAt: Date;
  /** The files written: the message as `.eml`, and its calendar part as `.ics` if it has one. */
  emlFile: string;
  icsFile: string | null;
}

export interface MailCatcherOptions {
  /** Folder the `.eml` and `.ics` files go to (made if missing). */
  directory: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
  onMail?: (mail: CaughtMail) => void;
}

/** A message's subject as a file name: letters, digits and dashes, at most 60. */
const fileStem = (subject: string) =>
  subject
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase() || 'message';

/**
 * An SMTP server for development that delivers nowhere: it accepts every message, writes it
 * as `NNNN-subject.eml` (the bytes received) and its `text/calendar` part as `NNNN-subject.ics`,
 * and keeps the list in memory. No authentication, no TLS: bind it to loopback.
 */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private readonly server: SMTPServer;
  private address: AddressInfo | undefined;

  constructor(private readonly options: MailCatcherOptions) {
    mkdirSync(options.directory, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.store(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    // A client that hangs up mid-session must not end the process.
    this.server.on('error', () => undefined);
  }

  async start(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.address = this.server.server.address() as AddressInfo;
    return this.url;
  }

  get url(): string {
    if (!this.address) throw new Error('MailCatcher: not started');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `smtp://${host}:${this.address.port}`;
  }

  find(number: number): CaughtMail | undefined {
    return this.messages.find((m) => m.number === number);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async store(raw: Buffer, to: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const number = this.messages.length + 1;
    const subject = parsed.subject ?? '';
    const stem = `${String(number).padStart(4, '0')}-${fileStem(subject)}`;
    const emlFile = join(this.options.directory, `${stem}.eml`);
    writeFileSync(emlFile, raw);
    const calendar = parsed.attachments.find((a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics');
    let icsFile: string | null = null;
    if (calendar) {
      icsFile = join(this.options.directory, `${stem}.ics`);
      writeFileSync(icsFile, calendar.content);
    }
    const mail: CaughtMail = { number, to, subject, text: parsed.text ?? '', receivedAt: new Date(), emlFile, icsFile };
    this.messages.push(mail);
    this.options.onMail?.(mail);
  }
}
