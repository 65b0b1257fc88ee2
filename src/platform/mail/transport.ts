import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { qrPngBase64 } from '../views/qr.tsx';
import type { MailAttachment } from './schema.ts';

/** The attachments as they are sent: each QR code (`qrCode`) drawn as its PNG. */
export async function drawnAttachments(list: readonly MailAttachment[]): Promise<MailAttachment[]> {
  return Promise.all(
    list.map(async ({ qrCode, ...a }) =>
      qrCode === undefined ? a : { ...a, content: await qrPngBase64(qrCode), encoding: 'base64' as const },
    ),
  );
}

export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.encoding ? { encoding: a.encoding } : {}),
    })),
    // The outbox id is the Message-ID, so a receiver can drop a duplicate after a crash mid-send.
    messageId: `<${mail.id}@klaster.outbox>`,
  };
}

type Transporter = ReturnType<typeof import('nodemailer')['createTransport']>;

/**
 * SMTP when SMTP_URL is set; otherwise one .eml file per message in the mail directory.
 * nodemailer is loaded with the first message, not at start (an idle node holds less memory).
 */
export function createTransport(options: { smtpUrl?: string | undefined; mailDir: string }): MailTransport {
  let transporter: Promise<Transporter> | null = null;
  const get = () => {
    transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      options.smtpUrl
        ? nodemailer.createTransport(options.smtpUrl, {})
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
    );
    return transporter;
  };
  return {
    async send(mail) {
      const info = await (await get()).sendMail(message(mail));
      if (options.smtpUrl) return;
      await mkdir(options.mailDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(options.mailDir, `${stamp}-${mail.id}.eml`), info.message as Buffer);
    },
    close() {
      void transporter?.then((t) => t.close());
    },
  };
}
