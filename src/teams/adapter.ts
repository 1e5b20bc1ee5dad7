/**
 * The Bot Framework adapter and the bot's credentials, built from the configuration: the one place that knows how
 * botbuilder authenticates requests and gets the bot's token. The server wires what is built here; a move to
 * another Teams SDK replaces this file, not the server.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { BotConnector, type TokenSource } from './connector';

export type { TeamsAdapter, TurnContext };

/** What the server needs from a bot: teams-ai's `Application.run` (any state type fits). */
export interface BotApp {
  run(context: TurnContext): Promise<boolean>;
}

/** The parts of the app's configuration the Bot Framework reads (a subset of the server's `Config`). */
export interface TeamsAuthConfig {
  /** `MicrosoftAppId`; null in local mode. */
  readonly microsoftAppId: string | null;
  readonly microsoftAppPassword: string | null;
  readonly microsoftAppTenantId: string | null;
  readonly microsoftAppType: string;
  /** The Bot Framework's own authentication settings that are set (`ToBotFromChannelOpenIdMetadataUrl`, ...). */
  readonly botFrameworkAuth: Readonly<Record<string, string | undefined>>;
}

/**
 * The settings botbuilder authenticates with, built from the configuration the same way every time, so that the
 * adapter, the server's own request check and the bot's token all use the very same ones.
 */
function authenticationSettings(config: TeamsAuthConfig): {
  settings: ConfigurationBotFrameworkAuthenticationOptions;
  credentials: ConfigurationServiceClientCredentialFactory;
} {
  const identity = {
    MicrosoftAppId: config.microsoftAppId ?? undefined,
    MicrosoftAppTenantId: config.microsoftAppTenantId ?? undefined,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory({
    ...identity,
    MicrosoftAppPassword: config.microsoftAppPassword ?? undefined,
    MicrosoftAppType: config.microsoftAppId === null ? undefined : config.microsoftAppType,
  });
  // The app id and tenant go in too: botbuilder's ASE channel validation reads them from this object.
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    ...config.botFrameworkAuth,
    ...identity,
  };
  return { settings, credentials };
}

/**
 * Builds the Bot Framework adapter: with `MicrosoftAppId` every request must carry a valid JWT; without it (local
 * mode) botbuilder accepts unauthenticated requests.
 */
export function createAdapter(config: TeamsAuthConfig): TeamsAdapter {
  const { settings, credentials } = authenticationSettings(config);
  return new TeamsAdapter(settings, credentials);
}

/** Checks a request's `Authorization` header for an activity; rejects when it is not valid for this bot. */
export type RequestAuthenticator = (activity: unknown, authorization: string) => Promise<void>;

/**
 * The Bot Framework's request check on its own, as the adapter runs it: the server runs it first so that every
 * authentication failure can be answered 401 (botbuilder turns some bad tokens into 500 inside the adapter).
 */
export function createRequestAuthenticator(config: TeamsAuthConfig): RequestAuthenticator {
  const { settings, credentials } = authenticationSettings(config);
  const authentication = new ConfigurationBotFrameworkAuthentication(settings, credentials);
  return async (activity, authorization) => {
    await authentication.authenticateRequest(activity as Activity, authorization);
  };
}

/** What gives the bot's credentials (botbuilder's `ServiceClientCredentialsFactory`, as far as it is used here). */
export interface CredentialsFactory {
  createCredentials(
    appId: string,
    audience: string,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<unknown>;
}

/**
 * The bot's token, as botbuilder gets it for its own sends: for the Bot Connector audience
 * (`ToChannelFromBotOAuthScope`) through the login endpoint of the configuration, else the public cloud's. In local
 * mode (no app id) there is no token. `factory` defaults to the one the configuration describes.
 */
export function tokenSourceFor(config: TeamsAuthConfig, factory?: CredentialsFactory): TokenSource {
  const appId = config.microsoftAppId;
  if (!appId) return { getToken: async () => null };
  const { settings, credentials: configured } = authenticationSettings(config);
  const credentialsFactory = factory ?? configured;
  const audience = settings.ToChannelFromBotOAuthScope ?? 'https://api.botframework.com';
  const loginEndpoint =
    settings.ToChannelFromBotLoginUrl ?? 'https://login.microsoftonline.com/botframework.com';
  const validateAuthority = `${settings.ValidateAuthority ?? true}`.toLowerCase() !== 'false';
  let credentials: Promise<unknown> | undefined;
  return {
    async getToken() {
      credentials ??= credentialsFactory.createCredentials(appId, audience, loginEndpoint, validateAuthority);
      let resolved: unknown;
      try {
        resolved = await credentials;
      } catch (error) {
        // A failed creation is not cached: the next send asks again.
        credentials = undefined;
        throw error;
      }
      if (!hasGetToken(resolved)) throw new Error('Botens inloggningsuppgifter kan inte ge någon token.');
      // The credentials cache the token and refresh it before it expires.
      return resolved.getToken();
    },
  };
}

/** One connector per configuration: replies and proactive sends of a process share its credentials and token. */
const connectors = new WeakMap<TeamsAuthConfig, BotConnector>();

/** The process's Bot Connector client for this configuration, signing with the bot's token (none in local mode). */
export function botConnectorFor(config: TeamsAuthConfig): BotConnector {
  let connector = connectors.get(config);
  if (!connector) {
    connector = new BotConnector({ tokens: tokenSourceFor(config) });
    connectors.set(config, connector);
  }
  return connector;
}

function hasGetToken(value: unknown): value is { getToken(): Promise<string> } {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'getToken') === 'function';
}
