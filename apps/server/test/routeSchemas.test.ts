import { afterAll, expect, it, vi } from 'vitest';
import { startTestServer } from './support/testServer.ts';

// The server compiles a route's schemas on its first request (src/lazyValidation.ts), so a
// schema Ajv cannot compile would fail only there, as a 500. This compiles all of them.
const validators = vi.hoisted(() => [] as ((data: unknown) => unknown)[]);
vi.mock('../src/lazyValidation.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/lazyValidation.ts')>();
  return {
    lazyValidatorFactory: (): ReturnType<typeof original.lazyValidatorFactory> => {
      const lazy = original.lazyValidatorFactory();
      return (externalSchemas, options) => {
        const compile = lazy(externalSchemas, options);
        return (route) => {
          const validator = compile(route);
          validators.push(validator);
          return validator;
        };
      };
    },
  };
});

const server = await startTestServer();
afterAll(() => server.close());

it("compiles every route's request schemas", () => {
  // Params, query and body schemas of the API's routes.
  expect(validators.length).toBeGreaterThan(40);
  for (const validator of validators) {
    // Its first call compiles the schema (and throws if Ajv cannot), then judges the value:
    // a compiled validator answers true or false.
    expect(typeof validator(undefined)).toBe('boolean');
  }
});
