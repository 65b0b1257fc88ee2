import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { type Locale, messages } from '../i18n/index.ts';
import { Localized, LocalizedField } from './content.tsx';
import { ViewCtx } from './context.ts';

function render(locale: Locale, node: ComponentChildren): string {
  return renderToString(
    <ViewCtx.Provider
      value={{
        locale,
        t: messages[locale],
        path: '/',
        csrfToken: 'x',
        actor: null,
        flash: null,
        contactEmail: 'kontakt@example.pl',
        requestId: 'r',
      }}
    >
      {node}
    </ViewCtx.Provider>,
  );
}

describe('localized content on pages', () => {
  const room = { pl: 'Sala warsztatowa', en: 'Workshop room' };

  it('marks the language only when the text falls back to Polish', () => {
    assert.equal(render('en', <Localized value={room} />), 'Workshop room');
    assert.equal(render('pl', <Localized value={room} />), 'Sala warsztatowa');
    assert.equal(render('uk', <Localized value={room} />), '<span lang="pl">Sala warsztatowa</span>');
  });

  it('inside a sentence marks only the text that falls back to Polish', () => {
    const title = (name: string) => `Booking: ${name}.`;
    assert.equal(render('en', <Localized value={room} within={title} />), 'Booking: Workshop room.');
    assert.equal(render('pl', <Localized value={room} within={title} />), 'Booking: Sala warsztatowa.');
    assert.equal(
      render('uk', <Localized value={room} within={title} />),
      'Booking: <span lang="pl">Sala warsztatowa</span>.',
    );
    // A sentence without the text (or with it twice) is shown whole.
    assert.equal(
      render('uk', <Localized value={room} within={(n) => `${n} / ${n}`} />),
      'Sala warsztatowa / Sala warsztatowa',
    );
  });

  it('edits the three languages in a fieldset, each labelled, errors linked, typed values kept', () => {
    const html = render(
      'pl',
      <LocalizedField
        name="name"
        label="Nazwa"
        state={{
          values: { name_pl: '', name_en: 'Room', name_uk: 'Зала' },
          errors: { name_pl: 'Wpisz nazwę' },
        }}
      />,
    );
    assert.match(html, /<fieldset class="govuk-fieldset" aria-describedby="f-name-hint">/);
    assert.match(html, /<legend[^>]*>Nazwa<\/legend>/);
    for (const [field, label] of [
      ['name_pl', 'Po polsku'],
      ['name_en', 'Po angielsku \\(opcjonalnie\\)'],
      ['name_uk', 'Po ukraińsku \\(opcjonalnie\\)'],
    ])
      assert.match(html, new RegExp(`<label class="govuk-label" for="f-${field}">${label}</label>`));
    assert.match(html, /id="f-name_pl-error"/);
    assert.match(html, /id="f-name_pl"[^>]*aria-describedby="f-name_pl-error"[^>]*aria-invalid="true"/);
    assert.match(html, /name="name_en" type="text" value="Room" lang="en"/);
    assert.match(html, /name="name_uk" type="text" value="Зала" lang="uk"/);
    // The Polish field on a Polish page needs no lang of its own.
    assert.doesNotMatch(html, /name="name_pl"[^>]*lang=/);
  });

  it('uses text areas for several lines', () => {
    const html = render('en', <LocalizedField name="description" label="Description" multiline optional />);
    assert.equal((html.match(/<textarea/g) ?? []).length, 3);
    assert.match(html, /<legend[^>]*>Description \(optional\)<\/legend>/);
    assert.match(html, /<textarea[^>]*name="description_pl"[^>]*lang="pl"/);
    assert.doesNotMatch(html, /name="description_en"[^>]*lang=/);
  });
});
