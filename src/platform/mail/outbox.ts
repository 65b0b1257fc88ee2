// Enqueue a message in the caller's transaction; the worker (worker.ts) sends it.
import type { Db, Tx } from '../../db/client.ts';
import { type Locale, messages } from '../i18n/index.ts';
import type { MailContent } from '../i18n/messages/mail.ts';
import { uuidv7 } from '../ids.ts';
import { mailOutbox } from './schema.ts';

type MailCatalogue = (typeof messages)['pl']['mail'];
type TemplateName = {
  [K in keyof MailCatalogue]: MailCatalogue[K] extends (...args: never[]) => MailContent ? K : never;
}[keyof MailCatalogue];

export interface MailRequest<K extends TemplateName = TemplateName> {
  to: string;
  name: string;
  locale: Locale;
  userId?: string | null;
  template: K;
  args: Parameters<MailCatalogue[K]>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderMail(req: MailRequest): { subject: string; text: string; html: string } {
  const m = messages[req.locale].mail;
  const fn = m[req.template] as (...a: unknown[]) => MailContent;
  const content = fn(...req.args);
  const greeting = m.greeting(req.name);
  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    content.action ? m.ignore : '',
    '',
    '-- ',
    m.signature,
  ].join('\n');
  const html = `<!doctype html><html lang="${req.locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:40em;margin:0 auto;padding:1em">
<p>${escapeHtml(greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#14406b;color:#fff;padding:.6em 1em;text-decoration:none;font-weight:bold">${escapeHtml(content.action.label)}</a></p><p style="font-size:14px">${escapeHtml(content.action.url)}</p><p>${escapeHtml(m.ignore)}</p>` : ''}
<hr><p style="font-size:14px;white-space:pre-line">${escapeHtml(m.signature)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}

export async function enqueueMail(db: Db | Tx, req: MailRequest): Promise<string> {
  const id = uuidv7();
  const rendered = renderMail(req);
  await db.insert(mailOutbox).values({
    id,
    toAddress: req.to,
    userId: req.userId ?? null,
    template: req.template,
    subject: rendered.subject,
    textBody: rendered.text,
    htmlBody: rendered.html,
  });
  return id;
}
