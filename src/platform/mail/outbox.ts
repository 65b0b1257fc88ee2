// Enqueue a message in the caller's transaction; the worker (worker.ts) sends it.
import type { Db, Tx } from '../../db/client.ts';
import { escapeHtml } from '../escape.ts';
import { NOT_ONE_LINE } from '../http/forms.ts';
import { type Locale, locales, type MailContent, messages } from '../i18n/index.ts';
import { uuidv7 } from '../ids.ts';
import { type MailAttachment, mailOutbox } from './schema.ts';

type PlatformMails = (typeof messages)['pl']['mail'];
type PlatformTemplates = {
  [K in keyof PlatformMails as PlatformMails[K] extends (...args: never[]) => MailContent
    ? K
    : never]: PlatformMails[K];
};

/**
 * Every mail template by name: the platform's (sign-up, reset) here, each module's added from its
 * index.ts (`declare module … { interface MailTemplates … }`) and installed from its manifest.
 */
export interface MailTemplates extends PlatformTemplates {}
type TemplateName = keyof MailTemplates & string;

/** A module's templates in one language: each gives a message's subject, paragraphs and link. */
export type MailTemplateSet = Record<string, (...args: never[]) => MailContent>;

const templates: Record<Locale, Record<string, (...args: unknown[]) => MailContent>> = {
  pl: {},
  en: {},
  uk: {},
};
const templateOwners = new Map<string, string>();

/** Adds a module's templates; a name belongs to one module. */
export function installMailTemplates(set: Record<Locale, MailTemplateSet>, owner: string): void {
  for (const name of Object.keys(set.pl)) {
    const known = templateOwners.get(name);
    if (known === owner && templates.pl[name] === set.pl[name]) continue;
    if (known) throw new Error(`mail template "${name}" of module "${owner}" is already given by "${known}"`);
    templateOwners.set(name, owner);
    for (const l of locales) templates[l][name] = set[l][name] as (...args: unknown[]) => MailContent;
  }
}

{
  const own = (l: Locale) =>
    Object.fromEntries(
      Object.entries(messages[l].mail).filter(([, v]) => typeof v === 'function'),
    ) as MailTemplateSet;
  installMailTemplates({ pl: own('pl'), en: own('en'), uk: own('uk') }, 'platform');
}

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
  args: Parameters<MailTemplates[K]>;
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

export function renderMail(req: MailRequest): { subject: string; text: string; html: string } {
  const m = messages[req.locale].mail;
  const fn = templates[req.locale][req.template];
  if (!fn) throw new Error(`no mail template "${req.template}": is its module listed?`);
  const content = fn(...(req.args as unknown[]));
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
