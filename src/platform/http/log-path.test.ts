import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loggablePath } from './log-path.ts';

test('the log keeps paths and record ids, never query strings or secret path segments', () => {
  const token = 'Zq3x_9-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  assert.equal(loggablePath(`/przestrzenie/kalendarz/${token}.ics`), '/przestrzenie/kalendarz/***.ics');
  assert.equal(loggablePath(`/zaproszenia/${token}/przyjmij`), '/zaproszenia/***/przyjmij');
  assert.equal(loggablePath('/potwierdz-email?token=abc'), '/potwierdz-email');
  const id = '019a4f3e-7c2b-7d41-9a3e-0123456789ab';
  assert.equal(loggablePath(`/przestrzenie/rezerwacje/${id}?x=1`), `/przestrzenie/rezerwacje/${id}`);
  assert.equal(
    loggablePath('/przestrzenie/sala-warsztatowa-innowacji-spolecznych'),
    '/przestrzenie/sala-warsztatowa-innowacji-spolecznych',
  );
});
