// Module hooks for importLog.mjs: they run on the loader's thread and post each resolved
// URL back to the main thread, which writes it down.
let port;

export function initialize(data) {
  port = data.port;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}
