// The JSON of API answers. In production each route's answer is written by a serializer compiled
// once from its response schema (fast-json-stringify over the schema's JSON Schema), and is not
// checked against the schema again on every request. Outside production every answer is checked
// (zod's encode, as fastify-type-provider-zod does) and the compiled serializer must write the same
// JSON for it: a route whose compiled output differs fails, so every API test also tests what
// production sends.
import { isDeepStrictEqual } from 'node:util';
import build from 'fast-json-stringify';
import { serializerCompiler as checkingCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Route = Parameters<typeof checkingCompiler>[0];
type Serialize = (data: unknown) => string;

/** A route's response schema as fastify-type-provider-zod accepts it: a zod type or `{ properties }`. */
function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error('a response schema must be a zod type');
}

/** The compiled serializer of one response schema. */
export function compiledSerializer(schema: unknown): Serialize {
  const json = z.toJSONSchema(zodSchemaOf(schema), {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
    cycles: 'ref',
  });
  return build(nullableAsType(json) as build.AnySchema) as Serialize;
}

type JsonSchema = Record<string, unknown>;
const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * zod writes `x.nullable()` as `anyOf: [x, { type: 'null' }]`, which fast-json-stringify can only
 * write by validating each value against the branches; `type: [x's type, 'null']` says the same
 * and is written directly.
 */
function nullableAsType(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsType);
  if (!isObject(schema)) return schema;
  const out: JsonSchema = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, nullableAsType(v)]));
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nulls = branches.findIndex((b) => isObject(b) && b.type === 'null' && Object.keys(b).length === 1);
    const other = branches[1 - nulls];
    if (nulls >= 0 && isObject(other) && typeof other.type === 'string' && !('anyOf' in other)) {
      const { anyOf: _, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

export class SerializerMismatchError extends Error {
  constructor(method: string, url: string, checked: string, compiled: string) {
    super(
      `the compiled serializer of ${method} ${url} writes other JSON than the schema allows:\n` +
        `checked:  ${checked.slice(0, 500)}\ncompiled: ${compiled.slice(0, 500)}`,
    );
    this.name = 'SerializerMismatchError';
  }
}

/** The serializer compiler of the app: compiled only in production, checked and compared elsewhere. */
export function responseSerializerCompiler(production: boolean) {
  return (route: Route): Serialize => {
    const compiled = compiledSerializer(route.schema);
    if (production) return compiled;
    const checked = checkingCompiler(route) as Serialize;
    return (data) => {
      const json = checked(data);
      const fast = compiled(data);
      if (!isDeepStrictEqual(JSON.parse(fast), JSON.parse(json)))
        throw new SerializerMismatchError(route.method, route.url, json, fast);
      return json;
    };
  };
}
