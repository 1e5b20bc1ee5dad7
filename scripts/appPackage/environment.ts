/**
 * The values that fill the manifest's `${{NAME}}` placeholders, read the way the M365 Agents Toolkit reads them:
 * `env/.env.<environment>`, then `env/.env.<environment>.user` (where the Toolkit keeps `SECRET_` values, never
 * committed), then variables already set in the process environment, which win so that a CI pipeline can pass
 * values without writing files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { AppPackageError, displayPath } from './errors';

/** Environment names become file names: letters, digits, `-` and `_` only, so `--env ../x` cannot leave env/. */
const ENVIRONMENT_NAME = /^[A-Z0-9][\w-]*$/i;

/** Where each placeholder value came from, for error messages that tell the user which file to edit. */
export interface EnvironmentValues {
  /** Non-blank values by variable name. A blank value (`BOT_ID=`) counts as unset, as in the Toolkit. */
  readonly values: ReadonlyMap<string, string>;
  /** The file the user should fill in: `env/.env.<environment>`. */
  readonly file: string;
}

/**
 * Reads the values for one environment.
 *
 * @param envDir The folder with the `.env.<environment>` files (the project's `env/`).
 * @param environment The environment's name, e.g. `dev`.
 * @param processEnv Variables that win over the files (normally `process.env`).
 * @throws {AppPackageError} when the name is not a plain name or `.env.<environment>` does not exist.
 */
export function readEnvironment(
  envDir: string,
  environment: string,
  processEnv: NodeJS.ProcessEnv,
): EnvironmentValues {
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new AppPackageError([
      `--env ${environment}: ska vara ett miljönamn som dev eller local (bokstäver, siffror, - och _).`,
    ]);
  }
  const file = join(envDir, `.env.${environment}`);
  if (!existsSync(file)) {
    throw new AppPackageError([
      `${displayPath(file)}: filen finns inte; skapa den eller välj en annan miljö med --env.`,
    ]);
  }
  const values = new Map<string, string>();
  for (const path of [file, `${file}.user`]) {
    if (!existsSync(path)) continue;
    for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
      if (value?.trim()) values.set(name, value.trim());
    }
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value?.trim()) values.set(name, value.trim());
  }
  return { values, file };
}
