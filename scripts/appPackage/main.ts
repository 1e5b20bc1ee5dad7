/**
 * `npm run package [-- --env <environment>]`: builds `appPackage/build/appPackage.<environment>.zip` for uploading
 * to Teams (admin center or Developer Portal). Exit status 0 with the zip's path, or 1 with one line per problem.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './buildAppPackage';
import { AppPackageError } from './errors';

/** The project's root folder, so that the command works from any working directory. */
const ROOT = resolve(__dirname, '../..');

const USAGE = `Användning: npm run package -- [--env <miljö>] [--app-package <mapp>] [--env-dir <mapp>] [--out <mapp>]

Bygger Teams-appaketet appPackage.<miljö>.zip och kontrollerar det utan nätverk.
  --env <miljö>          läser platshållarnas värden ur env/.env.<miljö> (standard: dev);
                         variabler som redan finns i miljön går före filen
  --app-package <mapp>   manifest.json, ikoner och språkfiler (standard: appPackage)
  --env-dir <mapp>       mappen med .env-filerna (standard: env)
  --out <mapp>           vart zip-filen skrivs (standard: appPackage/build)`;

/** Where the command prints: one call per line. */
export interface PackageCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * Runs the command with `argv` (the arguments after the script name) and returns the exit status.
 *
 * @param processEnv Variables that win over the env files. Default: `process.env`.
 */
export async function runPackageCli(
  argv: readonly string[],
  io: PackageCliIo,
  processEnv: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let values: { env: string; 'app-package': string; 'env-dir': string; out?: string; help: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        env: { type: 'string', short: 'e', default: 'dev' },
        'app-package': { type: 'string', default: resolve(ROOT, 'appPackage') },
        'env-dir': { type: 'string', default: resolve(ROOT, 'env') },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(
      `${error instanceof Error ? error.message : String(error)} (npm run package -- --help visar flaggorna)`,
    );
    return 1;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const appPackageDir = resolve(values['app-package']);
  try {
    const built = await buildAppPackage({
      environment: values.env,
      appPackageDir,
      envDir: resolve(values['env-dir']),
      outDir: resolve(values.out ?? resolve(appPackageDir, 'build')),
      processEnv,
    });
    io.out(`Skrev ${built.zipPath} (${built.files.join(', ')})`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppPackageError)) throw error;
    for (const problem of error.problems) io.err(problem);
    return 1;
  }
}

if (require.main === module) {
  runPackageCli(process.argv.slice(2), { out: console.log, err: console.error }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Not a problem with the package but a bug or an I/O failure: keep the stack for whoever looks into it.
      console.error('Appaketet kunde inte byggas:', error);
      process.exitCode = 1;
    },
  );
}
