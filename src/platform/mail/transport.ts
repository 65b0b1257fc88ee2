import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
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
    // The outbox id is the Message-ID, so a receiver can drop a duplicate after a crash mid-send.
    messageId: `<${mail.id}@klaster.outbox>`,
  };
}

/** SMTP when SMTP_URL is set; otherwise one .eml file per message in the mail directory. */
export function createTransport(options: { smtpUrl?: string | undefined; mailDir: string }): MailTransport {
  if (options.smtpUrl) {
    const transporter = nodemailer.createTransport(options.smtpUrl, {});
    return {
      async send(mail) {
        await transporter.sendMail(message(mail));
      },
      close: () => transporter.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await stream.sendMail(message(mail));
      await mkdir(options.mailDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(options.mailDir, `${stamp}-${mail.id}.eml`), info.message as Buffer);
    },
    close: () => stream.close(),
  };
}
