// Counts requests whose handler has not finished, so shutdown can wait for them before closing the
// database: the HTTP server's close only waits for open connections, and a request whose client
// has gone away is still running on the server.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export function trackInflight(app: FastifyInstance): { idle(timeoutMs: number): Promise<boolean> } {
  const running = new Set<FastifyRequest>();
  let waiters: Array<() => void> = [];
  const done = (request: FastifyRequest) => {
    if (running.delete(request) && running.size === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  app.addHook('onRequest', async (request) => {
    running.add(request);
  });
  // The handler (or the error handler) has produced its answer: its database work is over.
  app.addHook('onSend', async (request) => done(request));
  app.addHook('onResponse', async (request) => done(request));
  return {
    /** Resolves true when no handler is running, or false after the timeout. */
    idle(timeoutMs) {
      if (running.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
