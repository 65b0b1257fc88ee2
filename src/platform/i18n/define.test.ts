// A long message area is composed of parts: each part is a catalogue() checked in every language,
// and the area has every part's keys, in order, once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue, parts } from './index.ts';

const first = catalogue({
  pl: { title: 'Tytuł', count: (n: number) => `${n} szt.` },
  en: { title: 'Title', count: (n: number) => `${n} pcs` },
  uk: { title: 'Назва', count: (n: number) => `${n} шт.` },
});
const second = catalogue({
  pl: { form: { name: 'Nazwa', save: 'Zapisz' } },
  en: { form: { name: 'Name', save: 'Save' } },
  uk: { form: { name: 'Назва', save: 'Зберегти' } },
});

describe('parts', () => {
  it('gives every language the keys of all parts, in the parts’ order', () => {
    const area = parts(first, second);
    assert.deepEqual(Object.keys(area.pl), ['title', 'count', 'form']);
    assert.equal(area.en.title, 'Title');
    assert.equal(area.uk.form.save, 'Зберегти');
    assert.equal(area.pl.count(3), '3 szt.');
    assert.equal(area.en.form, second.en.form);
  });

  it('refuses a key given by two parts', () => {
    const again = catalogue({ pl: { title: 'Inny' }, en: { title: 'Other' }, uk: { title: 'Інший' } });
    assert.throws(() => parts(first, again), /text key "title" is given by two parts/);
  });

  it('keeps the type check of each language', () => {
    const area = parts(first, second);
    // @ts-expect-error: no such key in the composed area
    assert.equal(area.pl.missing, undefined);
    // @ts-expect-error: a part is a catalogue(), whose languages are checked, not a plain object
    parts(first, { pl: { extra: 'a' }, en: {}, uk: {} });
    catalogue({
      pl: { a: 'a', b: 'b' },
      // @ts-expect-error: a key missing in one language fails tsc
      en: { a: 'a' },
      uk: { a: 'a', b: 'b' },
    });
  });
});
