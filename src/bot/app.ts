import {
  Application,
  TurnState,
  type DefaultConversationState,
  type RouteSelector,
  type TeamsAdapter,
} from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, StatusCodes, type Storage, type TurnContext } from 'botbuilder';
import { DomainError } from '../domain/errors';
import { referenceOf, tenantOf } from '../teams/activity';
import type { BotApp } from '../teams/adapter';
import { CARD_VERBS, welcomeCard } from '../teams/cards';
import type { BotConnector } from '../teams/connector';
import type { TurnReplies } from '../teams/replies';
import {
  hasReplied,
  incomingActivity,
  memberDirectoryOf,
  repliesIn,
  turnReplies,
} from '../teams/turnContext';
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
import { onAddEvidence } from './handlers/evidence';
import { isEvidenceMessage } from './handlers/evidenceMessage';
import { onSettleOutbox } from './handlers/outbox';
import { onRecordVerdict } from './handlers/verdict';
import { onFileAccepted, onFileDeclined } from './handlers/fileConsent';
import { hasSentFile, onConfirmDraft, onFileSent, onRejectDraft } from './handlers/importDraft';
import { callerIdOf, idForLog, linkTeamMembers, resolveCaller, type Caller } from './identity';
import { languageOfText } from './commandLanguage';
import { localeOf, type Locale } from '../texts/locale';
import { messages } from './messages';
import { describeError } from './replies';
import { makeTurn, type Turn } from './turn';

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
    return { user: `tenants/${tenantOf(context.activity) ?? '-'}/${user}` };
  }
}

/** Where `beforeTurn` leaves the caller for the handlers of the same turn. */
const CALLER_KEY = Symbol('caller');

/** Options for {@link createBotApp}. */
export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** The bot's connector client (src/teams/adapter.ts, `botConnectorFor`): every reply is sent through it. */
  connector: BotConnector;
  /** The bot's app id; empty in local mode. */
  botAppId: string;
  /** Turn state storage (Azure Tables in production, see TableBotStorage). */
  storage: Storage;
  deps: BotDeps;
}

/**
 * Builds the bot on a teams-ai Application: a gate before every handler (tenant allow-list, redelivered activities,
 * conversation reference, who is asking), one handler for chat, one per card verb, and the welcome on install.
 * Every turn's replies go through `options.connector`, from the turn's start (their deadline counts from there).
 */
