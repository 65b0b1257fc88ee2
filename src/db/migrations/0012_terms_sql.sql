-- Version 1 of the terms of service, so that a fresh install has terms to accept; acceptances
-- given before the terms had versions are acceptances of version 1. Then the rule: an acceptance
-- of the terms names its version, and no other decision does.
INSERT INTO "account_terms_version" ("id", "version", "body_pl", "body_en", "body_uk") VALUES (
'0193a7c0-0000-7000-8000-000000000001', 1,
$pl$## 1. Kto prowadzi serwis

Serwis Klaster Zabłocie 20.22 prowadzi Gmina Miejska Kraków, w której imieniu działa Wydział ds. Przedsiębiorczości i Innowacji Urzędu Miasta Krakowa, ul. Zabłocie 20–22, 30-701 Kraków (dalej: operator).

## 2. Do czego służy serwis

Serwis służy mieszkańcom, organizacjom pozarządowym, przedsiębiorcom, studentom i pracownikom Miasta do korzystania z usług Klastra Innowacji Społeczno-Gospodarczych Zabłocie 20.22 i programu rewitalizacji: rezerwowania przestrzeni, zapisów na wydarzenia, składania wniosków w naborach, wolontariatu i zgłaszania potrzeb dzielnicy. Korzystanie z serwisu jest bezpłatne, chyba że przy danej usłudze wyraźnie wskazano opłatę.

## 3. Konto

Konto zakłada osoba pełnoletnia lub za zgodą opiekuna. Podajesz prawdziwe imię i nazwisko oraz adres e-mail, do którego masz dostęp. Nie udostępniasz hasła innym osobom. Konto możesz w każdej chwili usunąć na stronie „Moje konto”.

## 4. Zasady korzystania

- Szanuj innych użytkowników i pracowników: nie publikuj treści obraźliwych, dyskryminujących, nawołujących do przemocy ani naruszających prawo.
- Nie podszywaj się pod inne osoby ani organizacje.
- Nie zakłócaj działania serwisu i nie próbuj uzyskać dostępu do cudzych danych.
- Przestrzegaj regulaminu budynku Zabłocie 20–22 i poleceń obsługi Klastra.

Operator może zablokować konto osoby, która rażąco lub uporczywie narusza te zasady, po uprzednim wezwaniu do zaprzestania naruszeń, chyba że naruszenie zagraża bezpieczeństwu innych.

## 5. Rezerwacje i nieobecności

Rezerwujesz tylko tyle czasu i miejsca, ile potrzebujesz. Jeśli nie możesz przyjść, odwołaj rezerwację w serwisie jak najwcześniej — zwolnione miejsce może wykorzystać ktoś inny. Osobie, która kilkakrotnie nie przychodzi na rezerwację bez jej odwołania, operator może czasowo ograniczyć możliwość rezerwowania; zostanie o tym powiadomiona e-mailem wraz z informacją, jak się odwołać.

## 6. Treści, które publikujesz

Za treści, które zamieszczasz w serwisie (opisy organizacji, wnioski, zgłoszenia na mapach, zdjęcia), odpowiadasz Ty. Publikując je, udzielasz operatorowi nieodpłatnej, niewyłącznej licencji na ich wyświetlanie w serwisie i udostępnianie jako otwarte dane w zakresie, w jakim są publiczne. Operator może ukryć treść sprzeczną z prawem lub z tym regulaminem; poinformuje Cię o tym i o przyczynie.

## 7. Dane osobowe

Administratorem Twoich danych osobowych jest Prezydent Miasta Krakowa. Zasady przetwarzania danych, Twoje prawa i dane kontaktowe inspektora ochrony danych opisuje strona „Prywatność i RODO” (/prywatnosc). Kopię swoich danych możesz pobrać na stronie „Moje konto”.

## 8. Zmiany regulaminu

Operator może zmienić regulamin z ważnych przyczyn, w szczególności zmiany przepisów lub usług. Każda wersja ma numer i datę, a poprzednie wersje pozostają dostępne w serwisie. Nową wersję pokażemy Ci przy następnym logowaniu; korzystanie z konta wymaga jej akceptacji. Jeśli jej nie akceptujesz, możesz usunąć konto.

## 9. Kontakt

Pytania i reklamacje dotyczące serwisu przyjmujemy przez stronę „Kontakt” (/kontakt) i w punkcie obsługi przy ul. Zabłocie 20–22. Odpowiadamy w ciągu 14 dni.$pl$,
$en$## 1. Who runs the service

The Klaster Zabłocie 20.22 service is run by the Municipality of Kraków (Gmina Miejska Kraków), acting through the Department of Entrepreneurship and Innovation of the Kraków City Office, ul. Zabłocie 20–22, 30-701 Kraków (the operator).

## 2. What the service is for

The service lets residents, non-governmental organisations, entrepreneurs, students and city staff use the Zabłocie 20.22 Social and Economic Innovation Cluster and the revitalisation programme: booking spaces, registering for events, applying to open calls, volunteering and reporting the neighbourhood's needs. Using it is free unless a fee is clearly stated for a particular service.

## 3. Your account

An account is opened by an adult, or with a guardian's consent. You give your real name and an e-mail address you can read. You do not share your password with anyone. You can delete your account at any time on the "My account" page.

## 4. Rules of conduct

- Respect other users and staff: do not publish content that is offensive, discriminatory, incites violence or breaks the law.
- Do not pretend to be another person or organisation.
- Do not disrupt the service or try to reach other people's data.
- Follow the rules of the Zabłocie 20–22 building and the instructions of the cluster's staff.

The operator may block the account of someone who seriously or repeatedly breaks these rules, after asking them to stop, unless the breach endangers the safety of others.

## 5. Bookings and no-shows

Book only the time and space you need. If you cannot come, cancel the booking in the service as early as you can, so someone else can use the place. If someone repeatedly does not come to a booking without cancelling it, the operator may for a time limit their bookings; they will be told by e-mail, with how to appeal.

## 6. Content you publish

You are responsible for what you publish in the service (organisation profiles, applications, map entries, photos). By publishing it you give the operator a free, non-exclusive licence to show it in the service and to share it as open data as far as it is public. The operator may hide content that breaks the law or these terms; you will be told, with the reason.

## 7. Personal data

The controller of your personal data is the Mayor of the City of Kraków. How your data is processed, your rights and how to reach the data protection officer are described on the "Privacy and GDPR" page (/prywatnosc). You can download a copy of your data on the "My account" page.

## 8. Changes to the terms

The operator may change the terms for good reasons, in particular changes in the law or in the services. Every version has a number and a date, and earlier versions stay readable in the service. We will show you a new version at your next sign-in; using your account requires accepting it. If you do not accept it, you can delete your account.

## 9. Contact

Questions and complaints about the service are welcome through the "Contact" page (/kontakt) and at the help desk at ul. Zabłocie 20–22. We answer within 14 days.$en$,
$uk$## 1. Хто керує сервісом

Сервісом Klaster Zabłocie 20.22 керує Міська гміна Краків (Gmina Miejska Kraków), від імені якої діє Відділ підприємництва та інновацій Краківської міської управи, вул. Заблоцє 20–22, 30-701 Краків (далі — оператор).

## 2. Для чого сервіс

Сервіс дає змогу мешканцям, громадським організаціям, підприємцям, студентам і працівникам міста користуватися послугами Кластера соціально-економічних інновацій Zabłocie 20.22 і програми ревіталізації: бронювати простори, реєструватися на події, подавати заявки на конкурси, волонтерити й повідомляти про потреби району. Користування безкоштовне, якщо для певної послуги прямо не зазначено плату.

## 3. Обліковий запис

Обліковий запис створює повнолітня особа або особа за згодою опікуна. Ви вказуєте справжнє ім’я та прізвище й адресу електронної пошти, до якої маєте доступ. Ви не передаєте свій пароль іншим. Обліковий запис можна будь-коли видалити на сторінці «Мій обліковий запис».

## 4. Правила користування

- Поважайте інших користувачів і працівників: не публікуйте образливого, дискримінаційного вмісту, закликів до насильства чи вмісту, що порушує закон.
- Не видавайте себе за іншу особу чи організацію.
- Не порушуйте роботу сервісу й не намагайтеся отримати доступ до чужих даних.
- Дотримуйтеся правил будівлі Zabłocie 20–22 і вказівок працівників Кластера.

Оператор може заблокувати обліковий запис особи, яка грубо або неодноразово порушує ці правила, попередньо закликавши її припинити порушення, хіба що порушення загрожує безпеці інших.

## 5. Бронювання та неявки

Бронюйте стільки часу й місця, скільки вам потрібно. Якщо не можете прийти, скасуйте бронювання в сервісі якомога раніше — звільнене місце зможе використати хтось інший. Особі, яка кілька разів не приходить на бронювання, не скасувавши його, оператор може тимчасово обмежити можливість бронювання; її буде повідомлено електронною поштою разом з інформацією, як це оскаржити.

## 6. Вміст, який ви публікуєте

Ви відповідаєте за вміст, який розміщуєте в сервісі (описи організацій, заявки, позначки на мапах, фото). Публікуючи його, ви надаєте оператору безоплатну невиключну ліцензію показувати його в сервісі та поширювати як відкриті дані в тій мірі, в якій він є публічним. Оператор може приховати вміст, що суперечить закону або цим правилам; вас буде повідомлено про це й про причину.

## 7. Персональні дані

Розпорядником ваших персональних даних є Президент міста Кракова. Як обробляються дані, ваші права та контакти інспектора із захисту даних описано на сторінці «Конфіденційність і GDPR» (/prywatnosc). Копію своїх даних можна завантажити на сторінці «Мій обліковий запис».

## 8. Зміни правил

Оператор може змінити правила з поважних причин, зокрема через зміну законодавства або послуг. Кожна версія має номер і дату, а попередні версії залишаються доступними в сервісі. Нову версію ми покажемо вам під час наступного входу; користування обліковим записом вимагає її прийняття. Якщо ви її не приймаєте, можете видалити обліковий запис.

## 9. Контакти

Питання та скарги щодо сервісу приймаємо через сторінку «Контакти» (/kontakt) і в пункті обслуговування на вул. Заблоцє 20–22. Відповідаємо протягом 14 днів.$uk$
);
--> statement-breakpoint
UPDATE "account_consent" SET "terms_version" = 1 WHERE "kind" = 'terms' AND "granted";
--> statement-breakpoint
ALTER TABLE "account_consent" ADD CONSTRAINT "account_consent_terms_version"
  CHECK (("kind" = 'terms' AND "granted") = ("terms_version" IS NOT NULL));
