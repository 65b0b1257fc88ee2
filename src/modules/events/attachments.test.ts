// An event's PDF attachments: its organisers upload them with a title, the public event page lists
// them and serves them as PDF downloads; what is not a PDF, too large, untitled or one too many is
// refused with nothing stored; a draft's files are a 404 to everyone but those who run it; a
// stranger cannot upload; deleting one removes its file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import type { EventsService } from './service.ts';
import { eventInput, eventsOf, refused, testOrganisation, testPeople } from './test-helpers.ts';

type Client = ReturnType<TestApp['client']>;

let t: TestApp;
let svc: EventsService;
let staff: Awaited<ReturnType<typeof testPeople>>[number];
let member: Awaited<ReturnType<TestApp['signedIn']>>;
let stranger: Awaited<ReturnType<TestApp['signedIn']>>;
let publicId: string;
let draftId: string;

/** A PDF of about `size` bytes (the magic bytes, then filler). */
const pdf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.alloc(size - 15, 0x20)]);

async function postMultipart(
  c: Client,
  url: string,
  fields: Record<string, string>,
  file?: { filename: string; type: string; content: Buffer },
) {
  const boundary = `----klaster${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ _csrf: await c.csrf(), ...fields }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return c.request({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const stored = async (eventId: string) =>
  (
    await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from event_attachment where event_id = ${eventId}`,
    )
  )[0]!.n;
const filesOnDisk = () => {
  try {
    return readdirSync(path.join(t.dataDir, 'uploads', 'events'));
  } catch {
    return [];
  }
};

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp({ env: { UPLOAD_LIMIT_BYTES: '300000' } });
  svc = eventsOf(t.app.klaster.services);
  staff = (await testPeople(t.database, 1, 'staff'))[0]!;
  member = await t.signedIn('resident', { name: 'Organizatorka' });
  stranger = await t.signedIn('resident', { name: 'Ktoś Obcy' });
  const org = await testOrganisation(t.database, [{ id: member.userId }], 'verified', 'Fundacja Podgórze');
  const mine = { id: member.userId, role: 'resident' as const };
  const published = await svc.create(as(mine), eventInput({ organisationId: org, organiserUnit: undefined }));
  await svc.publish(as(staff), published.id);
  publicId = published.id;
  draftId = (await svc.create(as(mine), eventInput({ organisationId: org, organiserUnit: undefined }))).id;
});
after(() => t.close());

