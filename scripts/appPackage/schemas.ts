/**
 * Offline JSON-schema validation of the manifest and its localization files.
 *
 * The schemas are Microsoft's own, as shipped in the npm package `@microsoft/app-manifest` (the M365 Agents
 * Toolkit's manifest library, MIT licence) under `build/json-schemas/teams/v<version>/`: the same files that are
 * published at https://developer.microsoft.com/json-schemas/teams/. A document's `$schema` address picks the local
 * file, so moving the manifest to a newer schema is a change of `$schema` and `manifestVersion` only, as long as the
 * installed package ships that version. Nothing is downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** `https://developer.microsoft.com[/en-us]/json-schemas/teams/v1.22/MicrosoftTeams[.Localization].schema.json` */
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v\d+\.\d+|vDevPreview)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/;

/** The kind of document a schema describes: the manifest itself, or one language's strings. */
export type SchemaKind = 'manifest' | 'localization';

const validators = new Map<string, ValidateFunction>();

/**
 * The local copy of the schema at `url`, or a problem line saying why there is none.
 *
 * @param fileName The document's name, for the problem line.
 * @param expected Which kind of schema the document must name: a manifest must not name the localization schema.
 */
export function localSchemaFor(
  fileName: string,
  url: unknown,
  expected: SchemaKind,
): { path: string } | { problem: string } {
  const match = typeof url === 'string' ? SCHEMA_URL.exec(url) : null;
  const wanted =
    expected === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  if (!match || match[2] !== wanted) {
    return {
      problem:
        `${fileName}: $schema ska vara https://developer.microsoft.com/json-schemas/teams/v<version>/${wanted}` +
        ` (nu ${JSON.stringify(url)}).`,
    };
  }
  const path = join(schemaRoot(), match[1], match[2]);
  if (!existsSync(path)) {
    return {
      problem: `${fileName}: schemat ${match[1]} finns inte i @microsoft/app-manifest ${packageVersion()}; uppdatera paketet.`,
    };
  }
  return { path };
}

/**
 * Validates `document` against the schema file at `schemaPath` and returns one problem line per violation (none when
 * valid), each naming the file and the JSON pointer of the offending value.
 */
export function validateAgainstSchema(fileName: string, schemaPath: string, document: unknown): string[] {
  const validate = compiled(schemaPath);
  if (validate(document)) return [];
  const version = /[/\\](v[^/\\]+)[/\\][^/\\]+$/.exec(schemaPath)?.[1] ?? '';
  const lines = (validate.errors ?? []).map(
    (error) =>
      `${fileName}: följer inte schemat ${version}: ${error.instancePath || '/'}: ${describe(error)}`,
  );
  return [...new Set(lines)];
}

function compiled(schemaPath: string): ValidateFunction {
  let validate = validators.get(schemaPath);
  if (!validate) {
    // One Ajv per schema: the manifest and localization schemas may share ids, which one instance would refuse.
    // strict is off because Microsoft's schemas are not written for Ajv's strict mode (e.g. `required` names that
    // are not in `properties`); unicodeRegExp is off because a pattern in the localization schema is not valid
    // with the `u` flag. Neither loosens what a document must satisfy.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
    validate = ajv.compile(schema as object);
    validators.set(schemaPath, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'additionalProperties')
    return `okänd egenskap "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${error.message ?? 'fel värde'} (${params.allowedValues.join(', ')})`;
  }
  if (error.keyword === 'const')
    return `${error.message ?? 'fel värde'} (${JSON.stringify(params.allowedValue)})`;
  return error.message ?? error.keyword;
}

function schemaRoot(): string {
  return join(
    dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
  );
}

function packageVersion(): string {
  const manifest: unknown = JSON.parse(
    readFileSync(require.resolve('@microsoft/app-manifest/package.json'), 'utf8'),
  );
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest
    ? String(manifest.version)
    : '?';
}
