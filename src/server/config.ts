import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import ipaddr from 'ipaddr.js';
import { DEFAULT_DOWNLOAD_HOSTS } from '../importing/fileDownload';

/**
 * The tenant id the Microsoft 365 Agents Playground puts on every activity by default (the `tenantId` of the
 * `.m365agentsplayground.yml` it generates; read from `@microsoft/m365agentsplayground` 0.2.28, `dist/index.js`).
 * It is not a well-formed GUID (13 digits in the last group): keep it verbatim, it is what the bot receives.
 */
export const PLAYGROUND_TENANT_ID = '00000000-0000-0000-0000-0000000000001';

/**
 * Settings that botbuilder's `ConfigurationBotFrameworkAuthentication` reads, under its own names. The first seven
 * replace botbuilder's built-in cloud endpoints: once any of them is set it uses none of its defaults, so all seven
 * must be set together.
 */
export const BOT_FRAMEWORK_ENDPOINT_KEYS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
] as const;

/** Every Bot Framework authentication setting that is passed through from the environment. */
export const BOT_FRAMEWORK_AUTH_KEYS = [...BOT_FRAMEWORK_ENDPOINT_KEYS, 'ValidateAuthority'] as const;

/** The name of one Bot Framework authentication setting. */
export type BotFrameworkAuthKey = (typeof BOT_FRAMEWORK_AUTH_KEYS)[number];

/** How the bot's Entra registration authenticates (botbuilder's `MicrosoftAppType`, compared without case). */
export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** The validated configuration of the server and the CLI. Built once by {@link loadConfig}; never read env again. */
export interface Config {
  /** HTTP port (`PORT`). Default: 3978. */
  readonly port: number;
  /** Address the HTTP server binds: `127.0.0.1` in local mode (no authentication), else `0.0.0.0`. */
  readonly host: '127.0.0.1' | '0.0.0.0';
  /** `TABLES_CONNECTION_STRING`; `null` means: use the embedded Azurite. */
  readonly tablesConnectionString: string | null;
  /** Absolute directory for the embedded emulator's data (`DATA_DIR`). Default: `./.data`. */
  readonly dataDir: string;
  /** Port of the embedded Azurite Table service (`AZURITE_PORT`), also how the CLI finds the server's. Default: 10002. */
  readonly azuritePort: number;
  /** `MicrosoftAppId`; `null` means local mode. */
  readonly microsoftAppId: string | null;
  /** `MicrosoftAppPassword` (a secret: never log it). */
  readonly microsoftAppPassword: string | null;
  /** `MicrosoftAppTenantId`; required for SingleTenant and UserAssignedMSI. */
  readonly microsoftAppTenantId: string | null;
  /** `MicrosoftAppType`. Default: MultiTenant (botbuilder's default). */
  readonly microsoftAppType: MicrosoftAppType;
  /** `ALLOWED_TENANT_IDS`, lower-cased, without blanks or duplicates. Empty means any tenant (local mode only). */
  readonly allowedTenantIds: readonly string[];
  /** IANA time zone of the municipality (`TIME_ZONE`), canonical spelling. Default: Europe/Stockholm. */
  readonly timeZone: string;
  /** `ADMIN_AAD_IDS`: Entra object ids that are admins from the start, lower-cased. Default: none. */
  readonly adminAadIds: readonly string[];
  /** `NODE_ENV`. Default: `development`. */
  readonly nodeEnv: string;
  /** `LOG_LEVEL`: pino's level for the JSON logs. Default: `info`. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** True when `MicrosoftAppId` is unset: requests are not authenticated, so the server stays on loopback. */
  readonly localMode: boolean;
  /**
   * The tenant the CLI acts for without `--tenant`: the only id in `ALLOWED_TENANT_IDS`, else in local mode the
   * Agents Playground's tenant ({@link PLAYGROUND_TENANT_ID}); `null` when there is no single obvious choice.
   */
  readonly defaultTenantId: string | null;
  /** The Bot Framework authentication settings that are set, for `ConfigurationBotFrameworkAuthentication`. */
  readonly botFrameworkAuth: Readonly<Partial<Record<BotFrameworkAuthKey, string>>>;
  /** `OUTBOX_RETENTION_DAYS`: days sent and dead-lettered outbox rows are kept. Default: 90. */
  readonly outboxRetentionDays: number;
  /** `GRAPH_INSTALL_ENABLED`: install the app through Microsoft Graph for owners the bot cannot reach. Default: false. */
  readonly graphInstallEnabled: boolean;
  /** `TEAMS_APP_CATALOG_ID`: the app's id in the organisation's app catalog; required when Graph installs are on. */
  readonly teamsAppCatalogId: string | null;
  /** `GRAPH_BASE_URL`, without a trailing slash. Default: `https://graph.microsoft.com/v1.0`. */
  readonly graphBaseUrl: string;
  /**
   * `FILE_DOWNLOAD_HOSTS`: host suffixes a file sent to the bot is fetched from (over https), lower case, without a
   * leading dot. Default: `sharepoint.com` (SharePoint and OneDrive for Business, Microsoft 365 commercial).
   */
  readonly fileDownloadHosts: readonly string[];
  /**
   * `FILE_DOWNLOAD_ALLOW_LOOPBACK`: for tests only, and only in local mode: also fetch sent files from the literal
   * loopback addresses 127.0.0.1 and [::1], over http or https. Default: false.
   */
  readonly fileDownloadAllowLoopback: boolean;
  /** `IMPORT_MAX_BYTES`: the largest file `cli import` reads, in bytes. Default: 10485760 (10 MB). */
  readonly importMaxBytes: number;
  /** `TAB_APP_CLIENT_ID`: client id of the tab's Entra app registration, the SSO tokens' audience. Default: null. */
  readonly tabAppClientId: string | null;
  /**
   * `TAB_JWKS_URL`: where the tab's token signing keys are read; `{tenantid}` is replaced by the token's tenant.
   * Default: {@link DEFAULT_TAB_JWKS_URL}.
   */
  readonly tabJwksUrl: string;
}

