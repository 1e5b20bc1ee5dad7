import { Application, type RouteSelector, type TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, StatusCodes, type TurnContext } from 'botbuilder';
import { DomainError } from '../domain/errors';
import { ConflictError, referenceHash, type StoredUser } from '../storage';
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
import { isCommandMessage } from './handlers/commandMessage';
import { onAddEvidence } from './handlers/evidence';
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

/** Where `beforeTurn` leaves the caller for the handlers of the same turn. */
const CALLER_KEY = Symbol('caller');
/** Where `beforeTurn` leaves the caller's stored row (null for a guest), for what the turn writes back to it. */
const USER_KEY = Symbol('user');
/** Where `beforeTurn` leaves the team whose roster the turn should read once it has answered. */
const ROSTER_KEY = Symbol('roster');

/** Options for {@link createBotApp}. */
export interface BotAppOptions {
  adapter: TeamsAdapter;
  /** The bot's connector client (src/teams/adapter.ts, `botConnectorFor`): every reply is sent through it. */
  connector: BotConnector;
  /** The bot's app id; empty in local mode. */
  botAppId: string;
  deps: BotDeps;
}

/**
 * Builds the bot on a teams-ai Application: a gate before every handler (tenant allow-list, redelivered activities,
 * conversation reference, who is asking, linking people installed by policy), one handler for chat, one per card
 * verb, and the welcome on install. Every turn's replies go through `options.connector`, from the turn's start
 * (their deadline counts from there). The Application keeps no turn state: what the bot remembers of a user (their
 * language) is on the user's row, which the gate reads anyway.
 */
export function createBotApp(options: BotAppOptions): BotApp {
  const { deps, connector } = options;
  const rosters = new RosterLinks(deps);
  const repliesOf = (context: TurnContext): TurnReplies => turnReplies(context, connector, deps);
  /**
   * The turn, answering in `language`. A message passes the language of its words, else its Teams locale
   * ({@link replyLanguage}); a card press or a file consent, which has no words, passes none and is answered in the
   * language the caller last wrote in (the language of the cards the bot sent them on its own), else their locale.
   */
  const turnOf = (context: TurnContext, language: Locale | null = null): Turn => {
    const caller = context.turnState.get(CALLER_KEY) as Caller | undefined;
    if (!caller) throw new Error('Ingen anropare: beforeTurn har inte körts.');
    const replies = repliesOf(context);
    const locale = language ?? caller.language;
    return makeTurn(incomingActivity(context), locale ? { ...caller, locale } : caller, deps, (reply) =>
      replies.send(reply),
    );
  };
  const app = new Application({
    adapter: options.adapter,
    botAppId: options.botAppId,
    startTypingTimer: false,
  });

  app.turn('beforeTurn', async (context) => gate(context, repliesOf(context), deps));

  // A file sent to the bot is an import, unless its text is a command (`A-17 underlag` keeps it as evidence, any other
  // command says it was not kept); first, so chat never sees an import.
  app.activity(
    async (context) =>
      context.activity.type === ActivityTypes.Message &&
      hasSentFile(incomingActivity(context).attachments) &&
      !isCommandMessage(context.activity.text ?? ''),
    async (context) => {
      const turn = turnOf(context, replyLanguage(context));
      try {
        await turn.send(await onFileSent(turn, turn.activity.attachments));
      } catch (error) {
        await turn.send({ text: explain(turn, error) });
      }
    },
  );

  app.activity(ActivityTypes.Message, async (context) => {
    const text = context.activity.text ?? '';
    // The language of the user's own words wins over the client's locale, and is remembered for what the bot sends
    // on its own (reminders) and for card presses.
    const language = languageOfText(text);
    const turn = turnOf(context, replyLanguage(context));
    const answer = async () => {
      try {
        await turn.send(await answerMessage(turn, text));
      } catch (error) {
        await turn.send({ text: explain(turn, error) });
      }
    };
    await Promise.all([answer(), rememberLanguage(context, language, deps)]);
  });

  const cardVerb = (
    verb: string | RouteSelector,
    handler: (turn: Turn, data: unknown) => Promise<CardAnswer> | CardAnswer,
  ) => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const turn = turnOf(context);
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

  // Teams waits for the consent invoke's answer, which teams-ai gives after the handler, and does not show its text:
  // the file is made (storage read, caller checked again) and uploaded after that, so that whatever goes wrong,
  // slow or failing storage included, ends in a message the user sees in the chat.
  app.fileConsentAccept(async (context, _state, response) => {
    const turn = turnOf(context);
    setImmediate(() => {
      onFileAccepted(turn, response).catch(async (error: unknown) => {
        deps.log.error({ err: error }, 'Filuppladdningen misslyckades');
        await turn
          .send({ text: describeError(error, turn.caller.locale).text })
          .catch((sendError: unknown) =>
            deps.log.warn({ err: sendError }, 'Felet kunde inte sägas i chatten'),
          );
      });
    });
  });
  app.fileConsentDecline(async (context) => onFileDeclined(turnOf(context)));
  // Last, so it takes only what no verb above took: a card from an older version of the bot, or a forged verb, gets
  // an answer instead of teams-ai's bare HTTP 501, which Teams shows as a broken card.
  cardVerb(isActionExecute, (turn) => turn.say.unknownButton());
  // A card press whose value names no Action.Execute (null, no action, another type) matches no card route above;
  // unanswered, botbuilder would send HTTP 501 and Teams show a broken card. It gets the unknown-button answer.
  app.activity(isUnreadableCardAction, async (context) => {
    const turn = turnOf(context);
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
    const teamId = incomingActivity(context).teamId ?? context.activity.conversation?.id;
    if (isTeam && tenantId && teamId) await rosters.link(context, tenantId, teamId);
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
      const handled = await app.run(context);
      // A team whose roster the bot never read (installed while it was down) is read once the turn has answered.
      const team = context.turnState.get(ROSTER_KEY) as { tenantId: string; teamId: string } | undefined;
      if (team) await rosters.linkOnce(context, team.tenantId, team.teamId);
      return handled;
    },
  };
}

