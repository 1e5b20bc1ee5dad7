/**
 * Builds the Teams app package for one environment: fills the manifest's `${{NAME}}` placeholders from
 * `env/.env.<environment>`, validates everything offline (JSON schemas, localization, icons) and writes the flat zip
 * `appPackage.<environment>.zip`. Nothing is written unless every check passes; every problem found is reported at
 * once, one line each.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvironment } from './environment';
import { AppPackageError, displayPath } from './errors';
import { checkIcon, ICON_SIZES, type IconKind } from './iconChecks';
import { checkTranslations, languageFiles } from './localization';
import { fillPlaceholders, isObject } from './placeholders';
import { localSchemaFor, validateAgainstSchema } from './schemas';
import { writeZip, type ZipEntry } from './zipFile';

/** The manifest's file name inside the app package folder and the zip. */
export const MANIFEST_FILE = 'manifest.json';

/** Where to read from and write to. */
export interface BuildOptions {
  /** The environment's name: reads `<envDir>/.env.<environment>` and writes `appPackage.<environment>.zip`. */
  readonly environment: string;
  /** The folder with `manifest.json`, the icons and the language files (the project's `appPackage/`). */
  readonly appPackageDir: string;
  /** The folder with the `.env.<environment>` files (the project's `env/`). */
  readonly envDir: string;
  /** Where the zip goes (the project's `appPackage/build/`); created if missing. */
  readonly outDir: string;
  /** Variables that win over the env files, as in the Toolkit. Default: `process.env`. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

/** A package that was written. */
export interface BuiltAppPackage {
  readonly zipPath: string;
  /** The file names in the zip, in order. */
  readonly files: readonly string[];
}

/**
 * Builds and writes the app package.
 *
 * @throws {AppPackageError} listing every problem, one line each; then nothing has been written.
 */
export async function buildAppPackage(options: BuildOptions): Promise<BuiltAppPackage> {
  const { appPackageDir, environment } = options;
  const env = readEnvironment(options.envDir, environment, options.processEnv ?? process.env);

  // 1. Read the manifest and the language files it names, as they are in the repository.
  const rawManifest = readJsonObject(appPackageDir, MANIFEST_FILE);
  const languages = languageFiles(rawManifest);
  const problems = [...languages.problems];
  const rawLanguages = new Map<string, Record<string, unknown>>();
  for (const { file } of languages.files) {
    const fileProblem = plainFileProblem(appPackageDir, file);
    if (fileProblem) problems.push(fileProblem);
    else rawLanguages.set(file, readJsonObject(appPackageDir, file));
  }
  fail(problems);

  // 2. Fill the placeholders. An unfilled one would only show up later as a confusing schema error (an id that is
  //    not a GUID), so a missing value stops the build here, naming the variable and the file to set it in.
  const usedBy = new Map<string, string[]>();
  const fill = (fileName: string, document: Record<string, unknown>): Record<string, unknown> => {
    const filled = fillPlaceholders(document, env.values);
    for (const name of filled.missing) usedBy.set(name, [...(usedBy.get(name) ?? []), fileName]);
    for (const text of filled.malformed) {
      problems.push(
        `${fileName}: ${JSON.stringify(text)} innehåller en felskriven platshållare; skriv \${{NAMN}}.`,
      );
    }
    return filled.document as Record<string, unknown>;
  };
  const manifest = fill(MANIFEST_FILE, rawManifest);
  const strings = new Map([...rawLanguages].map(([file, document]) => [file, fill(file, document)]));
  for (const [name, files] of usedBy) {
    problems.push(
      `${name}: saknar värde; sätt det i ${displayPath(env.file)} (används i ${files.join(', ')}).`,
    );
  }
  fail(problems);

  // 3. The schemas. Later checks rely on the shape they guarantee, so any violation stops the build here.
  problems.push(...schemaProblems(MANIFEST_FILE, manifest, 'manifest'));
  for (const [file, document] of strings) problems.push(...schemaProblems(file, document, 'localization'));
  fail(problems);

  // 4. Translations and icons.
  for (const [file, document] of strings) problems.push(...checkTranslations(file, document, manifest));
  const icons = iconFiles(manifest);
  const iconData = new Map<string, Buffer>();
  for (const [kind, file] of icons) {
    const fileProblem = plainFileProblem(appPackageDir, file);
    if (fileProblem) {
      problems.push(fileProblem);
      continue;
    }
    const data = readFileSync(join(appPackageDir, file));
    problems.push(...checkIcon(file, kind, data));
    iconData.set(file, data);
  }
  fail(problems);

  // 5. Write the zip: the manifest first, then the icons, then the language files, all at the top level.
  const entries: ZipEntry[] = [
    { name: MANIFEST_FILE, data: jsonBytes(manifest) },
    ...[...iconData].map(([name, data]) => ({ name, data })),
    ...[...strings].map(([name, document]) => ({ name, data: jsonBytes(document) })),
  ];
  const names = entries.map((entry) => entry.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) fail([`${MANIFEST_FILE}: filen ${duplicate} används till två saker; ge dem olika namn.`]);
  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, `appPackage.${environment}.zip`);
  await writeZip(zipPath, entries);
  return { zipPath, files: names };
}

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw new AppPackageError(problems);
}

function schemaProblems(
  fileName: string,
  document: Record<string, unknown>,
  kind: 'manifest' | 'localization',
): string[] {
  const schema = localSchemaFor(fileName, document.$schema, kind);
  return 'problem' in schema ? [schema.problem] : validateAgainstSchema(fileName, schema.path, document);
}

/** The icon files the manifest names, by kind. The schema has made sure `icons.color` and `icons.outline` exist. */
function iconFiles(manifest: Record<string, unknown>): [IconKind, string][] {
  const icons = isObject(manifest.icons) ? manifest.icons : {};
  const kinds = Object.keys(ICON_SIZES) as IconKind[];
  return kinds.filter((kind) => typeof icons[kind] === 'string').map((kind) => [kind, String(icons[kind])]);
}

/** A problem line unless `file` is a plain file name that exists in the app package folder. */
function plainFileProblem(dir: string, file: string): string | undefined {
  if (file === '' || /[/\\]/.test(file) || file === '.' || file === '..') {
    return `${MANIFEST_FILE}: "${file}" ska vara ett filnamn utan mappar; Teams läser appaketet platt.`;
  }
  if (!existsSync(join(dir, file))) return `${file}: filen finns inte i ${displayPath(dir)}.`;
  return undefined;
}

function readJsonObject(dir: string, file: string): Record<string, unknown> {
  const path = join(dir, file);
  if (!existsSync(path)) throw new AppPackageError([`${file}: filen finns inte i ${displayPath(dir)}.`]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppPackageError([`${file}: är inte giltig JSON (${reason}).`], { cause: error });
  }
  if (!isObject(parsed)) throw new AppPackageError([`${file}: ska innehålla ett JSON-objekt.`]);
  return parsed;
}

function jsonBytes(document: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf8');
}
