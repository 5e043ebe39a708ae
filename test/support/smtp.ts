// A real SMTP server on 127.0.0.1 for tests (smtp-server): it captures every message the server under test
// sends, and can refuse deliveries to exercise retries.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  language: string;
  raw: string;
}

/**
 * A real SMTP server: it refuses each message's first delivery (451) unless `refuseFirst` is false, and every
 * delivery to `refuseTo` (550). `smtpUrl` is what the server under test takes as SMTP_URL.
 */
export class TestSmtp {
  constructor(private readonly refuseFirst = true) {}
  accepted: ReceivedMail[] = [];
  refusedOnce = new Set<string>();
  refuseTo: string | null = null;
  readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(raw, session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','));
        const fail = (responseCode: number, message: string) => callback(Object.assign(new Error(message), { responseCode }));
        if (this.refuseTo && mail.to.includes(this.refuseTo)) return fail(550, 'Mailbox unavailable (test)');
        if (this.refuseFirst && !this.refusedOnce.has(mail.messageId)) {
          this.refusedOnce.add(mail.messageId);
          return fail(451, 'Try again later (test)');
        }
        this.accepted.push(mail);
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  acceptedWith(messageId: string): ReceivedMail[] {
    return this.accepted.filter((mail) => mail.messageId === messageId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

function parseMail(raw: string, to: string): ReceivedMail {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  return { messageId: header('Message-ID'), to, subject: decodeWords(header('Subject')), language: header('Content-Language'), raw };
}

/** The text/plain part, quoted-printable decoded. */
export function plainText(raw: string): string {
  const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw)?.[1] ?? '';
  const bytes = part.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}


/** The first https?:// link in a mail's text part that contains `fragment`. */
export function linkIn(mail: ReceivedMail, fragment: string): string | undefined {
  return plainText(mail.raw).match(/https?:\/\/\S+/g)?.find((link) => link.includes(fragment));
}