/**
 * The language a message is answered in (docs/commands.md): its words', else the Teams locale's, else Swedish. Not
 * the language the person last wrote in: a message whose words do not tell ("A-17", "?") follows their client.
 */
function replyLanguage(context: TurnContext): Locale {
  return languageOfText(context.activity.text ?? '') ?? localeOf(context.activity.locale);
}

/**
 * Runs before every handler. Refuses activities from tenants not allowed (and with no tenant), skips a
 * redelivered activity id, resolves the caller, stores the conversation reference for proactive messages when it
 * changed, and links a person who installed the app in personal scope (a Teams admin's setup policy installs it for
 * people who never write to the bot, and reminders must reach them). Returning false ends the turn with no handler
 * run.
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
  const personal = incoming.scope === 'personal';
  const installed = personal && isInstall(context);
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
  // In a personal chat the caller's row tells whether the stored reference is still the same; elsewhere (and on
  // install, which is when a reference matters most) it is stored every time.
  const refreshIfChanged = personal && needsCaller;
  // Independent bookkeeping, side by side: a turn waits for its slowest part, not for their sum. For a redelivered
  // activity the caller is read (and a reference stored) for nothing, which is harmless and rare.
  const [first, resolved] = await Promise.all([
    claim(context, tenantId, deps),
    needsCaller || installed ? resolveCaller(incoming, memberDirectoryOf(context), tenantId, deps) : null,
    refreshIfChanged ? null : storeReference(context, tenantId, deps),
  ]);
  if (!first) {
    deps.log.info({ type: activity.type }, 'Aktiviteten har redan behandlats; hoppar över');
    // Teams shows an invoke's answer in place of the card; an empty one would read as an error.
    if (activity.type === ActivityTypes.Invoke) {
      await refuse(context, messages(localeOf(activity.locale)).alreadyHandled(), StatusCodes.OK, replies);
    }
    return false;
  }
  let user = resolved?.user ?? null;
  if (refreshIfChanged) user = await refreshReference(context, tenantId, user, deps);
  if (installed)
    deps.log.info({ linked: Boolean(user?.email) }, 'Personlig installation: användaren kopplad');
  const teamId = incoming.teamId;
  if (
    teamId &&
    activity.type !== ActivityTypes.ConversationUpdate &&
    activity.type !== 'installationUpdate'
  ) {
    context.turnState.set(ROSTER_KEY, { tenantId, teamId });
  }
  if (!needsCaller) return true;
  if (!resolved) {
    await refuse(context, messages(localeOf(activity.locale)).unknownUser(), StatusCodes.OK, replies);
    return false;
  }
  context.turnState.set(CALLER_KEY, resolved.caller);
  context.turnState.set(USER_KEY, user);
  return true;
}

/**
 * The app added for a person: `installationUpdate` with an add action, or `conversationUpdate` adding members (the
 * bot) to the personal chat. Teams sends both when a setup policy installs the app.
 */
function isInstall(context: TurnContext): boolean {
  const { activity } = context;
  if (activity.type === 'installationUpdate') return /^add/.test(activity.action ?? '');
  return activity.type === ActivityTypes.ConversationUpdate && (activity.membersAdded?.length ?? 0) > 0;
}

/**
 * Stores the personal chat's reference unless the caller's row says it is the one stored already, and then notes
 * its hash on the row. Returns the row as it is now.
 */
async function refreshReference(
  context: TurnContext,
  tenantId: string,
  user: StoredUser | null,
  deps: BotDeps,
): Promise<StoredUser | null> {
  const hash = referenceHash(referenceOf(context.activity));
  if (user?.conversationHash === hash) return user;
  const stored = await storeReference(context, tenantId, deps);
  if (!user || stored === 'refused') return user;
  try {
    const etag = await deps.users.updateUser(
      tenantId,
      user.aadObjectId,
      { conversationHash: hash },
      { etag: user.etag },
    );
    return { ...user, conversationHash: hash, etag };
  } catch (error) {
    // Another turn of the same person wrote their row meanwhile (very likely the same hash). The reference is
    // stored; without the hash the next turn merely compares again.
    if (!(error instanceof ConflictError)) throw error;
    return user;
  }
}

