import {
  Application,
  TurnState,
  type DefaultConversationState,
  type RouteSelector,
  type TeamsAdapter,
} from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, StatusCodes, TurnContext, type Storage } from 'botbuilder';
import { DomainError } from '../domain/errors';
import { CARD_VERBS, welcomeCard } from '../teams/cards/cards';
import type { BotDeps } from './deps';
import {
  onRejectMatch,
  onSetDate,
  onSetStatus,
  onShowAction,
  onShowHistory,
  type CardAnswer,
} from './handlers/cardActions';
import { answerMessage } from './handlers/chat';
import { hasSentFile, onConfirmDraft, onFileSent, onRejectDraft } from './handlers/importDraft';
import { linkTeamMembers, resolveCaller, tenantOf, type Caller } from './identity';
import { languageOfText } from './commandLanguage';
import { localeOf, type Locale } from '../texts/locale';
import { messages } from './messages';
import { describeError } from './replies';
import { noteTurnStart } from './replyDelivery';
import { makeTurn, sendReply, type Turn } from './turn';

/** What the bot remembers per user between turns: the language they last wrote in. */
interface UserState {
  lang?: Locale;
}

/** Turn state kept in storage (TableBotStorage): only the user's language. */
export type BotState = TurnState<DefaultConversationState, UserState>;

/**
 * Turn state with the user scope only, kept per tenant. The bot keeps nothing per conversation (teams-ai's sign-in
 * flow, which would, is not used), so the conversation scope is not loaded: one Table read less on every turn.
 * Reading `state.conversation` throws, as teams-ai does for any scope that was not loaded. teams-ai's own key names
 * channel, bot and user only; the tenant goes in front, as in every other stored row.
 */
class UserTurnState extends TurnState<DefaultConversationState, UserState> {
  protected override async onComputeStorageKeys(context: TurnContext): Promise<Record<string, string>> {
    const { user } = await super.onComputeStorageKeys(context);
    if (user === undefined) throw new Error('teams-ai gav ingen nyckel för användarens tillstånd.');
    // An activity without a tenant is refused by the gate, which runs after this; its state is never written.
    return { user: `tenants/${tenantOf(context) ?? '-'}/${user}` };
  }
}

/** Where `beforeTurn` leaves the caller for the handlers of the same turn. */
const CALLER_KEY = Symbol('caller');

/** Options for {@link createBotApp}. */
export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** The bot's app id; empty in local mode. */
  botAppId: string;
  /** Turn state storage (Azure Tables in production, see TableBotStorage). */
  storage: Storage;
  deps: BotDeps;
}

/**
 * Builds the teams-ai Application: a gate before every handler (tenant allow-list, redelivered activities,
 * conversation reference, who is asking), one handler for chat, one per card verb, and the welcome on install.
 */