/** The configuration is missing or wrong; the message lists every problem, one per line, in Swedish. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** One line per problem, each starting with the variable it is about. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options: { cause?: unknown } = {}) {
    super(
      `Konfigurationen är ogiltig (${problems.length} fel):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        '\nSätt variablerna i miljön eller i filen .env i projektets katalog.',
      { cause: options.cause },
    );
    this.problems = problems;
  }
}

/** Every environment variable the app reads (tests blank them all so the developer's shell cannot leak in). */
export const ENV_KEYS = [
  'PORT',
  'TABLES_CONNECTION_STRING',
  'DATA_DIR',
  'AZURITE_PORT',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'MicrosoftAppType',
  'ALLOWED_TENANT_IDS',
  'TIME_ZONE',
  'ADMIN_AAD_IDS',
  'NODE_ENV',
  'LOG_LEVEL',
  'OUTBOX_RETENTION_DAYS',
  'GRAPH_INSTALL_ENABLED',
  'TEAMS_APP_CATALOG_ID',
  'GRAPH_BASE_URL',
  'TAB_APP_CLIENT_ID',
  'TAB_JWKS_URL',
  ...BOT_FRAMEWORK_AUTH_KEYS,
  'FILE_DOWNLOAD_HOSTS',
  'FILE_DOWNLOAD_ALLOW_LOOPBACK',
  'IMPORT_MAX_BYTES',
] as const;
type EnvKey = (typeof ENV_KEYS)[number];

/** Values that must never be echoed back in an error message. */
const SECRET_KEYS: ReadonlySet<EnvKey> = new Set<EnvKey>([
  'MicrosoftAppPassword',
  'TABLES_CONNECTION_STRING',
]);

/** Mixed-case names: a wrongly cased one (`MicrosoftAppID`) would silently mean local mode, so it is an error. */
const CASE_SENSITIVE_KEYS: readonly EnvKey[] = ENV_KEYS.filter((key) => key !== key.toUpperCase());

/** By lower-cased name, as botbuilder compares them. A Map, so that "constructor" is not a type. */
const APP_TYPES: ReadonlyMap<string, MicrosoftAppType> = new Map([
  ['multitenant', 'MultiTenant'],
  ['singletenant', 'SingleTenant'],
  ['userassignedmsi', 'UserAssignedMSI'],
]);

