import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { openPromise } from 'yauzl';
import { AppPackageError, buildAppPackage, drawColorIcon, drawOutlineIcon } from '../../scripts/appPackage';

const ROOT = resolve(__dirname, '../..');
const SOURCE_FILES = ['manifest.json', 'en.json', 'color.png', 'outline.png'];

/** Values for every placeholder in appPackage/manifest.json. */
const GOOD_VALUES = {
  TEAMS_APP_ID: '0b6f3c1e-2a4d-4e8f-9a1b-3c5d7e9f1a2b',
  BOT_ID: '7d2e4f6a-8b0c-4d1e-a3f5-b7c9d1e3f5a7',
  BOT_DOMAIN: 'revuppftest-abc123.azurewebsites.net',
  AAD_APP_CLIENT_ID: '6a1f0c2e-1b2c-4d3e-8f90-a1b2c3d4e5f6',
  PUBLISHER_NAME: 'Exempelkommunen',
  PUBLISHER_WEBSITE_URL: 'https://www.exempelkommunen.se',
  PUBLISHER_PRIVACY_URL: 'https://www.exempelkommunen.se/personuppgifter',
  PUBLISHER_TERMS_URL: 'https://www.exempelkommunen.se/villkor',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/appPackage/main.ts` the way `npm run package` does (without npm in between). Placeholder variables are
 * removed from the child's environment, since they would win over the env file under test.
 */
async function runPackage(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(GOOD_VALUES)) delete env[name];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/appPackage/main.ts', ...args],
      { cwd: ROOT, env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Every file in a zip, by name. */
async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(path, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      files.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
    }
  } finally {
    zip.close();
  }
  return files;
}

function envFile(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('');
}

describe('npm run package: the Teams app package', () => {
  let work: string;
  let appDir: string;
  let envDir: string;
  let outDir: string;
  let zipPath: string;
  /** The arguments that point the command at the copies in `work` and the environment "test". */
  let args: string[];

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'app-package-'));
    appDir = join(work, 'appPackage');
    envDir = join(work, 'env');
    outDir = join(work, 'out');
    zipPath = join(outDir, 'appPackage.test.zip');
    mkdirSync(appDir);
    mkdirSync(envDir);
    for (const file of SOURCE_FILES) copyFileSync(join(ROOT, 'appPackage', file), join(appDir, file));
    writeFileSync(join(envDir, '.env.test'), envFile(GOOD_VALUES));
    args = ['--env', 'test', '--app-package', appDir, '--env-dir', envDir, '--out', outDir];
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('writes a flat zip with exactly the manifest, both icons and the English strings, placeholders filled', async () => {
    const run = await runPackage(args);

    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /appPackage\.test\.zip/);
    const files = await readZip(zipPath);
    assert.deepEqual([...files.keys()].sort(), ['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifestText = files.get('manifest.json')?.toString('utf8') ?? '';
    assert.doesNotMatch(manifestText, /\$\{\{/);
    assert.doesNotMatch(files.get('en.json')?.toString('utf8') ?? '', /\$\{\{/);
    const manifest = JSON.parse(manifestText) as {
      id: string;
      developer: { name: string; privacyUrl: string };
      bots: { botId: string }[];
      validDomains: string[];
      webApplicationInfo: { id: string; resource: string };
      staticTabs: { contentUrl?: string }[];
      configurableTabs: { configurationUrl: string }[];
    };
    assert.equal(manifest.id, GOOD_VALUES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, GOOD_VALUES.BOT_ID);
    assert.deepEqual(manifest.validDomains, [GOOD_VALUES.BOT_DOMAIN]);
    assert.deepEqual(manifest.webApplicationInfo, {
      id: GOOD_VALUES.AAD_APP_CLIENT_ID,
      resource: `api://${GOOD_VALUES.BOT_DOMAIN}/${GOOD_VALUES.AAD_APP_CLIENT_ID}`,
    });
    assert.equal(manifest.staticTabs[1].contentUrl, `https://${GOOD_VALUES.BOT_DOMAIN}/tab/`);
    assert.equal(
      manifest.configurableTabs[0].configurationUrl,
      `https://${GOOD_VALUES.BOT_DOMAIN}/tab/config.html`,
    );
    assert.equal(manifest.developer.name, GOOD_VALUES.PUBLISHER_NAME);
    assert.equal(manifest.developer.privacyUrl, GOOD_VALUES.PUBLISHER_PRIVACY_URL);
    assert.deepEqual(files.get('color.png'), readFileSync(join(appDir, 'color.png')));
    assert.deepEqual(files.get('outline.png'), readFileSync(join(appDir, 'outline.png')));
  });

  it('fails with exit status 1 naming a variable that has no value, and writes no zip', async () => {
    writeFileSync(join(envDir, '.env.test'), envFile({ ...GOOD_VALUES, BOT_ID: '' }));

    const run = await runPackage(args);

    assert.equal(run.code, 1);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 1, run.stderr);
    assert.match(lines[0], /^BOT_ID: saknar värde; sätt det i .*\.env\.test \(används i manifest\.json\)\.$/);
    assert.equal(existsSync(zipPath), false);
  });

  it('fails with a schema error on a manifest that breaks the v1.22 schema', async () => {
    const manifestPath = join(appDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bots: { scopes: string[] }[] };
    manifest.bots[0].scopes = ['personal', 'everywhere'];
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const run = await runPackage(args);

    assert.equal(run.code, 1);
    assert.match(run.stderr, /^manifest\.json: följer inte schemat v1\.22: \/bots\/0\/scopes\/1: .+$/m);
    assert.equal(existsSync(zipPath), false);
  });

  it('fails on an outline icon that is not white on a transparent background', async () => {
    const opaque = new PNG({ width: 32, height: 32 });
    for (let i = 0; i < opaque.data.length; i += 4) opaque.data.set([31, 91, 166, 255], i);
    writeFileSync(join(appDir, 'outline.png'), PNG.sync.write(opaque));

    const run = await runPackage(args);

    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^outline\.png: 1024 pixlar är varken genomskinliga eller vita \(första vid x=0, y=0: rgba\(31, 91, 166, 255\)\)/m,
    );
    assert.equal(existsSync(zipPath), false);
  });

  describe('in process', () => {
    const build = (processEnv: NodeJS.ProcessEnv = {}) =>
      buildAppPackage({ environment: 'test', appPackageDir: appDir, envDir, outDir, processEnv });

    async function problemsOf(promise: Promise<unknown>): Promise<readonly string[]> {
      const error = await promise.then(
        () => assert.fail('expected the build to fail'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof AppPackageError, String(error));
      return error.problems;
    }

    it('lets a variable of the process environment win over the env file, as the Toolkit does', async () => {
      const built = await build({ BOT_ID: '99999999-8888-4777-a666-555555555555' });

      const manifest = JSON.parse(
        (await readZip(built.zipPath)).get('manifest.json')?.toString('utf8') ?? '{}',
      );
      assert.equal(manifest.bots[0].botId, '99999999-8888-4777-a666-555555555555');
    });

    it('names every missing variable, one line each', async () => {
      writeFileSync(join(envDir, '.env.test'), envFile({ BOT_DOMAIN: 'x.example.com' }));

      const problems = await problemsOf(build());

      assert.deepEqual(
        problems.map((line) => line.split(':')[0]).sort(),
        Object.keys(GOOD_VALUES)
          .filter((name) => name !== 'BOT_DOMAIN')
          .sort(),
      );
    });

    it('refuses an environment file that does not exist, and an environment name that is a path', async () => {
      const missing = await problemsOf(
        buildAppPackage({ environment: 'prod', appPackageDir: appDir, envDir, outDir, processEnv: {} }),
      );
      assert.match(missing[0], /\.env\.prod: filen finns inte/);
      const path = await problemsOf(
        buildAppPackage({ environment: '../test', appPackageDir: appDir, envDir, outDir, processEnv: {} }),
      );
      assert.match(path[0], /^--env \.\.\/test: /);
    });

    it('refuses a colour icon of the wrong size', async () => {
      writeFileSync(join(appDir, 'color.png'), PNG.sync.write(new PNG({ width: 96, height: 96 })));

      const problems = await problemsOf(build());

      assert.deepEqual(problems, ['color.png: ska vara 192x192 pixlar men är 96x96.']);
    });

    it('refuses a translation for a command the manifest does not have, and a missing translation', async () => {
      const stringsPath = join(appDir, 'en.json');
      const strings = JSON.parse(readFileSync(stringsPath, 'utf8')) as Record<string, string>;
      delete strings['bots[0].commandLists[0].commands[0].description'];
      writeFileSync(stringsPath, JSON.stringify(strings));
      // The personal menu is full (ten commands): one fewer in the manifest leaves its translation a ghost.
      const manifestPath = join(appDir, 'manifest.json');
      const shorter = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        bots: { commandLists: { commands: unknown[] }[] }[];
      };
      shorter.bots[0]?.commandLists[0]?.commands.splice(9, 1);
      writeFileSync(manifestPath, JSON.stringify(shorter));

      const problems = await problemsOf(build());

      assert.deepEqual(problems, [
        'en.json: bots[0].commandLists[0].commands[9].title finns inte i manifest.json; ta bort nyckeln eller rätta sökvägen.',
        'en.json: bots[0].commandLists[0].commands[9].description finns inte i manifest.json; ta bort nyckeln eller rätta sökvägen.',
        'en.json: saknar översättning av bots[0].commandLists[0].commands[0].description ("Visa dina öppna åtgärder").',
      ]);
    });
  });
});

