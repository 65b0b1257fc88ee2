// The JSON an API answer is written as: in production by the serializer compiled from the route's
// schema, elsewhere checked against the schema and compared with what production would write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compiledSerializer, responseSerializerCompiler, SerializerMismatchError } from './serializer.ts';

const person = z.object({
  id: z.string(),
  name: z.string(),
  email: z.email().nullable(),
  role: z.enum(['resident', 'staff']),
  nickname: z.string().optional(),
  bookings: z.array(z.object({ start: z.iso.datetime(), seats: z.int() })),
  address: z.object({ street: z.string(), flat: z.string().nullable() }).nullable(),
});
const row = {
  id: 'a1',
  name: 'Zofia "Zosia" Nowak\n',
  email: null,
  role: 'resident',
  bookings: [{ start: '2026-12-24T09:00:00.000Z', seats: 2 }],
  address: null,
  // Read from the database but not in the schema: never sent.
  passwordHash: 'scrypt$secret',
};
const route = (schema: z.ZodType) =>
  ({ schema, method: 'GET', url: '/osoba', httpStatus: '200' }) as Parameters<
    ReturnType<typeof responseSerializerCompiler>
  >[0];

describe('the compiled serializer', () => {
  it('writes what the schema declares and nothing else, as the checked path does', () => {
    const production = responseSerializerCompiler(true)(route(person))(row);
    const checked = responseSerializerCompiler(false)(route(person))(row);
    assert.deepEqual(JSON.parse(production), JSON.parse(checked));
    assert.doesNotMatch(production, /passwordHash|secret/);
    assert.equal(JSON.parse(production).name, 'Zofia "Zosia" Nowak\n');
    assert.equal(compiledSerializer(z.array(person))([row, row]).match(/"id"/g)?.length, 2);
    // A nullable object or string is written whether it is there or null.
    const housed = { ...row, address: { street: 'Lipowa 3', flat: null } };
    assert.deepEqual(JSON.parse(compiledSerializer(person)(housed)).address, {
      street: 'Lipowa 3',
      flat: null,
    });
    assert.equal(
      responseSerializerCompiler(false)(route(person))(housed),
      responseSerializerCompiler(true)(route(person))(housed),
    );
  });

  it('outside production an answer the schema refuses is not sent', () => {
    const bad = { ...row, role: 'superuser' };
    assert.throws(() => responseSerializerCompiler(false)(route(person))(bad), /doesn't match the schema/);
  });

  it('outside production a route whose compiled JSON differs from the checked one fails loudly', () => {
    // zod's encode trims and upper-cases; a JSON Schema cannot say so, so the compiled one does not.
    const changing = z.object({ code: z.string().trim().toUpperCase() });
    assert.throws(
      () => responseSerializerCompiler(false)(route(changing))({ code: ' ab1 ' }),
      SerializerMismatchError,
    );
    // Production writes what it was given, unchecked: the tests above are where it is checked.
    assert.equal(responseSerializerCompiler(true)(route(changing))({ code: ' ab1 ' }), '{"code":" ab1 "}');
  });
});

describe('in a Fastify app', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(responseSerializerCompiler(true));
    app.get('/osoba', { schema: { response: { 200: person } } }, async () => row);
    await app.ready();
  });
  after(() => app.close());

  it('answers with the compiled JSON', async () => {
    const res = await app.inject('/osoba');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.deepEqual(res.json(), {
      id: 'a1',
      name: 'Zofia "Zosia" Nowak\n',
      email: null,
      role: 'resident',
      bookings: [{ start: '2026-12-24T09:00:00.000Z', seats: 2 }],
      address: null,
    });
  });
});
