import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { messages } from '../i18n/index.ts';
import { ActionButton, Choices, NotificationBanner, WarningText } from './components.tsx';
import { ViewCtx } from './context.ts';

function render(node: ComponentChildren): string {
  return renderToString(
    <ViewCtx.Provider
      value={{
        locale: 'pl',
        t: messages.pl,
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

it('two notification banners on one page each label themselves with their own title', () => {
  const html = render(
    <>
      <NotificationBanner kind="success">Zapisano</NotificationBanner>
      <NotificationBanner kind="notice">Termin minął</NotificationBanner>
    </>,
  );
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  const labelled = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(ids.length, 2);
  assert.notEqual(ids[0], ids[1]);
  assert.deepEqual(labelled, ids);
});

it('a warning is read out with its kind; a row button says which row it acts on', () => {
  assert.match(
    render(<WarningText>Uwaga</WarningText>),
    /<span class="govuk-visually-hidden">Informacja<\/span>Uwaga/,
  );
  const button = render(<ActionButton action="/x" label="Usuń" context="Sala B2B" />);
  assert.match(button, /Usuń<span class="govuk-visually-hidden"> — Sala B2B<\/span>/);
  assert.match(button, /name="_csrf"/);
});

it("a list's hint and its first option's hint have ids of their own, each describing its own element", () => {
  const html = render(
    <Choices
      kind="checkboxes"
      name="sessions"
      label="Spotkania"
      hint="Wybierz co najmniej jedno."
      options={[
        { value: 'a', label: 'Pierwsze', hint: 'Zostało 5 miejsc' },
        { value: 'b', label: 'Drugie', hint: 'Brak miejsc' },
      ]}
    />,
  );
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
  const text = (id: string) => new RegExp(`id="${id}"[^>]*>([^<]+)<`).exec(html)?.[1];
  const fieldset = /<fieldset[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1];
  assert.equal(text(fieldset!), 'Wybierz co najmniej jedno.');
  const first = /<input[^>]*value="a"[^>]*aria-describedby="([^"]+)"/.exec(html)?.[1];
  assert.equal(text(first!), 'Zostało 5 miejsc');
});
