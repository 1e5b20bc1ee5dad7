import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { BOT_FRAMEWORK_AUTH_KEYS } from '../../src/server/config';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Placeholder names in a text, without duplicates. */
function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** The Toolkit project files and the environment file each one reads. */
const PROJECTS = [
  { yml: 'm365agents.yml', env: 'env/.env.dev' },
  { yml: 'm365agents.local.yml', env: 'env/.env.local' },
] as const;

describe('Toolkit project files, env files and infra/', () => {
  for (const { yml, env } of PROJECTS) {
    describe(yml, () => {
      const text = read(yml);
      const project: unknown = parseYaml(text);
      const declared = parseEnv(read(env));

      it('follows the M365 Agents Toolkit yaml schema v1.11', () => {
        const ajv = new Ajv({ allErrors: true, strict: false });
        addFormats(ajv);
        const validate = ajv.compile(
          JSON.parse(read('test/appPackage/fixtures/m365agents.v1.11.yaml.schema.json')),
        );
        // anyOf over every action makes the raw error list long; the first few say what is wrong.
        assert.ok(validate(project), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      });

      it(`declares every variable it and the manifest use in ${env} (secrets live in the .user file)`, () => {
        const used = [...placeholdersIn(text), ...placeholdersIn(read('appPackage/manifest.json'))];
        const undeclared = used.filter((name) => !name.startsWith('SECRET_') && !(name in declared));
        assert.deepEqual(undeclared, []);
      });

      it('points at files that exist', () => {
        const paths = [
          ...text.matchAll(/^\s*(?:-\s*)?(?:manifestPath|path|parameters|ignoreFile):\s*(\S+)\s*$/gm),
        ];
        assert.ok(paths.length > 0);
        for (const [, path] of paths) assert.ok(existsSync(join(ROOT, path)), path);
      });
    });
  }

  it('keeps secrets out of the committed env files', () => {
    for (const { env } of PROJECTS) {
      for (const [name, value] of Object.entries(parseEnv(read(env)))) {
        assert.ok(!name.startsWith('SECRET_'), `${env}: ${name} belongs in ${env}.user`);
        if (/PASSWORD|SECRET|KEY|CONNECTION_STRING/i.test(name)) assert.equal(value, '', `${env}: ${name}`);
      }
    }
    assert.match(read('env/.gitignore'), /^\.env\.\*\.user$/m);
  });

  it('fills every parameter of infra/main.parameters.json from env/.env.dev, and main.bicep declares them', () => {
    const parametersText = read('infra/main.parameters.json');
    const parameters = JSON.parse(parametersText) as { parameters: Record<string, unknown> };
    const bicep = read('infra/main.bicep');
    for (const name of Object.keys(parameters.parameters)) {
      assert.match(bicep, new RegExp(`^param ${name} `, 'm'), name);
    }
    const dev = parseEnv(read('env/.env.dev'));
    // Variables a provision step before arm/deploy writes (aadApp/create) have no value until provision runs.
    const provisioned = new Set(
      [...read('m365agents.yml').matchAll(/^\s+\w+: (AAD_APP_[A-Z_]+)\s*$/gm)].map((match) => match[1]),
    );
    for (const name of placeholdersIn(parametersText))
      assert.ok(dev[name] || provisioned.has(name), `env/.env.dev: ${name} has no value`);
  });

  it('declares every output of infra/main.bicep in env/.env.dev, where the Toolkit writes it', () => {
    const outputs = [...read('infra/main.bicep').matchAll(/^output (\w+) /gm)].map((match) => match[1]);
    const dev = parseEnv(read('env/.env.dev'));
    assert.ok(outputs.includes('BOT_ID'));
    assert.deepEqual(
      outputs.filter((name) => !(name in dev)),
      [],
    );
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const lines = text.split('\n');
  /** `NAME=` lines, commented out or not, by name, with the line's index. */
  const documented = new Map<string, number>();
  lines.forEach((line, index) => {
    const match = /^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    if (match) documented.set(match[1], index);
  });

  /** docs/configuration.md's table, the server's own variables and Bot Framework's settings. */
  const required = [
    'PORT',
    'TABLES_CONNECTION_STRING',
    'DATA_DIR',
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
    'MicrosoftAppType',
    'ALLOWED_TENANT_IDS',
    'TIME_ZONE',
    'ADMIN_AAD_IDS',
    'AZURITE_PORT',
    'LOG_LEVEL',
    'NODE_ENV',
    ...BOT_FRAMEWORK_AUTH_KEYS,
  ];

  it('explains every variable the bot reads, each with a comment right above it', () => {
    for (const name of required) {
      const index = documented.get(name);
      assert.ok(index !== undefined, `${name} is missing`);
      assert.match(lines[index - 1] ?? '', /^# \S/, `${name} has no explanation above it`);
    }
  });

  it('sets nothing when copied to .env as it is, and holds no secret', () => {
    for (const line of lines) assert.ok(line === '' || line.startsWith('#'), line);
  });

  it('documents every app setting that infra/main.bicep gives the Web App', () => {
    const settings = [...read('infra/main.bicep').matchAll(/name: '([A-Za-z_]+)'\n\s*value:/g)].map(
      (m) => m[1],
    );
    assert.ok(settings.includes('TABLES_CONNECTION_STRING'));
    // Settings for App Service's build, not for the app.
    const forAppService = new Set(['SCM_DO_BUILD_DURING_DEPLOYMENT', 'CUSTOM_BUILD_COMMAND']);
    assert.deepEqual(
      settings.filter((name) => !forAppService.has(name) && !documented.has(name)),
      [],
    );
  });
});
