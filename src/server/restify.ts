/**
 * restify, loaded without the one deprecation warning it cannot avoid. restify's server module requires spdy as it
 * loads (for HTTP/2 servers, which this app never creates), and spdy's http-deceiver reads
 * `process.binding('http_parser')` at load time, which Node reports as DEP0111 on every start of the server and the
 * CLI. No restify option skips that require, so the warning is dropped here: only while restify loads, and only that
 * code with that message. Any other warning, and a DEP0111 from anything loaded later, still reaches stderr.
 */
import type * as Restify from 'restify';

/** The deprecation http-deceiver triggers, as Node words it. */
const HTTP_PARSER_BINDING = "process.binding('http_parser')";

function loadRestify(): typeof Restify {
  const emitWarning = process.emitWarning;
  const filtered = (warning: string | Error, ...rest: unknown[]): void => {
    if (isHttpParserDeprecation(warning, rest)) return;
    Reflect.apply(emitWarning, process, [warning, ...rest]);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    // A require, not an import: the load must happen between the patch above and the restore below.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('restify') as typeof Restify;
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** `emitWarning(message, type, code)` or `emitWarning(message, { type, code })`, as Node's own callers use it. */
function isHttpParserDeprecation(warning: string | Error, rest: readonly unknown[]): boolean {
  const [second, third] = rest;
  const code =
    typeof second === 'object' && second !== null && 'code' in second
      ? (second as { code?: unknown }).code
      : warning instanceof Error
        ? (warning as NodeJS.ErrnoException).code
        : third;
  const message = warning instanceof Error ? warning.message : warning;
  return code === 'DEP0111' && message.includes(HTTP_PARSER_BINDING);
}

const restify = loadRestify();

/** restify's `createServer`, loaded without its DEP0111 warning (see the top of this file). */
export const createServer = restify.createServer;
/** restify's bundled plugins (body parser and the rest). */
export const plugins = restify.plugins;
export type { Request, Response, Server } from 'restify';
