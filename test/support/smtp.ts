import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  /** Date.now() when the server stored it, just before answering 250. */
  acceptedAt: number;
}

/** A real SMTP server on a free loopback port that keeps every message it accepts. */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  /** Recipients refused with a permanent 550 (to test delivery failures). */
  readonly rejectedRecipients = new Set<string>();
  /** Socket errors of client connections (e.g. ECONNRESET from a killed worker). */
  readonly connectionErrors: Error[] = [];
  /** A slow server: each message is stored and answered this long after it arrived. */
  acceptDelayMs = 0;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectedRecipients.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          if (this.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, this.acceptDelayMs));
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          this.messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed, acceptedAt: Date.now() });
          callback();
        });
      },
    });
    // A client that dies mid-session (the kill tests do this on purpose) resets its socket;
    // without a listener that 'error' event would crash the whole test file.
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