describe('appPackage/: what the repository holds', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'appPackage/manifest.json'), 'utf8')) as {
    $schema: string;
    manifestVersion: string;
    localizationInfo: {
      defaultLanguageTag: string;
      additionalLanguages: { languageTag: string; file: string }[];
    };
    bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
  };
  const english = JSON.parse(readFileSync(join(ROOT, 'appPackage/en.json'), 'utf8')) as Record<
    string,
    string
  >;

  /** The Swedish command forms of docs/commands.md, as a user sees them in the command menu. */
  /** In every scope's menu: an official's own work and the shared lists. */
  const everywhere = [
    'hjälp',
    'mina åtgärder',
    'försenade',
    'A-17 klar',
    'A-17 pågår',
    'A-17 kommentar <text>',
    'visa A-17',
    'att granska',
  ];

  it('is a v1.22 manifest in Swedish with English as an additional language', () => {
    assert.equal(
      manifest.$schema,
      'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json',
    );
    assert.equal(manifest.manifestVersion, '1.22');
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'sv');
    assert.deepEqual(manifest.localizationInfo.additionalLanguages, [{ languageTag: 'en', file: 'en.json' }]);
  });

  it('lists the commands each scope needs most, with "digest här" in teams only', () => {
    const bot = manifest.bots[0];
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    const byScope = new Map(
      bot.commandLists.map((list) => [list.scopes.join(), list.commands.map((c) => c.title)]),
    );
    assert.deepEqual([...byScope.keys()].sort(), ['groupChat', 'personal', 'team']);
    // Evidence may be a file sent in personal chat; a new date is asked for in chat, the channel has the summary.
    assert.deepEqual(
      byScope.get('personal')?.slice().sort(),
      [...everywhere, 'A-17 underlag <https-länk>', 'A-17 nytt datum ÅÅÅÅ-MM-DD'].sort(),
    );
    assert.deepEqual(
      byScope.get('groupChat')?.slice().sort(),
      [...everywhere, 'A-17 nytt datum ÅÅÅÅ-MM-DD', 'sammanställning'].sort(),
    );
    assert.deepEqual(
      byScope.get('team')?.slice().sort(),
      [...everywhere, 'sammanställning', 'digest här'].sort(),
    );
  });

  it('has the English command forms of the contract', () => {
    const titles = new Set(
      Object.entries(english).flatMap(([key, value]) => (key.endsWith('.title') ? [value] : [])),
    );
    for (const title of [
      'help',
      'my actions',
      'overdue',
      'A-17 done',
      'A-17 in progress',
      'show A-17',
      'summary',
      'digest here',
      'A-17 note <text>',
      'A-17 evidence <https link>',
      'A-17 new date YYYY-MM-DD',
      'to review',
    ]) {
      assert.ok(titles.has(title), title);
    }
  });

  it('holds the icons that scripts/appPackage/drawIcons.ts draws', () => {
    for (const [file, drawn] of [
      ['color.png', drawColorIcon()],
      ['outline.png', drawOutlineIcon()],
    ] as const) {
      const committed = PNG.sync.read(readFileSync(join(ROOT, 'appPackage', file)));
      assert.equal(committed.width, drawn.width, file);
      assert.ok(
        committed.data.equals(drawn.data),
        `${file} differs: run npx tsx scripts/appPackage/drawIcons.ts`,
      );
    }
  });
});