/** The app's id: GUID-like but loose. */
const ID_PATTERN = /^[0-9a-z][0-9a-z.-]{0,99}$/i;

/**
 * Tenant and user object ids: a GUID (8-4-4-4-12 hex digits), except that the last group may have up to 14 digits,
 * as the Agents Playground's own ids have ({@link PLAYGROUND_TENANT_ID}).
 */
const ENTRA_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,14}$/i;

/** Whether `value` is shaped like an Entra tenant or object id (see {@link ENTRA_ID_PATTERN}). */
export function isEntraId(value: string): boolean {
  return ENTRA_ID_PATTERN.test(value);
}

const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, 'ska vara ett portnummer, ett heltal 1–65535')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 65_535, 'ska vara ett portnummer, ett heltal 1–65535')
    .optional()
    .transform((value) => value ?? fallback);

const optionalText = z
  .string()
  .optional()
  .transform((value) => value ?? null);

const idList = (what: string) =>
  z
    .string()
    .optional()
    .transform((value) => splitList(value).map((id) => id.toLowerCase()))
    .superRefine((ids, context) => {
      const bad = ids.filter((id) => !isEntraId(id));
      if (bad.length === 0) return;
      context.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          `${bad.map((id) => `"${id}"`).join(', ')} ${bad.length === 1 ? 'är inget' : 'är inga'} ${what}; ` +
          `ska vara en kommaseparerad lista med ${what}, GUID som 72f988bf-86f1-41af-91ab-2d7cd011db47`,
      });
    })
    .transform((ids) => [...new Set(ids)]);

/** Microsoft Graph's v1.0 endpoint in the global cloud. */
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** An app's id in the Teams app catalog (a GUID). */
const CATALOG_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A DNS name of at least two labels: a host suffix such as `sharepoint.com`, never a bare top-level domain. */
const HOST_SUFFIX = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Default of IMPORT_MAX_BYTES: import files are a few hundred KB; 50 MB would take the CLI gigabytes to parse. */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The tenant's v2 signing keys in Entra ID's global cloud; `{tenantid}` becomes the token's tenant. */
export const DEFAULT_TAB_JWKS_URL = 'https://login.microsoftonline.com/{tenantid}/discovery/v2.0/keys';

const url = z
  .string()
  .url('ska vara en URL, t.ex. https://login.botframework.com/v1/.well-known/openidconfiguration');

