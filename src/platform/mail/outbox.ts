// Enqueue a message in the caller's transaction; the worker (worker.ts) sends it.
import type { Db, Tx } from '../../db/client.ts';
import { NOT_ONE_LINE } from '../http/forms.ts';
import { type Locale, messages } from '../i18n/index.ts';
import type { MailContent } from '../i18n/messages/mail.ts';
import { uuidv7 } from '../ids.ts';
import { type MailAttachment, mailOutbox } from './schema.ts';

type MailCatalogue = (typeof messages)['pl']['mail'];
type TemplateName = {
  [K in keyof MailCatalogue]: MailCatalogue[K] extends (...args: never[]) => MailContent ? K : never;
}[keyof MailCatalogue];

export interface MailRequest<K extends TemplateName = TemplateName> {
  to: string;
  /**
   * The recipient's name. Messages greet without it ("Dzień dobry,"): a name before a comma is a
   * vocative in Polish and Ukrainian that a stored name cannot give, and to an address nobody has
   * confirmed it was typed by whoever signed up. Kept so callers need not change; never rendered.
   */
  name?: string;
  /** The recipient's preferred language (their profile's), never the language of whoever acts. */
  locale: Locale;
  userId?: string | null;
  template: K;
  args: Parameters<MailCatalogue[K]>;
  /** Files sent with the message; stored with it, so a retry sends the same. */
  attachments?: MailAttachment[];
}

/** The longest name a message carries; longer ones end with an ellipsis. */
export const MAIL_NAME_MAX = 60;

const NOT_ONE_LINE_RUNS = new RegExp(`${NOT_ONE_LINE.source}+`, 'gu');
/** What a mail program could turn into a link: a scheme, a slash, an address, a dot before a letter. */
const LINK_LIKE = /[:/\\@]|[.\u3002\uff0e\uff61]\S/u;

/**
 * A name someone else chose (the account's own name before its address is confirmed, an inviter,
 * an organisation) as a message may carry it: one line, at most MAIL_NAME_MAX characters, and
 * nothing a mail program would show as a link — such a name is left out (null).
 */
export function mailSafeName(name: string | null | undefined): string | null {
  const line = (name ?? '').replace(NOT_ONE_LINE_RUNS, ' ').replace(/\s+/g, ' ').trim();
  if (!line || LINK_LIKE.test(line)) return null;
  const chars = [...line];
  return chars.length > MAIL_NAME_MAX
    ? `${chars
        .slice(0, MAIL_NAME_MAX - 1)
        .join('')
        .trimEnd()}…`
    : line;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderMail(req: MailRequest): { subject: string; text: string; html: string } {
  const m = messages[req.locale].mail;
  const fn = m[req.template] as (...a: unknown[]) => MailContent;
  const content = fn(...req.args);
  const greeting = m.greeting;
  // "If this was not you, ignore this message" only where someone may not have asked for it.
  const ignore = content.unasked ? m.ignore : '';
  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(ignore ? [ignore, ''] : []),
    '-- ',
    m.signature,
  ].join('\n');
  const html = `<!doctype html><html lang="${req.locale}"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:40em;margin:0 auto;padding:1em">
<p>${escapeHtml(greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#14406b;color:#fff;padding:.6em 1em;text-decoration:none;font-weight:bold">${escapeHtml(content.action.label)}</a></p><p style="font-size:14px">${escapeHtml(content.action.url)}</p>` : ''}
${ignore ? `<p>${escapeHtml(ignore)}</p>` : ''}
<hr><p style="font-size:14px;white-space:pre-line">${escapeHtml(m.signature)}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}

/**
 * People served at the desk may have no e-mail address: their account holds a placeholder on this
 * reserved domain (RFC 2606) until an officer adds a real one. Nothing is ever sent there.
 */
export const NO_ADDRESS_DOMAIN = 'bez-adresu.invalid';

/** Whether mail can reach the address (not a placeholder of a person without e-mail). */
export function hasMailbox(address: string): boolean {
  return !address.toLowerCase().endsWith(`@${NO_ADDRESS_DOMAIN}`);
}

/** Queues one message; to a person without an address nothing is queued (the answer is ''). */
export async function enqueueMail(db: Db | Tx, req: MailRequest): Promise<string> {
  if (!hasMailbox(req.to)) return '';
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
    attachments: req.attachments ?? [],
  });
  return id;
}
