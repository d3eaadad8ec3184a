/**
 * Request validators that Ajv compiles on a route's first request instead of at start.
 *
 * Fastify compiles every route's schemas (params, query, body) when the app becomes ready.
 * For Plenary's some 60 routes that compilation allocates about 20 MB at start, and what
 * survives of it is what made V8 grow its young generation to its largest size before the
 * server had served anyone: about 10 MB of idle RSS that stays until V8's memory reducer
 * runs, tens of seconds later. Compiled on first use, a route costs a few milliseconds
 * once, on its first request, and the routes nobody calls are never compiled.
 */
import AjvCompiler, { type ValidatorFactory } from '@fastify/ajv-compiler';

/** What Fastify calls with a route's schema for one part of the request. */
type RouteValidator = ReturnType<ReturnType<ValidatorFactory>>;

/**
 * Fastify's own validator factory (@fastify/ajv-compiler, with the server's Ajv options),
 * whose validators compile on their first call. Errors and Ajv's `schemaEnv` (which tells
 * Fastify to pass the request as the root value's parent) are those of the compiled one.
 */
export function lazyValidatorFactory(): ValidatorFactory {
  const eager = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = eager(externalSchemas, options);
    return (route) => lazyValidator(() => compile(route));
  };
}

function lazyValidator(compile: () => RouteValidator): RouteValidator {
  let compiled: RouteValidator | null = null;
  const validator = () => {
    compiled ??= compile();
    return compiled;
  };
  const validate = ((data: unknown, context?: unknown) => {
    const target = validator();
    const result = (target as (data: unknown, context?: unknown) => unknown)(data, context);
    validate.errors = target.errors;
    return result;
  }) as RouteValidator;
  // Read by Fastify before each call; reading it is what compiles the route's schema.
  Object.defineProperty(validate, 'schemaEnv', { get: () => validator().schemaEnv });
  return validate;
}
