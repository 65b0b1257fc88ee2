import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loggableError } from './problems.ts';

describe('errors in the log', () => {
  it('keep the statement but drop its parameters (personal data)', () => {
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "auth_user_email_unique"'),
      {
        detail: 'Key (email)=(anna@example.org) already exists.',
      },
    );
    const err = new Error(
      'Failed query: insert into "auth_user" ("email") values ($1)\nparams: anna@example.org',
      { cause },
    );
    const logged = JSON.stringify(loggableError(err));
    assert.match(logged, /Failed query: insert into/);
    assert.match(logged, /duplicate key value/);
    assert.doesNotMatch(logged, /anna@example\.org/);
  });
});
