import { useView } from './context.ts';
import { H1, Layout } from './layout.tsx';

export function ErrorPage({
  title,
  body,
  reference,
}: {
  title: string;
  body: string;
  reference?: string | undefined;
}) {
  const { t } = useView();
  return (
    <Layout title={title}>
      <H1>{title}</H1>
      <p class="govuk-body">{body}</p>
      {reference ? <p class="govuk-body-s">{t.common.pages.errorReference(reference)}</p> : null}
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          {t.common.pages.goHome}
        </a>
      </p>
    </Layout>
  );
}
