// Localized texts (platform/content.ts) on pages: shown in the reader's language, and edited in the
// three languages side by side.

import { contentLocales, type Localized as LocalizedText, localizedFieldName, pick } from '../content.ts';
import { renderMarkdown } from '../markdown.ts';
import { type FormState, Textarea, TextInput } from './components.tsx';
import { useView } from './context.ts';

/** Stands for the localized text while a sentence around it is split (never in a message). */
const HOLE = '\u0000';

/**
 * The text in the page's language, or the Polish one in a span marked lang="pl" when the reader's
 * language has none (no lang attribute when the text is in the page's language). With `within`,
 * the text inside a sentence of the page's language (a title, a caption: "Booking: {name}"): only
 * the text itself is marked.
 */
export function Localized({ value, within }: { value: LocalizedText; within?: (text: string) => string }) {
  const { locale } = useView();
  const { text, lang } = pick(value, locale);
  if (!within) return lang === locale ? text : <span lang={lang}>{text}</span>;
  if (lang === locale) return within(text);
  const parts = within(HOLE).split(HOLE);
  // A sentence that does not hold the text exactly once is shown whole, unmarked.
  if (parts.length !== 2) return within(text);
  return (
    <>
      {parts[0]}
      <span lang={lang}>{text}</span>
      {parts[1]}
    </>
  );
}

/**
 * A description people wrote in Markdown (platform/markdown.ts: no raw HTML), in the reader's
 * language, or the Polish one marked lang="pl" when theirs was not given; nothing when it is empty.
 */
export function MarkdownText({ value }: { value: LocalizedText }) {
  const { locale } = useView();
  const { text, lang } = pick(value, locale);
  if (!text) return null;
  return (
    <div
      class="klaster-description"
      lang={lang === locale ? undefined : lang}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }}
    />
  );
}

/**
 * A text in Polish, English and Ukrainian: three labelled fields side by side (one under another on
 * a narrow screen) in a fieldset whose legend names the text. Polish is required unless `optional`;
 * errors are shown on, and linked to, each language's field (`name_pl`, `name_en`, `name_uk`).
 */
export function LocalizedField(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  state?: FormState | undefined;
  /** Whether the Polish text may be left empty. */
  optional?: boolean;
  /** Several lines (a description) or one (a name). */
  multiline?: boolean;
  rows?: number;
}) {
  const { t, locale } = useView();
  const { name, state } = props;
  const hintId = `f-${name}-hint`;
  const failed = contentLocales.some((l) => state?.errors[localizedFieldName(name, l)]);
  return (
    <div class={`govuk-form-group${failed ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={hintId}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {props.label}
          {props.optional ? ` ${t.common.optional}` : ''}
        </legend>
        <div id={hintId} class="govuk-hint">
          {props.hint ? `${props.hint} ` : ''}
          {t.common.content.translationHint}
        </div>
        <div class="govuk-grid-row">
          {contentLocales.map((l) => {
            const field = {
              name: localizedFieldName(name, l),
              label: t.common.content.languages[l],
              state,
              optional: l !== 'pl' || props.optional === true,
              lang: l === locale ? undefined : l,
            };
            return (
              <div key={l} class="govuk-grid-column-one-third">
                {props.multiline ? <Textarea {...field} rows={props.rows ?? 5} /> : <TextInput {...field} />}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
