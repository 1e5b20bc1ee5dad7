import { formatRef } from '../../domain/refs';
import { confirmCard } from '../../teams/cards';
import { escapeMarkdown } from '../../teams/markdown';
import { parseIntent, type Intent } from '../intents';
import { texts } from '../../texts';
import type { Reply, Turn } from '../turn';
import { changeRole, setDigestChannel } from './admin';
import { boardReportFile } from './boardReportFile';
import { changeAction, outcomeAnswer, type ChangeOutcome } from './changeAction';
import { myActions, overdue, summary } from './lists';
import { attachEvidenceReply } from './evidence';
import { sentFileNames } from './importDraft';
import { matchActions } from './matchAction';
import { noteOnAction, reportProgress } from './note';
import { outboxReply } from './outbox';
import { reviewPackFile } from './reviewPackFile';
import { showAction } from './show';
import { showRecommendation } from './showRecommendation';
import { snooze } from './snooze';
import { unreachable } from './unreachable';
import { toReview } from './toReview';
import { verdictReply } from './verdict';

/**
 * Answers one chat message: parses what the user wants and runs the handler for it. Files sent with a command
 * other than `A-17 underlag` are not kept, and the answer says so.
 */
export async function answerMessage(turn: Turn, text: string): Promise<Reply> {
  const intent = parseIntent(text);
  const reply = await answerIntent(turn, intent);
  const files = sentFileNames(turn.activity.attachments);
  if (intent.kind === 'evidence' || files.length === 0) return reply;
  const ref = 'ref' in intent && typeof intent.ref === 'number' ? formatRef(intent.ref) : null;
  const notice = texts(turn.caller.locale).followUp.filesNotKept(files, ref);
  return { ...reply, text: reply.text ? `${reply.text}\n\n${notice}` : notice };
}

/** One handler per intent: the command table (`commands.ts`) names each command's intent, so its handler. */
type Handlers = {
  readonly [K in Intent['kind']]: (
    turn: Turn,
    intent: Extract<Intent, { kind: K }>,
  ) => Promise<Reply> | Reply;
};

const HANDLERS: Handlers = {
  help: ({ say }) => ({ text: say.help() }),
  myActions: (turn) => myActions(turn),
  overdue: (turn) => overdue(turn),
  summary: (turn) => summary(turn),
  digestHere: (turn) => setDigestChannel(turn),
  unreachable: (turn) => unreachable(turn),
  outbox: (turn) => outboxReply(turn),
  show: (turn, intent) => showAction(turn, intent.ref, { withHistory: true }),
  setStatus: async (turn, intent) =>
    intent.status === 'Pågår'
      ? reportProgress(turn, intent.ref, intent.comment)
      : changeReply(
          turn,
          await changeAction(
            turn,
            intent.ref,
            { kind: 'status', to: intent.status, comment: intent.comment },
            null,
          ),
        ),
  newDate: async (turn, intent) =>
    changeReply(
      turn,
      await changeAction(
        turn,
        intent.ref,
        { kind: 'deadline', date: intent.date, reason: intent.reason },
        null,
      ),
    ),
  note: (turn, intent) => noteOnAction(turn, intent.ref, intent.text),
  evidence: (turn, intent) => attachEvidenceReply(turn, intent),
  toReview: (turn) => toReview(turn),
  boardReportFile: (turn) => boardReportFile(turn),
  reviewPackFile: (turn, intent) => reviewPackFile(turn, intent.diaryNumber),
  showRecommendation: (turn, intent) => showRecommendation(turn, intent.ref),
  verdict: (turn, intent) => verdictReply(turn, intent.ref, intent.verdict, intent.comment),
  statusWithoutRef: (turn, intent) => confirmFreeText(turn, intent.text, intent.status),
  role: (turn, intent) => changeRole(turn, intent),
  snooze: (turn, intent) => snooze(turn, intent.ref, intent.until, intent.reason),
  invalid: ({ say }, intent) => ({
    text: say.invalid(
      intent.problem,
      escapeMarkdown(intent.detail),
      intent.ref === null ? null : formatRef(intent.ref),
    ),
  }),
  severalActions: ({ say }, intent) => ({ text: say.severalActions(intent.refs.map(formatRef)) }),
  thanks: ({ say }) => ({ text: say.thanks() }),
  unknown: ({ say }, intent) => ({
    text: say.unknown(intent.mentionedRef === null ? null : formatRef(intent.mentionedRef)),
  }),
};

async function answerIntent<K extends Intent['kind']>(
  turn: Turn,
  intent: Extract<Intent, { kind: K }>,
): Promise<Reply> {
  const handler = HANDLERS[intent.kind as K] as Handlers[K];
  return handler(turn, intent);
}

/** A change typed in chat is answered like a card press: the updated card, or only a refusal. */
function changeReply(turn: Turn, outcome: ChangeOutcome): Reply {
  const answer = outcomeAnswer(turn, outcome);
  return typeof answer === 'string' ? { text: answer } : { cards: [answer] };
}

/**
 * "inventeringen är klar": finds the sender's own open action the sentence speaks of and asks before changing
 * anything (a Ja/Nej card carrying the version it was rendered from).
 */
async function confirmFreeText(turn: Turn, text: string, status: 'Genomförd' | 'Pågår'): Promise<Reply> {
  const { caller, deps, say } = turn;
  if (!caller.email) return { text: say.noMatch() };
  const own = await deps.actions.listOpenActions(caller.tenantId, { ownerEmail: caller.email });
  const matches = matchActions(text, own);
  if (matches.length === 0) return { text: say.noMatch() };
  return {
    cards: matches.map((action) =>
      confirmCard(
        {
          ref: formatRef(action.ref),
          version: action.version,
          text: action.text,
          status,
          comment: null,
          question: say.confirmMatch(formatRef(action.ref), action.text, texts(caller.locale).status[status]),
        },
        caller.locale,
      ),
    ),
  };
}
