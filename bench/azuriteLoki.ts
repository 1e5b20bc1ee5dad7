/*
 * Azurite's own copy of LokiJS, whichever node_modules it was installed in, for the preloads that patch it
 * (azuriteKeyLookup.ts, azuriteSaveAtExit.ts). Loaded by path (LokiJS has no types) and synchronously, since a patch
 * must be in place before Azurite's main module runs.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The LokiJS module Azurite uses; the caller states the shape it relies on. */
export function azuriteLoki(): unknown {
  const load = createRequire(__filename);
  return load(load.resolve('lokijs', { paths: [dirname(load.resolve('azurite/package.json'))] }));
}
