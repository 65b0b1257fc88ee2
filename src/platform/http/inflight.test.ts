import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { trackInflight } from './inflight.ts';

describe('shutdown waits for running handlers', () => {
  it('also for a request whose client has already gone away', async () => {
    const app = Fastify();
    const inflight = trackInflight(app);
    let finished = false;
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => {
      started = r;
    });
    app.get('/slow', async () => {
      started();
      await new Promise((r) => setTimeout(r, 400));
      finished = true;
      return 'done';
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const req = http.get({ host: '127.0.0.1', port, path: '/slow' });
    req.on('error', () => {});
    await handlerStarted;
    req.destroy(); // the client leaves
    await app.close(); // the server no longer waits for that connection
    assert.equal(finished, false, 'the handler is still running after close()');
    assert.equal(await inflight.idle(5000), true);
    assert.equal(finished, true, 'idle() resolved only after the handler finished');
  });

  it('gives up after the timeout', async () => {
    const app = Fastify();
    const inflight = trackInflight(app);
    app.get('/hang', () => new Promise(() => {}));
    await app.ready();
    void app.inject({ method: 'GET', url: '/hang' });
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await inflight.idle(50), false);
  });
});
