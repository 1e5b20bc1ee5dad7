import { parseIntent } from '../intents';

/**
 * Whether a message's text is a command (`A-17 underlag`, `A-17 klar`, `visa A-17`): a file sent with it belongs to
 * the command, not to the importer. No text, text that is no command, or a greeting (`hej`, which means `hjälp`)
 * leaves the file to the importer.
 */
export function isCommandMessage(text: string): boolean {
  const intent = parseIntent(text);
  if (intent.kind === 'help') return false;
  return intent.kind !== 'unknown' || intent.mentionedRef !== null;
}