/**
 * Remembers on the caller's row the language their message was written in, when it is news: card presses and
 * proactive messages are then in it. A preference, so a failure is logged and the turn goes on.
 */
async function rememberLanguage(context: TurnContext, language: Locale | null, deps: BotDeps): Promise<void> {
  const user = context.turnState.get(USER_KEY) as StoredUser | null | undefined;
  const caller = context.turnState.get(CALLER_KEY) as Caller | undefined;
  if (!language || !user || !caller || user.language === language) return;
  try {
    const change = { language };
    // If the row changed since the gate read it, the language is written on top: it is what this message says.
    const etag = await deps.users
      .updateUser(caller.tenantId, user.aadObjectId, change, { etag: user.etag })
      .catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
        return deps.users.updateUser(caller.tenantId, user.aadObjectId, change);
      });
    context.turnState.set(USER_KEY, { ...user, language, etag });
  } catch (error) {
    deps.log.warn(
      { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
      'Språket kunde inte sparas',
    );
  }
}

/**
 * Reads teams' rosters and links their members, remembering per team (in storage, and in this process so that only
 * the first activity from a team asks storage) that it was read.
 */
class RosterLinks {
  private readonly read = new Map<string, Promise<void>>();

  constructor(private readonly deps: BotDeps) {}

  /** Reads the team's roster now (the bot was added to it, or someone joined) and records that it was read. */
  async link(context: TurnContext, tenantId: string, teamId: string): Promise<void> {
    try {
      await this.linkAndRecord(context, tenantId, teamId);
      this.read.set(rosterKey(tenantId, teamId), Promise.resolve());
    } catch (error) {
      // Not the channel's concern, and not lost: each member is still linked when they first write to the bot, and
      // the roster is read again by the team's next activity.
      this.warn(error, 'Teamets medlemmar kunde inte kopplas');
    }
  }

  /** Reads the team's roster unless it was read before, by this process or (as storage records) any other. */
  async linkOnce(context: TurnContext, tenantId: string, teamId: string): Promise<void> {
    const key = rosterKey(tenantId, teamId);
    let pending = this.read.get(key);
    if (!pending) {
      pending = this.readUnlessRecorded(context, tenantId, teamId);
      this.read.set(key, pending);
    }
    try {
      await pending;
    } catch (error) {
      // Forgotten, so that the team's next activity tries again.
      if (this.read.get(key) === pending) this.read.delete(key);
      this.warn(error, 'Teamets medlemmar kunde inte kopplas');
    }
  }

  private async readUnlessRecorded(context: TurnContext, tenantId: string, teamId: string): Promise<void> {
    if ((await this.deps.conversations.getRosterRead(tenantId, teamId)) !== null) return;
    await this.linkAndRecord(context, tenantId, teamId);
  }

  private async linkAndRecord(context: TurnContext, tenantId: string, teamId: string): Promise<void> {
    const { deps } = this;
    const linked = await linkTeamMembers(memberDirectoryOf(context), tenantId, deps);
    await deps.conversations.upsertRosterRead(tenantId, teamId, { now: deps.now() });
    deps.log.info({ linked }, 'Teammedlemmar kopplade');
  }

  private warn(error: unknown, message: string): void {
    this.deps.log.warn(
      { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
      message,
    );
  }
}

function rosterKey(tenantId: string, teamId: string): string {
  return `${tenantId}\n${teamId}`;
}

/** Records the activity id; false when it was recorded before (Teams sent it again). Without an id, always true. */
async function claim(context: TurnContext, tenantId: string, deps: BotDeps): Promise<boolean> {
  const { activity } = context;
  if (!activity.id || !activity.conversation?.id) return true;
  return deps.activityLog.claimActivity(tenantId, activity.conversation.id, activity.id, deps.now());
}

/** Stores the activity's conversation reference; `refused` when it cannot be stored (logged, the turn goes on). */
async function storeReference(
  context: TurnContext,
  tenantId: string,
  deps: BotDeps,
): Promise<'stored' | 'refused'> {
  try {
    await deps.conversations.upsertConversation(tenantId, referenceOf(context.activity), {
      now: deps.now(),
    });
    return 'stored';
  } catch (error) {
    // A reference we cannot store (no conversation id, odd serviceUrl) must not stop the user's turn.
    if (!(error instanceof DomainError)) throw error;
    deps.log.warn({ err: error.message }, 'Konversationsreferensen kunde inte sparas');
    return 'refused';
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
 * has none, and gets no message), an invoke response (so Teams does not wait) for invokes. Teams shows no text from
 * a file consent invoke's answer, so there the text also goes to the chat.
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
    if (text && context.activity.name === 'fileConsent/invoke') {
      await context.sendActivity({ type: ActivityTypes.Message, text });
    }
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