export function createBotApp(options: BotAppOptions): Application<BotState> {
  const { deps } = options;
  const app = new Application<BotState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: options.storage,
    startTypingTimer: false,
    turnStateFactory: () => new UserTurnState(),
  });

  app.turn('beforeTurn', async (context) => gate(context, deps));

  // A file sent to the bot is an import (issue 5), whatever text came with it; first, so chat never sees it.
  app.activity(
    async (context) =>
      context.activity.type === ActivityTypes.Message && hasSentFile(context.activity.attachments),
    async (context, state) => {
      const turn = turnOf(context, deps, state.user.lang ?? null);
      try {
        await sendReply(turn, await onFileSent(turn, context.activity.attachments));
      } catch (error) {
        await sendReply(turn, { text: explain(turn, error) });
      }
    },
  );

  app.activity(ActivityTypes.Message, async (context, state) => {
    const text = context.activity.text ?? '';
    // The language of the user's own words wins over the client's locale, and is remembered for card presses.
    const language = languageOfText(text);
    if (language) state.user.lang = language;
    const turn = turnOf(context, deps, language ?? state.user.lang ?? null);
    try {
      await sendReply(turn, await answerMessage(turn, text));
    } catch (error) {
      await sendReply(turn, { text: explain(turn, error) });
    }
  });

  const cardVerb = (
    verb: string | RouteSelector,
    handler: (turn: Turn, data: unknown) => Promise<CardAnswer> | CardAnswer,
  ) => {
    app.adaptiveCards.actionExecute(verb, async (context, state, data) => {
      const turn = turnOf(context, deps, state.user.lang ?? null);
      try {
        return await handler(turn, data);
      } catch (error) {
        return explain(turn, error);
      }
    });
  };
  cardVerb(CARD_VERBS.setStatus, onSetStatus);
  cardVerb(CARD_VERBS.confirmMatch, onSetStatus);
  cardVerb(CARD_VERBS.setDate, onSetDate);
  cardVerb(CARD_VERBS.showAction, onShowAction);
  cardVerb(CARD_VERBS.showHistory, onShowHistory);
  cardVerb(CARD_VERBS.rejectMatch, onRejectMatch);
  cardVerb(CARD_VERBS.confirmDraft, onConfirmDraft);
  cardVerb(CARD_VERBS.rejectDraft, onRejectDraft);
  // Last, so it takes only what no verb above took: a card from an older version of the bot, or a forged verb, gets
  // an answer instead of teams-ai's bare HTTP 501, which Teams shows as a broken card.
  cardVerb(isActionExecute, (turn) => turn.say.unknownButton());

  app.conversationUpdate('membersAdded', async (context) => {
    const tenantId = tenantOf(context);
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const isTeam = context.activity.conversation?.conversationType === 'channel';
    if (added.some((member) => member.id === botId)) {
      const welcome = welcomeCard(localeOf(context.activity.locale), isTeam ? 'team' : 'personal');
      await sendReply({ context, deps }, { cards: [welcome] });
    }
    // In a team the roster gives every member's e-mail: owners registered by e-mail become reachable.
    if (isTeam && tenantId) {
      try {
        const linked = await linkTeamMembers(context, tenantId, deps);
        deps.log.info({ linked }, 'Teammedlemmar kopplade');
      } catch (error) {
        // Not the channel's concern, and not lost: each member is still linked when they first write to the bot.
        deps.log.warn(
          { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
          'Teamets medlemmar kunde inte kopplas',
        );
      }
    }
  });

  return app;
}

/**
 * Runs before every handler. Refuses activities from tenants not allowed (and with no tenant), skips a
 * redelivered activity id, stores the conversation reference for proactive messages, and resolves the caller.
 * Returning false ends the turn with no handler run.
 */
async function gate(context: TurnContext, deps: BotDeps): Promise<boolean> {
  noteTurnStart(context);
  const tenantId = tenantOf(context);
  if (!tenantId || (deps.allowedTenantIds.length > 0 && !deps.allowedTenantIds.includes(tenantId))) {
    deps.log.warn(
      { tenant: tenantId, type: context.activity.type },
      'Aktivitet från otillåten klient avvisad',
    );
    await refuse(context, messages(localeOf(context.activity.locale)).tenantNotAllowed(), 403);
    return false;
  }
  const { activity } = context;
  const needsCaller = activity.type === ActivityTypes.Message || activity.type === ActivityTypes.Invoke;
  // Independent bookkeeping, side by side: a turn waits for its slowest part, not for their sum. For a redelivered
  // activity the reference and caller are read (and refreshed) for nothing, which is harmless and rare.
  const [first, , caller] = await Promise.all([
    claim(context, tenantId, deps),
    storeReference(context, tenantId, deps),
    needsCaller ? resolveCaller(context, tenantId, deps) : null,
  ]);
  if (!first) {
    deps.log.info({ type: activity.type }, 'Aktiviteten har redan behandlats; hoppar över');
    // Teams shows an invoke's answer in place of the card; an empty one would read as an error.
    if (activity.type === ActivityTypes.Invoke) {
      await refuse(context, messages(localeOf(activity.locale)).alreadyHandled(), StatusCodes.OK);
    }
    return false;
  }
  if (!needsCaller) return true;
  if (!caller) {
    await refuse(context, messages(localeOf(activity.locale)).unknownUser(), StatusCodes.OK);
    return false;
  }
  context.turnState.set(CALLER_KEY, caller);
  return true;
}