const schema = z.object({
  PORT: port(3978),
  TABLES_CONNECTION_STRING: z
    .string()
    .regex(
      /[a-z]=/i,
      'ska vara en anslutningssträng till Azure Storage, t.ex. "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net"',
    )
    .optional()
    .transform((value) => value ?? null),
  DATA_DIR: z
    .string()
    .optional()
    .transform((value) => value ?? './.data'),
  AZURITE_PORT: port(10002),
  MicrosoftAppId: z
    .string()
    .regex(ID_PATTERN, 'ska vara botens app-id (klient-id) från Entra-registreringen, ett GUID')
    .optional()
    .transform((value) => value ?? null),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: z
    .string()
    .regex(ID_PATTERN, 'ska vara botens Entra-klient-id (ett GUID)')
    .optional()
    .transform((value) => value ?? null),
  MicrosoftAppType: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? 'MultiTenant' : APP_TYPES.get(value.toLowerCase())))
    .refine(
      (value): value is MicrosoftAppType => value !== undefined,
      'ska vara MultiTenant, SingleTenant eller UserAssignedMSI',
    ),
  ALLOWED_TENANT_IDS: idList('klient-id (tenant id)'),
  TIME_ZONE: z
    .string()
    .optional()
    .transform((value) => value ?? 'Europe/Stockholm')
    .refine((zone) => IANAZone.isValidZone(zone), 'ska vara en IANA-tidszon, t.ex. Europe/Stockholm')
    // Luxon accepts any case; Intl gives the canonical spelling that logs and reports should show.
    .transform((zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone),
  ADMIN_AAD_IDS: idList('Entra-objekt-id'),
  NODE_ENV: z
    .string()
    .optional()
    .transform((value) => value ?? 'development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'ska vara en av fatal, error, warn, info, debug, trace, silent' }),
    })
    .optional()
    .transform((value) => value ?? 'info'),
  OUTBOX_RETENTION_DAYS: z
    .string()
    .regex(/^\d{1,4}$/, 'ska vara ett antal dagar, ett heltal 1–3650')
    .transform(Number)
    .refine((days) => days >= 1 && days <= 3650, 'ska vara ett antal dagar, ett heltal 1–3650')
    .optional()
    .transform((days) => days ?? 90),
  GRAPH_INSTALL_ENABLED: z
    .string()
    .transform((value) => value.toLowerCase())
    .refine((value) => value === 'true' || value === 'false', 'ska vara true eller false')
    .optional()
    .transform((value) => value === 'true'),
  TEAMS_APP_CATALOG_ID: z
    .string()
    .regex(
      CATALOG_ID_PATTERN,
      'ska vara appens id i organisationens appkatalog, ett GUID (se docs/graph-install.md)',
    )
    .optional()
    .transform((value) => value?.toLowerCase() ?? null),
  GRAPH_BASE_URL: z
    .string()
    .refine(
      isGraphBaseUrl,
      'ska vara en https-adress, t.ex. https://graph.microsoft.com/v1.0 (http bara mot 127.0.0.1 eller localhost)',
    )
    .optional()
    .transform((value) => (value ?? DEFAULT_GRAPH_BASE_URL).replace(/(?<!\/)\/+$/, '')),
  TAB_APP_CLIENT_ID: z
    .string()
    .regex(CATALOG_ID_PATTERN, 'ska vara klient-id (ett GUID) för flikens Entra-appregistrering')
    .optional()
    .transform((value) => value?.toLowerCase() ?? null),
  TAB_JWKS_URL: z
    .string()
    .refine(
      isGraphBaseUrl,
      'ska vara en https-adress, t.ex. https://login.microsoftonline.com/{tenantid}/discovery/v2.0/keys (http bara mot 127.0.0.1 eller localhost)',
    )
    .optional()
    .transform((value) => value ?? DEFAULT_TAB_JWKS_URL),
  ToBotFromChannelOpenIdMetadataUrl: url.optional(),
  ToBotFromChannelTokenIssuer: z.string().optional(),
  ToBotFromEmulatorOpenIdMetadataUrl: url.optional(),
  ToChannelFromBotLoginUrl: url.optional(),
  ToChannelFromBotOAuthScope: z.string().optional(),
  OAuthUrl: url.optional(),
  CallerId: z.string().optional(),
  ValidateAuthority: z
    .string()
    .transform((value) => value.toLowerCase())
    .refine((value) => value === 'true' || value === 'false', 'ska vara true eller false')
    .optional(),
  FILE_DOWNLOAD_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? [...DEFAULT_DOWNLOAD_HOSTS]
        : splitList(value).map((host) => host.toLowerCase().replace(/^\./, '')),
    )
    .refine(
      (hosts) => hosts.length > 0 && hosts.every((host) => HOST_SUFFIX.test(host) && !ipaddr.isValid(host)),
      'ska vara en kommaseparerad lista med värdnamn som filer får hämtas från, t.ex. sharepoint.com ' +
        '(också underdomäner tillåts; inga IP-adresser)',
    )
    .transform((hosts) => [...new Set(hosts)]),
  FILE_DOWNLOAD_ALLOW_LOOPBACK: z
    .string()
    .transform((value) => value.toLowerCase())
    .refine((value) => value === 'true' || value === 'false', 'ska vara true eller false')
    .optional()
    .transform((value) => value === 'true'),
  IMPORT_MAX_BYTES: z
    .string()
    .regex(/^\d{1,12}$/, 'ska vara ett antal byte, ett heltal, t.ex. 10485760 för 10 MB')
    .transform(Number)
    .refine((value) => value >= 1, 'ska vara ett antal byte, minst 1')
    .optional()
    .transform((value) => value ?? DEFAULT_IMPORT_MAX_BYTES),
});

