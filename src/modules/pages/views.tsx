import { Table } from '../../platform/views/components.tsx';
import { useView } from '../../platform/views/context.ts';
import { H1, Layout } from '../../platform/views/layout.tsx';
import type { ClusterView } from '../places/index.ts';

export function HomePage({
  cluster,
  subareas,
}: {
  cluster: ClusterView | null;
  subareas: Array<{ slug: string; name: string; description: string }>;
}) {
  const { t, actor } = useView();
  const p = t.pages;
  return (
    <Layout title={p.homeTitle}>
      <H1>{p.homeTitle}</H1>
      <p class="govuk-body-l">{p.homeLead}</p>
      <h2 class="govuk-heading-m">{p.homeWhat}</h2>
      <ul class="govuk-list govuk-list--bullet">
        {p.homeWhatItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div class="govuk-button-group">
        {actor ? null : (
          <a href="/rejestracja" class="govuk-button govuk-button--start" data-module="govuk-button">
            {p.ctaSignUp}
          </a>
        )}
        <a href="/organizacje" class="govuk-link">
          {p.ctaOrganisations}
        </a>
        <a href="/przestrzenie" class="govuk-link">
          {p.ctaSpaces}
        </a>
      </div>
      <HomeLists cluster={cluster} subareas={subareas} />
    </Layout>
  );
}

/** The home page's lists: the cluster's buildings and zones, the subareas (also the benchmark's bare route). */
export function HomeLists({
  cluster,
  subareas,
}: {
  cluster: ClusterView | null;
  subareas: Array<{ slug: string; name: string; description: string }>;
}) {
  const { t } = useView();
  const p = t.pages;
  return (
    <>
      {cluster ? (
        <section aria-labelledby="buildings-title">
          <h2 class="govuk-heading-m" id="buildings-title">
            {p.buildingsTitle}
          </h2>
          <p class="govuk-body" lang="pl">
            {cluster.description}
          </p>
          {cluster.buildings.map((b) => (
            <div key={b.code} class="klaster-card">
              <h3 class="govuk-heading-s" lang="pl">
                {b.name}
              </h3>
              <p class="govuk-body" lang="pl">
                {b.description}
              </p>
              <ul class="govuk-list govuk-list--bullet" lang="pl">
                {b.zones.map((z) => (
                  <li key={z.slug}>{z.name}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {subareas.length ? (
        <section aria-labelledby="subareas-title">
          <h2 class="govuk-heading-m" id="subareas-title">
            {p.subareasTitle}
          </h2>
          <p class="govuk-body">{p.subareasLead}</p>
          <ul class="govuk-list govuk-list--bullet">
            {subareas.map((s) => (
              <li key={s.slug}>
                <strong lang="pl">{s.name}</strong> — <span lang="pl">{s.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

const a11y = {
  pl: {
    intro:
      'Urząd Miasta Krakowa zobowiązuje się zapewnić dostępność serwisu Klastra Zabłocie 20.22 zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych.',
    status:
      'Stan dostępności: serwis jest zgodny ze standardem WCAG 2.1 na poziomie AA. Każda strona jest automatycznie sprawdzana narzędziem axe przy każdej zmianie kodu.',
    features: [
      'działa bez JavaScriptu i z czytnikami ekranu; każda strona ma jeden nagłówek główny i link „Przejdź do treści”,',
      'błędy formularzy są opisane tekstem i połączone z polami,',
      'serwis jest dostępny po polsku, angielsku i ukraińsku,',
      'mapy nigdy nie są jedynym sposobem dotarcia do informacji — zawsze jest lista.',
    ],
    prepared: 'Deklarację sporządzono 21 listopada 2026 r. na podstawie samooceny i testów automatycznych.',
    feedback:
      'Jeśli napotkasz problem z dostępnością, napisz do nas. Masz prawo żądać zapewnienia dostępności cyfrowej strony lub jej elementu oraz dostępu alternatywnego. Odpowiemy w ciągu 7 dni; jeśli odmówimy, możesz złożyć skargę, a następnie wniosek do Rzecznika Praw Obywatelskich.',
    building:
      'Budynki Klastra przy ul. Zabłocie 20–22: wejście do budynku A z poziomu chodnika, winda w budynku A, toaleta dla osób z niepełnosprawnościami. Do budynku można wejść z psem asystującym.',
  },
  en: {
    intro:
      'The City of Kraków is committed to making the Zabłocie 20.22 Cluster website accessible, in line with the Polish Act of 4 April 2019 on the digital accessibility of websites and mobile applications of public bodies.',
    status:
      'Compliance status: the website complies with WCAG 2.1 level AA. Every page is checked automatically with axe on every code change.',
    features: [
      'it works without JavaScript and with screen readers; every page has one main heading and a “Skip to main content” link,',
      'form errors are described in text and linked to their fields,',
      'the website is available in Polish, English and Ukrainian,',
      'a map is never the only way to reach information — there is always a list.',
    ],
    prepared:
      'This statement was prepared on 21 November 2026 on the basis of a self-assessment and automated tests.',
    feedback:
      'If you find an accessibility problem, write to us. You have the right to ask for a page or part of it to be made accessible, or for an alternative. We reply within 7 days; if we refuse, you may complain and then apply to the Commissioner for Human Rights.',
    building:
      'The cluster’s buildings at ul. Zabłocie 20–22: step-free entrance to building A, a lift in building A, an accessible toilet. Assistance dogs are welcome.',
  },
  uk: {
    intro:
      'Мерія Кракова зобов’язується забезпечити доступність сайту Кластера Заблоцє 20.22 відповідно до польського закону від 4 квітня 2019 р. про цифрову доступність вебсайтів і мобільних застосунків публічних органів.',
    status:
      'Стан доступності: сайт відповідає стандарту WCAG 2.1 рівня AA. Кожну сторінку автоматично перевіряє інструмент axe під час кожної зміни коду.',
    features: [
      'працює без JavaScript і з програмами зчитування екрана; кожна сторінка має один головний заголовок і посилання «Перейти до основного змісту»,',
      'помилки у формах описані текстом і пов’язані з полями,',
      'сайт доступний польською, англійською та українською мовами,',
      'мапа ніколи не є єдиним способом отримати інформацію — завжди є список.',
    ],
    prepared: 'Декларацію складено 21 листопада 2026 р. на основі самооцінки та автоматичних тестів.',
    feedback:
      'Якщо ви натрапили на проблему з доступністю, напишіть нам. Ви маєте право вимагати забезпечення доступності сторінки чи її елемента або альтернативного доступу. Ми відповімо протягом 7 днів; у разі відмови ви можете подати скаргу, а потім звернутися до Уповноваженого з прав людини.',
    building:
      'Будівлі Кластера на вул. Заблоцє 20–22: вхід до будівлі A без сходів, ліфт у будівлі A, туалет для людей з інвалідністю. Можна заходити з собакою-помічником.',
  },
};

export function AccessibilityPage() {
  const { t, locale, contactEmail } = useView();
  const c = a11y[locale];
  return (
    <Layout title={t.pages.a11yTitle}>
      <H1>{t.pages.a11yTitle}</H1>
      <p class="govuk-body">{c.intro}</p>
      <p class="govuk-body">{c.status}</p>
      <ul class="govuk-list govuk-list--bullet">
        {c.features.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="govuk-body">{c.prepared}</p>
      <p class="govuk-body">{c.feedback}</p>
      <p class="govuk-body">
        {t.pages.contactMail}{' '}
        <a class="govuk-link" href={`mailto:${contactEmail}`}>
          {contactEmail}
        </a>
      </p>
      <p class="govuk-body">{c.building}</p>
    </Layout>
  );
}

const privacy = {
  pl: [
    [
      'Administrator',
      'Administratorem danych jest Gmina Miejska Kraków — Urząd Miasta Krakowa, pl. Wszystkich Świętych 3–4, 31-004 Kraków. Kontakt z inspektorem ochrony danych: iod@um.krakow.pl.',
    ],
    [
      'Cel i podstawa',
      'Przetwarzamy dane, aby prowadzić Twoje konto i usługi Klastra (art. 6 ust. 1 lit. b i e RODO), a informacje o wydarzeniach wysyłamy tylko za Twoją zgodą (art. 6 ust. 1 lit. a RODO).',
    ],
    [
      'Zakres',
      'Imię i nazwisko, adres e-mail, opcjonalnie telefon, preferowany język, zgody z datami, członkostwa w organizacjach oraz techniczne dane sesji (adres IP, przeglądarka).',
    ],
    [
      'Okres przechowywania',
      'Dane konta przechowujemy do jego usunięcia. Sesje wygasają po 7 dniach, wysłane wiadomości e-mail usuwamy po 90 dniach. Zanonimizowany rejestr działań obsługi przechowujemy zgodnie z przepisami o archiwizacji.',
    ],
    [
      'Twoje prawa',
      'Masz prawo dostępu do danych, ich sprostowania, usunięcia, ograniczenia przetwarzania, przenoszenia oraz wycofania zgody w każdej chwili. Na stronie „Moje konto” możesz pobrać wszystkie swoje dane (JSON) i usunąć konto. Możesz złożyć skargę do Prezesa Urzędu Ochrony Danych Osobowych.',
    ],
    [
      'Pliki cookie',
      'Używamy wyłącznie niezbędnych plików cookie: sesji, zabezpieczenia formularzy i wybranego języka. Nie używamy plików śledzących.',
    ],
  ],
  en: [
    [
      'Controller',
      'The controller is the Municipality of Kraków — City Hall, pl. Wszystkich Świętych 3–4, 31-004 Kraków. Data protection officer: iod@um.krakow.pl.',
    ],
    [
      'Purpose and legal basis',
      'We process data to run your account and the cluster’s services (GDPR Art. 6(1)(b) and (e)); we send news about events only with your consent (Art. 6(1)(a)).',
    ],
    [
      'What we hold',
      'Your name, email address, optionally a phone number, preferred language, consents with their dates, organisation memberships and technical session data (IP address, browser).',
    ],
    [
      'How long',
      'Account data is kept until you delete the account. Sessions expire after 7 days and sent emails are deleted after 90 days. The anonymised log of staff actions is kept as archiving law requires.',
    ],
    [
      'Your rights',
      'You may access, correct and erase your data, restrict or object to processing, take your data with you and withdraw consent at any time. On “My account” you can download all your data (JSON) and delete your account. You may complain to the President of the Personal Data Protection Office (UODO).',
    ],
    [
      'Cookies',
      'We use only essential cookies: the session, form protection and your chosen language. No tracking cookies.',
    ],
  ],
  uk: [
    [
      'Адміністратор',
      'Адміністратор даних — Гміна Міська Краків, Мерія Кракова, пл. Вшистких Свєнтих 3–4, 31-004 Краків. Інспектор із захисту даних: iod@um.krakow.pl.',
    ],
    [
      'Мета й підстава',
      'Ми обробляємо дані, щоб вести ваш обліковий запис і послуги Кластера (ст. 6(1)(b) і (e) GDPR); новини про події надсилаємо лише за вашою згодою (ст. 6(1)(a)).',
    ],
    [
      'Які дані',
      'Ім’я та прізвище, адреса електронної пошти, за бажанням телефон, бажана мова, згоди з датами, членство в організаціях і технічні дані сесії (IP-адреса, браузер).',
    ],
    [
      'Термін зберігання',
      'Дані облікового запису зберігаються до його видалення. Сесії закінчуються через 7 днів, надіслані листи видаляються через 90 днів. Анонімізований журнал дій персоналу зберігається відповідно до законодавства про архіви.',
    ],
    [
      'Ваші права',
      'Ви маєте право на доступ до даних, їх виправлення, видалення, обмеження обробки, перенесення та відкликання згоди будь-коли. На сторінці «Мій обліковий запис» можна завантажити всі свої дані (JSON) і видалити обліковий запис. Ви можете подати скаргу до Голови Управління із захисту персональних даних (UODO).',
    ],
    [
      'Файли cookie',
      'Ми використовуємо лише необхідні файли cookie: сесію, захист форм і вибрану мову. Жодних файлів стеження.',
    ],
  ],
};

export function PrivacyPage() {
  const { t, locale } = useView();
  return (
    <Layout title={t.pages.privacyTitle}>
      <H1>{t.pages.privacyTitle}</H1>
      {privacy[locale].map(([heading, body]) => (
        <section key={heading}>
          <h2 class="govuk-heading-m">{heading}</h2>
          <p class="govuk-body">{body}</p>
        </section>
      ))}
    </Layout>
  );
}

export function ContactPage() {
  const { t, contactEmail } = useView();
  return (
    <Layout title={t.pages.contactTitle}>
      <H1>{t.pages.contactTitle}</H1>
      <p class="govuk-body">{t.pages.contactLead}</p>
      <p class="govuk-body">
        {t.pages.contactMail}{' '}
        <a class="govuk-link" href={`mailto:${contactEmail}`}>
          {contactEmail}
        </a>
      </p>
      <p class="govuk-body">
        {t.pages.contactRevitalisation}{' '}
        <a class="govuk-link" href="mailto:rewitalizacja@um.krakow.pl">
          rewitalizacja@um.krakow.pl
        </a>
      </p>
    </Layout>
  );
}

export function ApiReferencePage({
  endpoints,
  problems,
}: {
  endpoints: Array<{ method: string; path: string; summary: string }>;
  problems: Array<{ type: string; status: number; title: string }>;
}) {
  const { t } = useView();
  const r = t.api.reference;
  return (
    <Layout title={t.pages.apiTitle} wide>
      <H1>{t.pages.apiTitle}</H1>
      <p class="govuk-body">{t.pages.apiLead}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/api/v1/openapi.json">
          {t.pages.apiDocument}
        </a>
      </p>
      <Table
        caption={t.pages.apiEndpoints}
        head={[t.pages.apiMethod, t.pages.apiPath, t.pages.apiSummary]}
        rows={endpoints.map((e) => [
          <code key="m">{e.method}</code>,
          <code key="p">{e.path}</code>,
          e.summary,
        ])}
      />
      <h2 class="govuk-heading-m">{r.authTitle}</h2>
      <p class="govuk-body">{r.authBody}</p>
      <h2 class="govuk-heading-m">{r.languageTitle}</h2>
      <p class="govuk-body">{r.languageBody}</p>
      <h2 class="govuk-heading-m">{r.problemsTitle}</h2>
      <p class="govuk-body">{r.problemsLead}</p>
      <Table
        caption={r.problemsTitle}
        head={[r.problemType, r.problemStatus, r.problemTitle]}
        rows={problems.map((p) => [<code key="t">{p.type}</code>, String(p.status), p.title])}
      />
    </Layout>
  );
}
