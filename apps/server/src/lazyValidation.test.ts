import type Ajv from 'ajv';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyValidatorFactory } from './lazyValidation.ts';

let compiled: unknown[] = [];

/** An app with one validated route, counting the schemas Ajv compiles. */
async function appWithRoute() {
  const app = Fastify({
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array' },
      onCreate: (ajv: Ajv) => {
        const compile = ajv.compile.bind(ajv);
        ajv.compile = ((schema: unknown) => {
          compiled.push(schema);
          return compile(schema as object);
        }) as Ajv['compile'];
      },
    },
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory() } },
  });
  const body = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1 }, size: { type: 'integer' } },
    required: ['name', 'size'],
    additionalProperties: false,
  };
  const querystring = {
    type: 'object',
    properties: { page: { type: 'integer' } },
  };
  app.post('/things', { schema: { body, querystring } }, async (request) => ({
    body: request.body,
    query: request.query,
  }));
  await app.ready();
  return app;
}

afterEach(() => {
  compiled = [];
});

type App = Awaited<ReturnType<typeof appWithRoute>>;
const postThing = (app: App, url: string, payload: object) =>
  app.inject({ method: 'POST', url, payload });

describe('lazily compiled request validators', () => {
  it('compiles nothing at start and each schema of a route once, on its first request', async () => {
    const app = await appWithRoute();
    expect(compiled).toHaveLength(0);
    for (let i = 0; i < 3; i++) {
      const response = await postThing(app, '/things?page=2', { name: 'a', size: 1 });
      expect(response.statusCode).toBe(200);
    }
    // The body's schema and the query's, once each.
    expect(compiled).toHaveLength(2);
    await app.close();
  });

  it('refuses what the schema refuses, listing every problem', async () => {
    const app = await appWithRoute();
    const response = await postThing(app, '/things', { name: '' });
    expect(response.statusCode).toBe(400);
    const { message } = response.json() as { message: string };
    expect(message).toContain('must NOT have fewer than 1 characters');
    expect(message).toContain("must have required property 'size'");
    await app.close();
  });

  it('coerces values as the eager validators do', async () => {
    const app = await appWithRoute();
    const response = await postThing(app, '/things?page=3', { name: 'a', size: '7' });
    expect(response.json()).toEqual({ body: { name: 'a', size: 7 }, query: { page: 3 } });
    await app.close();
  });
});