/**
 * Reads and validates the configuration once, at start.
 *
 * @param env The environment, normally `process.env`. Blank values count as unset.
 * @param cwd Directory that a relative `DATA_DIR` is resolved against. Default: the current directory.
 * @throws {ConfigError} listing every missing or bad variable in one message.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const raw = readRaw(env);
  const problems = [...misspelledKeys(env), ...crossFieldProblems(raw)];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldProblems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as EnvKey;
      const shown = SECRET_KEYS.has(key) || raw[key] === undefined ? key : `${key}="${raw[key]}"`;
      return `${shown}: ${issue.message}.`;
    });
    problems.unshift(...fieldProblems);
  }
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(problems, parsed.success ? {} : { cause: parsed.error });
  }
  const values = parsed.data;
  const localMode = values.MicrosoftAppId === null;
  const botFrameworkAuth: Partial<Record<BotFrameworkAuthKey, string>> = {};
  for (const key of BOT_FRAMEWORK_AUTH_KEYS) {
    const value = values[key];
    if (value !== undefined) botFrameworkAuth[key] = value;
  }
  const onlyTenant = values.ALLOWED_TENANT_IDS.length === 1 ? values.ALLOWED_TENANT_IDS[0] : undefined;
  return {
    port: values.PORT,
    host: localMode ? '127.0.0.1' : '0.0.0.0',
    tablesConnectionString: values.TABLES_CONNECTION_STRING,
    dataDir: resolve(cwd, values.DATA_DIR),
    azuritePort: values.AZURITE_PORT,
    microsoftAppId: values.MicrosoftAppId,
    microsoftAppPassword: values.MicrosoftAppPassword,
    microsoftAppTenantId: values.MicrosoftAppTenantId,
    microsoftAppType: values.MicrosoftAppType,
    allowedTenantIds: values.ALLOWED_TENANT_IDS,
    timeZone: values.TIME_ZONE,
    adminAadIds: values.ADMIN_AAD_IDS,
    nodeEnv: values.NODE_ENV,
    logLevel: values.LOG_LEVEL,
    localMode,
    defaultTenantId:
      onlyTenant ?? (localMode && values.ALLOWED_TENANT_IDS.length === 0 ? PLAYGROUND_TENANT_ID : null),
    botFrameworkAuth,
    outboxRetentionDays: values.OUTBOX_RETENTION_DAYS,
    graphInstallEnabled: values.GRAPH_INSTALL_ENABLED,
    teamsAppCatalogId: values.TEAMS_APP_CATALOG_ID,
    graphBaseUrl: values.GRAPH_BASE_URL,
    fileDownloadHosts: values.FILE_DOWNLOAD_HOSTS,
    fileDownloadAllowLoopback: values.FILE_DOWNLOAD_ALLOW_LOOPBACK,
    importMaxBytes: values.IMPORT_MAX_BYTES,
    tabAppClientId: values.TAB_APP_CLIENT_ID,
    tabJwksUrl: values.TAB_JWKS_URL,
  };
}

/**
 * The bot sends its Graph token there, and reads the tab's signing keys from there: https, or plain http only to
 * this machine (a test's fake Graph or identity provider).
 */
