/* global URL */
// Module hooks for test/support/register-ts.js: a .ts file imported as a module is CommonJS (the
// require hook there compiles it).
export async function load(url, context, nextLoad) {
  if (new URL(url).pathname.endsWith('.ts')) return { format: 'commonjs', shortCircuit: true };
  return nextLoad(url, context);
}
