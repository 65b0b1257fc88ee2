// The security headers are helmet's own, computed once: the same names and values helmet's
// middleware sets on a real Node response, and on every kind of answer of the app.
import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { helmetHeaders, securityHeaders } from './security-headers.ts';

const options: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"], upgradeInsecureRequests: [] },
  },
  hsts: { maxAge: 31536000, includeSubDomains: true },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
};

function asHelmetSetsThem(o: HelmetOptions): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  response.setHeader('X-Powered-By', 'Express');
  helmet(o)(request, response, (err?: unknown) => assert.ifError(err));
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([k, v]) => [k, String(v)]));
}

describe('security headers', () => {
  it('are the headers helmet sets on a real response, X-Powered-By removed', () => {
    const ours = helmetHeaders(options);
    assert.deepEqual(ours, asHelmetSetsThem(options));
    assert.equal(
      ours['content-security-policy'],
      "default-src 'self';object-src 'none';upgrade-insecure-requests",
    );
    assert.match(ours['strict-transport-security'] ?? '', /max-age=31536000; includeSubDomains/);
    assert.equal(ours['x-powered-by'], undefined);
    assert.equal(helmetHeaders({ ...options, hsts: false })['strict-transport-security'], undefined);
  });

  it('are set on pages, on 404s and on errors', async () => {
    const app = Fastify();
    securityHeaders(app, helmetHeaders(options));
    app.get('/ok', async () => 'ok');
    app.get('/fails', async () => {
      throw new Error('boom');
    });
    for (const url of ['/ok', '/missing', '/fails']) {
      const res = await app.inject(url);
      assert.equal(
        res.headers['content-security-policy'],
        "default-src 'self';object-src 'none';upgrade-insecure-requests",
        url,
      );
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    }
    await app.close();
  });
});