function isGraphBaseUrl(value: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/**
 * Reads a `.env` file into `process.env` if it exists. Variables already set (even to an empty string) win over the
 * file, so a value given on the command line or by the host is never replaced.
 *
 * @returns whether a file was read.
 */
export function loadDotEnv(path: string): boolean {
  if (!existsSync(path)) return false;
  // process.loadEnvFile keeps existing values on Node 20, but the docs do not promise it; restoring makes it certain.
  const before = { ...process.env };
  process.loadEnvFile(path);
  for (const [key, value] of Object.entries(before)) process.env[key] = value;
  return true;
}

type Raw = Partial<Record<EnvKey, string>>;

/** Trims every known variable and drops blank ones, so `MicrosoftAppId=` in a `.env` file means unset. */
function readRaw(env: NodeJS.ProcessEnv): Raw {
  const raw: Raw = {};
  for (const key of ENV_KEYS) {
    const value = env[key]?.trim();
    if (value) raw[key] = value;
  }
  return raw;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function misspelledKeys(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (!env[name]?.trim()) continue;
    const meant = CASE_SENSITIVE_KEYS.find((key) => key !== name && key.toLowerCase() === name.toLowerCase());
    if (meant)
      problems.push(`${name}: okänt namn; variabeln heter ${meant} (stora och små bokstäver spelar roll).`);
  }
  return problems;
}

/** Rules that involve more than one variable; they are checked even when single variables are bad. */
function crossFieldProblems(raw: Raw): string[] {
  const problems: string[] = [];
  const appType = APP_TYPES.get((raw.MicrosoftAppType ?? 'MultiTenant').toLowerCase());
  if (!raw.MicrosoftAppId) {
    if (raw.NODE_ENV === 'production') {
      problems.push(
        'MicrosoftAppId: saknas, och NODE_ENV=production får inte köra utan autentisering. ' +
          'Sätt MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId och ALLOWED_TENANT_IDS från botens ' +
          'Entra-registrering, eller ta bort NODE_ENV=production för att köra lokalt.',
      );
    }
    const orphans = (['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const).filter(
      (key) => raw[key] !== undefined,
    );
    if (orphans.length > 0) {
      problems.push(
        `MicrosoftAppId: saknas men ${orphans.join(', ')} är satt. Sätt MicrosoftAppId, ` +
          `eller ta bort ${orphans.join(', ')} för att köra i lokalt läge.`,
      );
    }
  } else {
    if (splitList(raw.ALLOWED_TENANT_IDS).length === 0) {
      problems.push(
        'ALLOWED_TENANT_IDS: krävs när MicrosoftAppId är satt, annars kan vilken organisation som helst använda boten. ' +
          'Ange kommunens klient-id (tenant id), flera åtskilda med komma.',
      );
    }
    if (appType === 'UserAssignedMSI') {
      if (raw.MicrosoftAppPassword) {
        problems.push('MicrosoftAppPassword: ska inte sättas med MicrosoftAppType=UserAssignedMSI.');
      }
    } else if (!raw.MicrosoftAppPassword) {
      problems.push(
        'MicrosoftAppPassword: krävs när MicrosoftAppId är satt (utom med MicrosoftAppType=UserAssignedMSI). ' +
          'Ange klienthemligheten från botens Entra-registrering.',
      );
    }
    if ((appType === 'SingleTenant' || appType === 'UserAssignedMSI') && !raw.MicrosoftAppTenantId) {
      problems.push(`MicrosoftAppTenantId: krävs med MicrosoftAppType=${appType}.`);
    }
    if (raw.FILE_DOWNLOAD_ALLOW_LOOPBACK?.toLowerCase() === 'true') {
      problems.push(
        'FILE_DOWNLOAD_ALLOW_LOOPBACK: är bara till för tester i lokalt läge och får inte sättas när MicrosoftAppId ' +
          'är satt. Ta bort variabeln.',
      );
    }
  }
  const endpointsSet = BOT_FRAMEWORK_ENDPOINT_KEYS.filter((key) => raw[key] !== undefined);
  if (endpointsSet.length > 0 && endpointsSet.length < BOT_FRAMEWORK_ENDPOINT_KEYS.length) {
    const missing = BOT_FRAMEWORK_ENDPOINT_KEYS.filter((key) => raw[key] === undefined);
    problems.push(
      `${missing.join(', ')}: saknas. När någon av ${BOT_FRAMEWORK_ENDPOINT_KEYS.join(', ')} är satt använder ` +
        'botbuilder inga av sina standardvärden, så alla måste sättas (eller ingen).',
    );
  }
  if (raw.GRAPH_INSTALL_ENABLED?.toLowerCase() === 'true') {
    const missing = (['TEAMS_APP_CATALOG_ID', 'MicrosoftAppId', 'MicrosoftAppTenantId'] as const).filter(
      (key) => raw[key] === undefined,
    );
    if (missing.length > 0) {
      problems.push(
        `GRAPH_INSTALL_ENABLED: kräver ${missing.join(', ')}; boten installerar appen med sin egen identitet i ` +
          'kommunens klient (se docs/graph-install.md), eller sätt GRAPH_INSTALL_ENABLED=false.',
      );
    }
  }
  if (!raw.TABLES_CONNECTION_STRING && Number(raw.AZURITE_PORT ?? 10002) === Number(raw.PORT ?? 3978)) {
    problems.push('AZURITE_PORT: får inte vara samma port som PORT.');
  }
  return problems;
}