export function createBotApp(options: BotAppOptions): BotApp {
  const { deps, connector } = options;
  const repliesOf = (context: TurnContext): TurnReplies => turnReplies(context, connector, deps);
  const turnOf = (context: TurnContext, language: Locale | null = null): Turn => {
    const caller = context.turnState.get(CALLER_KEY) as Caller | undefined;
    if (!caller) throw new Error('Ingen anropare: beforeTurn har inte körts.');
    const replies = repliesOf(context);
    return makeTurn(
      incomingActivity(context),
      language ? { ...caller, locale: language } : caller,
      deps,
      (reply) => replies.send(reply),
    );
  };
  const app = new Application<BotState>({
    adapter: options.adapter,
    botAppId: options.botAppId,
    storage: options.storage,
    startTypingTimer: false,
    turnStateFactory: () => new UserTurnState(),
  });

  app.turn('beforeTurn', async (context) => gate(context, repliesOf(context), deps));

  // A file sent to the bot is an import, unless its text attaches it as evidence (`A-17 underlag`); first, so chat
  // never sees an import.
  app.activity(
    async (context) =>
      context.activity.type === ActivityTypes.Message &&
      hasSentFile(incomingActivity(context).attachments) &&
      !isEvidenceMessage(context.activity.text ?? ''),
    async (context, state) => {
      const turn = turnOf(context, state.user.lang ?? null);
      try {
        await turn.send(await onFileSent(turn, turn.activity.attachments));
      } catch (error) {
        await turn.send({ text: explain(turn, error) });
      }
    },
  );

  app.activity(ActivityTypes.Message, async (context, state) => {
    const text = context.activity.text ?? '';
    // The language of the user's own words wins over the client's locale, and is remembered for card presses.
    const language = languageOfText(text);
    if (language) state.user.lang = language;
    const turn = turnOf(context, language ?? state.user.lang ?? null);
    try {
      await turn.send(await answerMessage(turn, text));
    } catch (error) {
      await turn.send({ text: explain(turn, error) });
    }
  });

  const cardVerb = (
    verb: string | RouteSelector,
    handler: (turn: Turn, data: unknown) => Promise<CardAnswer> | CardAnswer,
  ) => {
    app.adaptiveCards.actionExecute(verb, async (context, state, data) => {
      const turn = turnOf(context, state.user.lang ?? null);
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
  cardVerb(CARD_VERBS.recordVerdict, onRecordVerdict);
  cardVerb(CARD_VERBS.addEvidence, onAddEvidence);
  cardVerb(CARD_VERBS.settleOutbox, onSettleOutbox);

  // Teams waits for the consent invoke's answer, which teams-ai gives after the handler: upload after that.
  app.fileConsentAccept(async (context, state, response) => {
    const turn = turnOf(context, state.user.lang ?? null);
    const upload = await onFileAccepted(turn, response);
    setImmediate(() => {
      upload().catch((error: unknown) => deps.log.error({ err: error }, 'Filuppladdningen misslyckades'));
    });
  });
  app.fileConsentDecline(async (context, state) => onFileDeclined(turnOf(context, state.user.lang ?? null)));
  // Last, so it takes only what no verb above took: a card from an older version of the bot, or a forged verb, gets
  // an answer instead of teams-ai's bare HTTP 501, which Teams shows as a broken card.
  cardVerb(isActionExecute, (turn) => turn.say.unknownButton());
  // A card press whose value names no Action.Execute (null, no action, another type) matches no card route above;
  // unanswered, botbuilder would send HTTP 501 and Teams show a broken card. It gets the unknown-button answer.
  app.activity(isUnreadableCardAction, async (context, state) => {
    const turn = turnOf(context, state.user.lang ?? null);
    deps.log.warn('Kortknapp utan läsbar åtgärd');
    await refuse(context, turn.say.unknownButton(), StatusCodes.OK, repliesOf(context));
  });

  app.conversationUpdate('membersAdded', async (context) => {
    const tenantId = tenantOf(context.activity);
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const isTeam = context.activity.conversation?.conversationType === 'channel';
    if (added.some((member) => member.id === botId)) {
      const welcome = welcomeCard(localeOf(context.activity.locale), isTeam ? 'team' : 'personal');
      await repliesOf(context).send({ cards: [welcome] });
    }
    // In a team the roster gives every member's e-mail: owners registered by e-mail become reachable.
    if (isTeam && tenantId) {
      try {
        const linked = await linkTeamMembers(memberDirectoryOf(context), tenantId, deps);
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

  return {
    // The turn's replies are made first, so that their deadline counts from the turn's start and that an error
    // anywhere in the turn (see explainFailedTurn) can still be answered through them.
    run: async (context) => {
      const replies = repliesOf(context);
      // teams-ai sends "typing" every second of a message turn (whatever its startTypingTimer option) until it sees a
      // message go out through botbuilder; the bot's messages go through its own replies, so once they have begun
      // the indicator is dropped here instead, as teams-ai would have stopped it.
      context.onSendActivities(async (_context, activities, next) => {
        if (replies.answered && activities.every((activity) => activity.type === ActivityTypes.Typing)) {
          return activities.map(() => ({ id: '' }));
        }
        return next();
      });
      return app.run(context);
    },
  };
}

/**
 * Runs before every handler. Refuses activities from tenants not allowed (and with no tenant), skips a
 * redelivered activity id, stores the conversation reference for proactive messages, and resolves the caller.
 * Returning false ends the turn with no handler run.
 */
async function gate(context: TurnContext, replies: TurnReplies, deps: BotDeps): Promise<boolean> {
  const tenantId = tenantOf(context.activity);
  if (!tenantId || (deps.allowedTenantIds.length > 0 && !deps.allowedTenantIds.includes(tenantId))) {
    deps.log.warn(
      { tenant: tenantId, type: context.activity.type },
      'Aktivitet från otillåten klient avvisad',
    );
    await refuse(context, messages(localeOf(context.activity.locale)).tenantNotAllowed(), 403, replies);
    return false;
  }
  const { activity } = context;
  const incoming = incomingActivity(context);
  const needsCaller = activity.type === ActivityTypes.Message || activity.type === ActivityTypes.Invoke;
  // A forged object id must not reach storage (as a key of the user or the conversation reference) nor the log.
  const callerId = callerIdOf(incoming);
  if (!callerId.ok && callerId.problem === 'malformed') {
    deps.log.warn(
      { type: activity.type, aadObjectId: idForLog(incoming.from.aadObjectId) },
      'Aktivitet med ogiltigt användar-id avvisad',
    );
    if (needsCaller) {
      await refuse(context, messages(localeOf(activity.locale)).unknownUser(), StatusCodes.OK, replies);
    }
    return false;
  }
  // Independent bookkeeping, side by side: a turn waits for its slowest part, not for their sum. For a redelivered
  // activity the reference and caller are read (and refreshed) for nothing, which is harmless and rare.
  const [first, , caller] = await Promise.all([
    claim(context, tenantId, deps),
    storeReference(context, tenantId, deps),
    needsCaller ? resolveCaller(incoming, memberDirectoryOf(context), tenantId, deps) : null,
  ]);
  if (!first) {
    deps.log.info({ type: activity.type }, 'Aktiviteten har redan behandlats; hoppar över');
    // Teams shows an invoke's answer in place of the card; an empty one would read as an error.
    if (activity.type === ActivityTypes.Invoke) {
      await refuse(context, messages(localeOf(activity.locale)).alreadyHandled(), StatusCodes.OK, replies);
    }
    return false;
  }
  if (!needsCaller) return true;
  if (!caller) {
    await refuse(context, messages(localeOf(activity.locale)).unknownUser(), StatusCodes.OK, replies);
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
    await deps.conversations.upsertConversation(tenantId, referenceOf(context.activity), {
      now: deps.now(),
    });
  } catch (error) {
    // A reference we cannot store (no conversation id, odd serviceUrl) must not stop the user's turn.
    if (!(error instanceof DomainError)) throw error;
    deps.log.warn({ err: error.message }, 'Konversationsreferensen kunde inte sparas');
  }
}

/** Where {@link watchAnswers} notes that the turn has answered. */
const ANSWERED_KEY = Symbol('answered');

/**
 * Notes, from the start of a turn, when it sends an answer through botbuilder (an invoke's response; the bot's
 * messages go through its own replies, which note it themselves), so that {@link explainFailedTurn} can tell a turn
 * that failed before answering from one that failed after it (saving turn state at the end, say).
 * `context.responded` cannot tell: teams-ai's typing indicator sets it too.
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
  if (context.turnState.get(ANSWERED_KEY) === true || hasReplied(context)) return;
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

/**
 * A card press whose value Teams' Universal Actions would not send: no value, no action, or an action that is not
 * an `Action.Execute`.
 */
async function isUnreadableCardAction(context: TurnContext): Promise<boolean> {
  const { activity } = context;
  return (
    activity.type === ActivityTypes.Invoke &&
    activity.name === 'adaptiveCard/action' &&
    !(await isActionExecute(context))
  );
}

/**
 * Answers a refused turn: a message for chat (through the turn's replies; a bot not made by {@link createBotApp}
 * has none, and gets no message), an invoke response (so Teams does not wait) for invokes.
 */
async function refuse(
  context: TurnContext,
  text: string,
  status: number,
  replies: TurnReplies | undefined = repliesIn(context),
): Promise<void> {
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
  if (context.activity.type === ActivityTypes.Message && text) await replies?.send({ text });
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
