// The answer to a form sent after the session ended: nothing was done; the sign-in form is on the
// page, and signing in leads back to the form's page with what was typed (see http/replay.ts).
import { Button, Form, TextInput } from './components.tsx';
import { useView } from './context.ts';
import { H1, Layout } from './layout.tsx';

export function SessionEndedPage({ next, kept }: { next: string; kept: 'yes' | 'tooLong' | 'no' }) {
  const { t } = useView();
  const p = t.common.pages;
  return (
    <Layout title={p.sessionEndedTitle}>
      <H1>{p.sessionEndedTitle}</H1>
      <p class="govuk-body">{p.sessionEndedBody}</p>
      {kept === 'no' ? null : (
        <p class="govuk-inset-text">{kept === 'yes' ? p.sessionEndedKept : p.sessionEndedNotKept}</p>
      )}
      <Form action="/logowanie">
        <input type="hidden" name="next" value={next} />
        <TextInput
          name="email"
          type="email"
          label={p.sessionEndedEmail}
          autocomplete="username"
          spellcheck={false}
        />
        <TextInput
          name="password"
          type="password"
          label={p.sessionEndedPassword}
          autocomplete="current-password"
        />
        <Button>{p.sessionEndedSubmit}</Button>
      </Form>
    </Layout>
  );
}
