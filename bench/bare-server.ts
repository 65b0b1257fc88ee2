// The baseline for `npm run bench`: a plain Fastify instance with one route, in its own process
// like the app, so both are measured under the same conditions.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('Klaster bench'));
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(JSON.stringify({ ready: true, address }));
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