describe("an event's attachments", () => {
  test('an organiser uploads a PDF; the public page lists it and anyone downloads it as a PDF', async () => {
    const form = await member.get(`/wydarzenia/${publicId}/zalaczniki`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /<label class="govuk-label" for="f-file">Plik PDF<\/label>/);
    assert.match(form.body, /<legend[^>]*>Tytuł załącznika<\/legend>/);
    const content = pdf(240_000);
    const res = await postMultipart(
      member,
      `/wydarzenia/${publicId}/zalaczniki`,
      { title_pl: 'Program spotkania', title_en: 'Programme' },
      { filename: 'program.pdf', type: 'application/pdf', content },
    );
    assert.equal(res.statusCode, 303, res.body);
    assert.match((await member.get(String(res.headers.location))).body, /Załącznik dodany\./);

    const visitor = t.client();
    const page = await visitor.get(`/wydarzenia/${publicId}`);
    assert.match(page.body, /<h2 class="govuk-heading-m">Materiały do pobrania<\/h2>/);
    const link = new RegExp(
      `<a class="govuk-link" href="(/wydarzenia/${publicId}/zalaczniki/[0-9a-f-]{36})" download>Program spotkania</a> <span[^>]*>\\(PDF, 240 kB\\)</span>`,
    ).exec(page.body);
    assert.ok(link, 'the page links the PDF with its kind and size');
    const english = await t.client().get(`/wydarzenia/${publicId}`, { 'accept-language': 'en' });
    assert.match(english.body, />Programme<\/a>/);

    const file = await visitor.get(link[1]!);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.equal(
      file.headers['content-disposition'],
      `attachment; filename="program-spotkania.pdf"; filename*=UTF-8''Program%20spotkania.pdf`,
    );
    assert.ok(file.rawPayload.equals(content));
    // The organiser's event page links the attachments' page; a visitor's does not.
    assert.match((await member.get(`/wydarzenia/${publicId}`)).body, /Załączniki \(PDF\) wydarzenia/);
    assert.doesNotMatch(page.body, /Załączniki \(PDF\) wydarzenia/);
  });

  test('an HTML page renamed .pdf, a file too large and a missing title are refused, nothing stored', async () => {
    const url = `/wydarzenia/${publicId}/zalaczniki`;
    const had = await stored(publicId);
    const onDisk = filesOnDisk().length;
    const html = await postMultipart(
      member,
      url,
      { title_pl: 'Program' },
      {
        filename: 'program.pdf',
        type: 'application/pdf',
        content: Buffer.from('<html><script>alert(1)</script></html>'),
      },
    );
    assert.equal(html.statusCode, 415);
    assert.match(html.body, /href="#f-file">Wybierz plik PDF — ten plik nie jest dokumentem PDF\./);
    assert.match(html.body, /value="Program"/, 'the title typed is kept');

    const large = await postMultipart(
      member,
      url,
      { title_pl: 'Za duży' },
      { filename: 'duzy.pdf', type: 'application/pdf', content: pdf(400_000) },
    );
    assert.equal(large.statusCode, 413);
    assert.match(large.body, /href="#f-file">Plik jest za duży\./);

    const untitled = await postMultipart(
      member,
      url,
      { title_pl: '' },
      { filename: 'a.pdf', type: 'application/pdf', content: pdf(2000) },
    );
    assert.equal(untitled.statusCode, 422);
    assert.match(untitled.body, /href="#f-title_pl"/);

    const noFile = await postMultipart(member, url, { title_pl: 'Bez pliku' });
    assert.equal(noFile.statusCode, 422);
    assert.match(noFile.body, /href="#f-file">Wybierz plik PDF\.</);

    assert.equal(await stored(publicId), had);
    assert.equal(filesOnDisk().length, onDisk);
  });

  test('an event takes at most ten attachments', async () => {
    const mine = as({ id: member.userId, role: 'resident' });
    const room = 10 - (await stored(publicId));
    for (let i = 0; i < room; i++)
      await svc.addAttachment(mine, publicId, { content: pdf(1500), title: { pl: `Plik ${i}` } });
    const onDisk = filesOnDisk().length;
    await refused(
      svc.addAttachment(mine, publicId, { content: pdf(1500), title: { pl: 'Jedenasty' } }),
      'tooManyAttachments',
      'file',
    );
    assert.equal(await stored(publicId), 10);
    assert.equal(filesOnDisk().length, onDisk, 'the refused file is not left on disk');
  });

  test("a draft's attachment is a 404 to a visitor and a stranger, and served to its organisers and staff", async () => {
    const res = await postMultipart(
      member,
      `/wydarzenia/${draftId}/zalaczniki`,
      { title_pl: 'Szkic programu' },
      { filename: 'szkic.pdf', type: 'application/pdf', content: pdf(3000) },
    );
    assert.equal(res.statusCode, 303, res.body);
    const [row] = await t.database.rows<{ id: string }>(
      sql`select id from event_attachment where event_id = ${draftId}`,
    );
    const url = `/wydarzenia/${draftId}/zalaczniki/${row!.id}`;
    assert.equal((await t.client().get(url)).statusCode, 404);
    assert.equal((await stranger.get(url)).statusCode, 404);
    const own = await member.get(url);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['content-type'], 'application/pdf');
    assert.match(String(own.headers['cache-control']), /no-store/);
    assert.equal((await (await t.signedIn('staff')).get(url)).statusCode, 200);
    // Another event's id with this attachment is no address of it.
    assert.equal((await member.get(`/wydarzenia/${publicId}/zalaczniki/${row!.id}`)).statusCode, 404);
  });

  test('a stranger cannot see the page, upload or delete', async () => {
    const url = `/wydarzenia/${publicId}/zalaczniki`;
    assert.equal((await stranger.get(url)).statusCode, 403);
    const had = await stored(publicId);
    const up = await postMultipart(
      stranger,
      url,
      { title_pl: 'Obcy' },
      { filename: 'obcy.pdf', type: 'application/pdf', content: pdf(2000) },
    );
    assert.equal(up.statusCode, 403);
    const [row] = await t.database.rows<{ id: string }>(
      sql`select id from event_attachment where event_id = ${publicId} limit 1`,
    );
    assert.equal((await stranger.post(`${url}/${row!.id}/usun`)).statusCode, 403);
    assert.equal(await stored(publicId), had);
    assert.equal((await t.client().get(url)).statusCode, 303, 'a visitor is sent to sign in');
  });

  test('deleting an attachment removes it from the page and its file from the disk', async () => {
    const [row] = await t.database.rows<{ id: string; file_name: string; title: string }>(
      sql`select id, file_name, title from event_attachment where event_id = ${publicId} order by created_at, id limit 1`,
    );
    assert.ok(filesOnDisk().includes(row!.file_name));
    const page = await member.get(`/wydarzenia/${publicId}/zalaczniki`);
    assert.match(page.body, new RegExp(`action="/wydarzenia/${publicId}/zalaczniki/${row!.id}/usun"`));
    const del = await member.post(`/wydarzenia/${publicId}/zalaczniki/${row!.id}/usun`);
    assert.equal(del.statusCode, 303);
    assert.match((await member.get(String(del.headers.location))).body, /Załącznik usunięty\./);
    assert.equal((await t.client().get(`/wydarzenia/${publicId}/zalaczniki/${row!.id}`)).statusCode, 404);
    assert.ok(!filesOnDisk().includes(row!.file_name));
    assert.doesNotMatch(
      (await t.client().get(`/wydarzenia/${publicId}`)).body,
      new RegExp(`>${row!.title}</a>`),
    );
    const audit = await t.database.rows<{ action: string }>(
      sql`select action from audit_log where entity_id = ${publicId} and action like 'event.attachment_%' order by action`,
    );
    assert.ok(audit.some((a) => a.action === 'event.attachment_added'));
    assert.ok(audit.some((a) => a.action === 'event.attachment_deleted'));
  });
});