/** Records the activity id; false when it was recorded before (Teams sent it again). Without an id, always true. */
async function claim(context: TurnContext, tenantId: string, deps: BotDeps): Promise<boolean> {
  const { activity } = context;
  if (!activity.id || !activity.conversation?.id) return true;
  return deps.activityLog.claimActivity(tenantId, activity.conversation.id, activity.id, deps.now());
}

async function storeReference(context: TurnContext, tenantId: string, deps: BotDeps): Promise<void> {
  try {
    await deps.conversations.upsertConversation(
      tenantId,
      TurnContext.getConversationReference(context.activity),
      {
        now: deps.now(),
      },
    );
  } catch (error) {
    // A reference we cannot store (no conversation id, odd serviceUrl) must not stop the user's turn.
    if (!(error instanceof DomainError)) throw error;
    deps.log.warn({ err: error.message }, 'Konversationsreferensen kunde inte sparas');
  }
}

/** Where {@link watchAnswers} notes that the turn has answered. */
const ANSWERED_KEY = Symbol('answered');

/**
 * Notes, from the start of a turn, when it sends its answer (a message, or an invoke's response), so that
 * {@link explainFailedTurn} can tell a turn that failed before answering from one that failed after it (saving turn
 * state at the end, say). `context.responded` cannot tell: teams-ai's typing indicator sets it too.
 */
export function watchAnswers(context: TurnContext): void {
  context.onSendActivities(async (ctx, activities, next) => {
    if (activities.some((a) => a.type === ActivityTypes.Message || a.type === ActivityTypes.InvokeResponse)) {
      ctx.turnState.set(ANSWERED_KEY, true);
    }
    return next();
  });
}

/**
 * Answers a turn that failed outside every handler's own error handling (in the gate, or while turn state was
 * loaded or saved): what went wrong in the user's language, as a message or, for a card press, as the invoke's
 * answer. Sends nothing when the turn has answered already (see {@link watchAnswers}): one answer is enough.
 */
export async function explainFailedTurn(context: TurnContext, error: unknown): Promise<void> {
  if (context.turnState.get(ANSWERED_KEY) === true) return;
  await refuse(context, describeError(error, localeOf(context.activity.locale)).text, StatusCodes.OK);
}

/** Any `Action.Execute` press, whatever its verb. */
async function isActionExecute(context: TurnContext): Promise<boolean> {
  const { activity } = context;
  const value = activity.value as { action?: { type?: unknown } } | undefined;
  return (
    activity.type === ActivityTypes.Invoke &&
    activity.name === 'adaptiveCard/action' &&
    value?.action?.type === 'Action.Execute'
  );
}

/** Answers a refused turn: a message for chat, an invoke response (so Teams does not wait) for invokes. */
async function refuse(context: TurnContext, text: string, status: number): Promise<void> {
  if (context.activity.type === ActivityTypes.Invoke) {
    if (context.turnState.get(INVOKE_RESPONSE_KEY)) return;
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status,
        body: text
          ? { statusCode: status, type: 'application/vnd.microsoft.activity.message', value: text }
          : {},
      },
    });
    return;
  }
  if (context.activity.type === ActivityTypes.Message && text) await context.sendActivity(text);
}

/** The turn of the resolved caller; `language`, when the message's own words tell it, wins over the Teams locale. */
function turnOf(context: TurnContext, deps: BotDeps, language: Locale | null = null): Turn {
  const caller = context.turnState.get(CALLER_KEY) as Caller | undefined;
  if (!caller) throw new Error('Ingen anropare: beforeTurn har inte körts.');
  return makeTurn(context, language ? { ...caller, locale: language } : caller, deps);
}

function explain(turn: Turn, error: unknown): string {
  const { text, logged } = describeError(error, turn.caller.locale);
  if (logged) {
    turn.deps.log.error(
      { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
      'Fel under turen',
    );
  }
  return text;
}
