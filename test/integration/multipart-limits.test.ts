// Multipart bodies (file uploads) cost memory, so they are taken only where a file is expected,
// from a signed-in person with a valid CSRF token, and streamed with limits. Everywhere else a
// multipart body is refused at once — before it is read — and BODY_LIMIT_BYTES holds. These tests
// use a real server on 127.0.0.1 and stream the bodies with http.request, because inject() hands
// the whole body over at once and could not show whether the server waited for it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { seedTestSpaces } from '../../src/modules/spaces/test-helpers.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { registeredRoutes } from '../support/routes.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
]);

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; bytes: number; head?: Buffer };

/** A multipart body as a list of pieces (file contents repeat one 64 KB chunk: no big buffers). */
function multipart(parts: Part[]) {
  const boundary = `----klaster${randomBytes(8).toString('hex')}`;
  const pieces: Array<Buffer | { repeat: number }> = [];
  for (const p of parts) {
    if ('value' in p) {
      pieces.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`,
        ),
      );
    } else {
      pieces.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
      );
      if (p.head) pieces.push(p.head);
      pieces.push({ repeat: p.bytes - (p.head?.length ?? 0) }, Buffer.from('\r\n'));
    }
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const length = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.repeat), 0);
  return { type: `multipart/form-data; boundary=${boundary}`, pieces, length };
}

interface Streamed {
  status: number;
  body: string;
  /** Bytes of the body written when the answer's status line arrived. */
  sentBeforeAnswer: number;
  length: number;
}

/**
 * Streams a body to the server: the first 64 KB, then a pause (up to `waitMs`) for an early
 * answer, then the rest as fast as the socket takes it — unless the server has closed it.
 */
function stream(
  port: number,
  path: string,
  body: ReturnType<typeof multipart>,
  opts: { cookie?: string; chunked?: boolean; length?: number; waitMs?: number } = {},
): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let sentBeforeAnswer = -1;
    const headers: Record<string, string | number> = { 'content-type': body.type };
    if (!opts.chunked) headers['content-length'] = opts.length ?? body.length;
    if (opts.cookie) headers.cookie = opts.cookie;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers, agent: false });
    let closed = false;
    // Whoever waits for the socket: the pause for an early answer, or a full write buffer.
    let wake: (() => void) | null = null;
    const wakeUp = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    // The server may close the connection after its answer; before one, that is a failure.
    const ended = () => {
      closed = true;
      wakeUp();
      if (sentBeforeAnswer < 0)
        resolve({ status: 0, body: 'closed without an answer', sentBeforeAnswer, length: body.length });
    };
    req.on('close', ended);
    req.on('error', ended);
    req.on('drain', wakeUp);
    req.on('response', (res) => {
      sentBeforeAnswer = sent;
      wakeUp();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          sentBeforeAnswer,
          length: body.length,
        }),
      );
      res.on('error', reject);
    });
    const write = async (b: Buffer) => {
      if (closed) return;
      sent += b.length;
      if (!req.write(b)) await new Promise<void>((ok) => (wake = ok));
    };
    (async () => {
      let first = true;
      for (const piece of body.pieces) {
        const buffers = Buffer.isBuffer(piece)
          ? [piece]
          : (function* () {
              for (let left = piece.repeat; left > 0; left -= CHUNK.length)
                yield CHUNK.subarray(0, Math.min(left, CHUNK.length));
            })();
        for (const b of buffers) {
          if (closed) return;
          await write(b);
          if (first && sent >= 64 * 1024) {
            first = false;
            if (sentBeforeAnswer < 0)
              await new Promise<void>((ok) => {
                wake = ok;
                setTimeout(wakeUp, opts.waitMs ?? 1500);
              });
          }
        }
      }
      if (!closed) req.end();
    })().catch(reject);
  });
}

/** Five 9 MB files: the amplification payload of the security review. */
const fiveBigFiles = (fields: Part[] = []) =>
  multipart([
    ...fields,
    ...[1, 2, 3, 4, 5].map((n) => ({ name: `f${n}`, filename: `${n}.png`, bytes: 9 * MB })),
  ]);

describe('multipart bodies: only where uploads are taken, refused at once elsewhere', () => {
  let t: TestApp;
  let port: number;
  let staffCookie: string;
  let staffCsrf: string;
  let residentCookie: string;
  let photoUrl: string;
  before(async () => {
    t = await createTestApp();
    await seedTestSpaces(t.database);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as { port: number }).port;
    const staff = await t.signedIn('staff');
    staffCookie = [...staff.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    staffCsrf = await staff.csrf();
    const resident = await t.signedIn('resident');
    residentCookie = [...resident.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const [room] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id from space_resource where kind = 'room' order by slug limit 1`,
    );
    photoUrl = `/panel/przestrzenie/${room!.id}/zdjecia`;
  });
  after(async () => t.close());

  it('a public form refuses five 9 MB files at once (415), before the body is read', async () => {
    for (const path of ['/logowanie', '/rejestracja', '/nie-pamietam-hasla']) {
      const res = await stream(port, path, fiveBigFiles());
      assert.equal(res.status, 415, `${path}: ${res.body.slice(0, 200)}`);
      assert.ok(
        res.sentBeforeAnswer < MB,
        `${path} answered after ${res.sentBeforeAnswer} of ${res.length} bytes`,
      );
      assert.match(res.body, /<html lang="pl"/, 'the usual error page');
    }
  });

  it('twenty such requests do not grow the process’s memory by more than a few MB', async (ctx) => {
    gc();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakBuffers = base.arrayBuffers;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    }, 5);
    const statuses: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const results = await Promise.all(
        [0, 1, 2, 3].map(() => stream(port, '/logowanie', fiveBigFiles(), { waitMs: 0 })),
      );
      statuses.push(...results.map((r) => r.status));
    }
    clearInterval(sampler);
    gc();
    const end = process.memoryUsage();
    const rssGrowth = (peakRss - base.rss) / MB;
    const bufferGrowth = (peakBuffers - base.arrayBuffers) / MB;
    ctx.diagnostic(
      `20 requests of 5 × 9 MB: rss ${(base.rss / MB).toFixed(1)} MB → peak ${(peakRss / MB).toFixed(1)} MB (+${rssGrowth.toFixed(1)}), ` +
        `after ${(end.rss / MB).toFixed(1)} MB; arrayBuffers peak +${bufferGrowth.toFixed(1)} MB`,
    );
    // A client that keeps sending after the answer may see the closed connection (a reset) before
    // it reads the 415; either way the body was refused, never read.
    assert.ok(
      statuses.every((s) => s === 415 || s === 0),
      statuses.join(),
    );
    ctx.diagnostic(`${statuses.filter((s) => s === 415).length} of 20 read the 415 before the reset`);
    assert.ok(bufferGrowth < 8, `arrayBuffers grew by ${bufferGrowth.toFixed(1)} MB`);
    assert.ok(rssGrowth < 24, `rss grew by ${rssGrowth.toFixed(1)} MB`);
  });

  it('BODY_LIMIT_BYTES holds for other bodies too, also when they do not declare their length', async () => {
    const limit = t.app.klaster.config.bodyLimit;
    const res = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/logowanie',
          agent: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
        },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(0));
      const chunk = Buffer.from(`email=${'a'.repeat(64 * 1024)}`);
      let sent = 0;
      const more = () => {
        while (sent <= limit * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', more);
        }
        req.end();
      };
      more();
    });
    assert.equal(res, 413);
  });

  it('every route that takes no upload refuses any multipart body with 415', async () => {
    const uploads = registeredRoutes(t.app).filter((r) => r.upload);
    assert.deepEqual(
      uploads.map((r) => `${r.method} ${r.url}`),
      ['POST /panel/przestrzenie/:id/zdjecia', 'POST /wydarzenia/:id/zalaczniki'],
      'the routes that take uploads',
    );
    const body = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n';
    for (const route of registeredRoutes(t.app)) {
      if (['GET', 'HEAD', 'OPTIONS'].includes(route.method) || route.upload) continue;
      const url = route.url.replace(/:([A-Za-z0-9_]+)/g, 'x').replace(/\*$/, 'x');
      const res = await t.app.inject({
        method: route.method as 'POST',
        url,
        payload: body,
        headers: { 'content-type': 'multipart/form-data; boundary=x', cookie: staffCookie },
      });
      assert.equal(res.statusCode, 415, `${route.method} ${url}: ${res.statusCode}`);
    }
  });

  it('the photo upload refuses strangers, residents and a missing or wrong token before reading the file', async () => {
    // A 4 MB file: small enough to pass the length check, so the refusal is about who sends it.
    const withToken = (token: string) =>
      multipart([
        { name: '_csrf', value: token },
        { name: 'photo', filename: 'a.png', bytes: 4 * MB },
      ]);
    const cases: Array<[string, Promise<Streamed>, number]> = [
      ['anonymous', stream(port, photoUrl, withToken(staffCsrf)), 401],
      ['resident', stream(port, photoUrl, withToken(staffCsrf), { cookie: residentCookie }), 403],
      ['wrong token', stream(port, photoUrl, withToken('nie-ten-token'), { cookie: staffCookie }), 403],
      [
        'file before the token',
        stream(
          port,
          photoUrl,
          multipart([
            { name: 'photo', filename: 'a.png', bytes: 4 * MB },
            { name: '_csrf', value: staffCsrf },
          ]),
          { cookie: staffCookie },
        ),
        403,
      ],
    ];
    for (const [who, pending, status] of cases) {
      const res = await pending;
      assert.equal(res.status, status, `${who}: ${res.body.slice(0, 300)}`);
      assert.ok(res.sentBeforeAnswer < MB, `${who}: answered after ${res.sentBeforeAnswer} bytes`);
    }
  });

  it('the photo upload refuses more than it could ever take (413) and a body of unknown length (411) at once', async () => {
    const big = await stream(port, photoUrl, fiveBigFiles([{ name: '_csrf', value: staffCsrf }]), {
      cookie: staffCookie,
    });
    assert.equal(big.status, 413);
    assert.ok(big.sentBeforeAnswer < MB, `answered after ${big.sentBeforeAnswer} bytes`);
    const chunked = await stream(
      port,
      photoUrl,
      multipart([
        { name: '_csrf', value: staffCsrf },
        { name: 'photo', filename: 'a.png', bytes: 2 * MB },
      ]),
      { cookie: staffCookie, chunked: true },
    );
    assert.equal(chunked.status, 411);
    assert.ok(chunked.sentBeforeAnswer < MB);
  });

  it('staff still upload a photo; one over the photo limit gets the form back with 413; text over BODY_LIMIT_BYTES is refused', async () => {
    const ok = await stream(
      port,
      photoUrl,
      multipart([
        { name: '_csrf', value: staffCsrf },
        { name: 'photo', filename: 'sala.png', bytes: PNG.length + 200_000, head: PNG },
        { name: 'alt', value: 'Sala z oknem' },
      ]),
      { cookie: staffCookie },
    );
    assert.equal(ok.status, 303, ok.body.slice(0, 500));

    const tooBig = await stream(
      port,
      photoUrl,
      multipart([
        { name: '_csrf', value: staffCsrf },
        { name: 'photo', filename: 'duza.png', bytes: 6 * MB, head: PNG },
        { name: 'alt', value: 'Za duże' },
      ]),
      { cookie: staffCookie },
    );
    assert.equal(tooBig.status, 413);
    assert.match(tooBig.body, /href="#f-photo"/, 'the form, with the error on the file field');

    const limit = t.app.klaster.config.bodyLimit;
    const longText = await stream(
      port,
      photoUrl,
      multipart([
        { name: '_csrf', value: staffCsrf },
        { name: 'alt', value: 'a'.repeat(limit + 10) },
        { name: 'photo', filename: 'sala.png', bytes: PNG.length, head: PNG },
      ]),
      { cookie: staffCookie },
    );
    assert.equal(longText.status, 413);
    const [room] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select jsonb_array_length(photos)::int as n from space_resource where id = ${photoUrl.split('/')[3]}`,
    );
    assert.equal(room!.n, 1, 'only the good photo was stored');
  });
});
