// Descriptions people write (an event's, a call's) are Markdown: rendered with markdown-it with raw
// HTML off (a <script> or an onclick in the text is shown as text, never markup), links only to the
// schemes markdown-it allows (no javascript:, vbscript:, file: or data: other than images), and
// every link marked rel="nofollow noopener" since strangers write them.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable('image');

// Headings start at h2 (the page's h1 is the event's title) and the elements get GOV.UK's classes.
const classes: Record<string, string> = {
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  link_open: 'govuk-link',
  blockquote_open: 'govuk-inset-text',
  hr: 'govuk-section-break govuk-section-break--m govuk-section-break--visible',
};
const headingClass: Record<string, string> = { h2: 'govuk-heading-m', h3: 'govuk-heading-s' };

md.core.ruler.push('klaster_classes', (state) => {
  const walk = (tokens: typeof state.tokens) => {
    for (const token of tokens) {
      if (token.type === 'heading_open' || token.type === 'heading_close') {
        const level = Math.min(Math.max(Number(token.tag.slice(1)) + 1, 2), 4);
        token.tag = `h${level}`;
        if (token.type === 'heading_open')
          token.attrSet('class', headingClass[token.tag] ?? 'govuk-heading-s');
      }
      const cls = classes[token.type];
      if (cls) token.attrSet('class', cls);
      if (token.type === 'link_open') token.attrSet('rel', 'nofollow noopener');
      if (token.children) walk(token.children);
    }
  };
  walk(state.tokens);
});

/** The description's HTML, safe to put in the page as it is. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
